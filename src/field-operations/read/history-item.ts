import type { PartialDate } from '../../shared/domain/partial-date';
import type { Provenance } from '../domain/provenance';

/** One event of a field operation's stream, as its history shows it. */
export interface HistoryItem {
  /** The event id: what a correction names in `corrects`. */
  id: string;
  position: number;
  revision: number;
  type: string;
  summary: string;
  effectiveOn: PartialDate | null;
  recordedAt: string;
  actor: string | null;
  decision: string | null;
  /** Where the fact comes from, as recorded on it; null when it has none (and for corrections). */
  provenance: Provenance | null;
  data: unknown;
}
