import type { RecordedHistoryItem } from '../../projections/recorded-versions';
import type { Provenance } from '../domain/provenance';

/**
 * One event of a field operation's stream, as its history shows it: the fields every history has
 * (its `id` is what a correction names in `corrects`), the decision it cites and its provenance.
 */
export interface HistoryItem extends RecordedHistoryItem {
  decision: string | null;
  /** Where the fact comes from, as recorded on it; null when it has none (and for corrections). */
  provenance: Provenance | null;
}
