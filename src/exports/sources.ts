import type { DecisionEntry } from '../decisions/read/decision-entry';
import type { HistoryItem } from '../field-operations/read/history-item';

/** A source link, as Popolo writes one: where a fact comes from, with a note saying which. */
export interface Source {
  url: string;
  note: string;
}

const isUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\//.test(value);

const listed = (sources: unknown): unknown[] => (Array.isArray(sources) ? sources : []);

/**
 * URLs a recorded fact carries itself: its `sourceUrl` and the sources of its `provenance` (those
 * that are URLs rather than citations).
 */
function urlsIn(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const { sourceUrl, provenance } = data as {
    sourceUrl?: unknown;
    provenance?: { sources?: unknown } | null;
  };
  return [sourceUrl, ...listed(provenance?.sources)].filter(isUrl);
}

/**
 * The sources an operation's history cites, first citation first, each URL once: those its events
 * carry, and the source of each decision they rest on (noted with its reference and title).
 */
export function sourcesOf(
  history: readonly HistoryItem[],
  decisions: ReadonlyMap<string, DecisionEntry>,
): Source[] {
  const found = new Map<string, string>();
  for (const item of history) {
    for (const url of urlsIn(item.data)) if (!found.has(url)) found.set(url, item.summary);
    const decision = item.decision === null ? undefined : decisions.get(item.decision);
    if (decision && isUrl(decision.sourceUrl) && !found.has(decision.sourceUrl)) {
      found.set(
        decision.sourceUrl,
        decision.title ? `${decision.reference}: ${decision.title}` : decision.reference,
      );
    }
  }
  return [...found].map(([url, note]) => ({ url, note }));
}
