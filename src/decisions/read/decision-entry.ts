import type { PartialDate } from '../../shared/domain/partial-date';
import type { DecisionBody, DecisionRecorded } from '../domain/decision';

/** A recorded decision as the read API shows it. */
export interface DecisionEntry {
  id: string;
  reference: string;
  body: DecisionBody;
  adoptedOn: PartialDate;
  title: string | null;
  sourceUrl: string | null;
  effects: DecisionRecorded['effects'];
  position: number;
  recordedAt: string;
  actor: string | null;
}
