import type { RecordDecision } from '../../src/decisions/record/record-decision.decide';
import type { EstablishFieldOperation } from '../../src/field-operations/establish/establish.decide';
import type { AdmitState } from '../../src/participating-states/admit/admit.decide';

/**
 * The press release of the seed case, used by tests and docs: of 30 December 2002. The Permanent Council (PC.DEC/526)
 * established the OSCE Office in Minsk from 2003-01-01, replacing the Advisory and Monitoring
 * Group in Belarus, which ceased its activities on 2002-12-31. Sources: osce.org/minsk/43444,
 * osce.org/who/timeline/1990s/05 (Belarus), and the shared data set's evidence log.
 */
export const belarus: AdmitState = { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' };

export const advisoryAndMonitoringGroup: EstablishFieldOperation = {
  id: 'advisory-and-monitoring-group-in-belarus',
  name: 'OSCE Advisory and Monitoring Group in Belarus',
  kind: 'advisory-and-monitoring-group',
  hostStates: ['belarus'],
  seat: 'Minsk',
  establishedOn: '1998-02-27',
};

export const pcDec526: RecordDecision = {
  reference: 'PC.DEC/526',
  body: 'permanent-council',
  adoptedOn: '2002-12-30',
  title: 'Establishment of the OSCE Office in Minsk',
  sourceUrl: 'https://www.osce.org/minsk/43444',
  effects: [
    {
      action: 'establish',
      id: 'office-in-minsk',
      name: 'OSCE Office in Minsk',
      kind: 'office',
      hostStates: ['belarus'],
      seat: 'Minsk',
      establishedOn: '2003-01-01',
      mandate: {
        summary:
          'To assist the Belarusian Government in further promoting institution-building, in further consolidating the Rule of Law and in developing relations with civil society, in accordance with OSCE principles and commitments',
        until: '2003-12-31',
      },
      predecessors: ['advisory-and-monitoring-group-in-belarus'],
    },
    {
      action: 'close',
      operation: 'advisory-and-monitoring-group-in-belarus',
      closedOn: '2002-12-31',
      reason: 'replaced',
      successors: ['office-in-minsk'],
    },
  ],
};
