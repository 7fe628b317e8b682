import type { Closed, Established, MandateAgreed } from '../../src/field-operations/domain/events';

type Stored<T> = { type: string; data: T };

/** The seed case's past, as stored events, for specs. */
export const amgEstablished: Stored<Established> = {
  type: 'GroupEstablished',
  data: {
    operationId: 'advisory-and-monitoring-group-in-belarus',
    name: 'OSCE Advisory and Monitoring Group in Belarus',
    kind: 'advisory-and-monitoring-group',
    hostStates: ['belarus'],
    seat: 'Minsk',
    establishedOn: '1998-02-27',
    decision: null,
    sourceUrl: null,
    predecessors: [],
  },
};

export const amgMandate: Stored<MandateAgreed> = {
  type: 'MandateAgreed',
  data: {
    operationId: 'advisory-and-monitoring-group-in-belarus',
    decision: 'PC.DEC/185',
    effectiveFrom: '1998-02-27',
    summary: 'Assist the Belarusian authorities in promoting democratic institutions',
    until: null,
  },
};

export const amgClosed: Stored<Closed> = {
  type: 'GroupClosed',
  data: {
    operationId: 'advisory-and-monitoring-group-in-belarus',
    closedOn: '2002-12-31',
    reason: 'replaced',
    decision: 'PC.DEC/526',
    successors: ['office-in-minsk'],
  },
};

export const AMG = 'advisory-and-monitoring-group-in-belarus';
