import { DECISION_RECORDED } from '../../decisions/domain/decision';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { slugOfReference } from '../../shared/domain/slug';

/**
 * The decision an event rests on, by its reference as recorded: `data.decision` for a change that
 * cites one, `data.reference` for the `DecisionRecorded` event itself; null when there is none.
 */
export function citedDecisionOf(event: Pick<RecordedEvent, 'type' | 'data'>): string | null {
  if (typeof event.data !== 'object' || event.data === null) return null;
  const data = event.data as Record<string, unknown>;
  const reference = event.type === DECISION_RECORDED ? data.reference : data.decision;
  return typeof reference === 'string' && reference !== '' ? reference : null;
}

/**
 * What decision references are compared by: the decision id (`PC.DEC/526` and `pc-dec-526` are
 * both `pc-dec-526`), the same slug that names a decision's stream.
 */
export const decisionKeyOf = (reference: string): string => slugOfReference(reference);
