import type { Draft } from './field-operations';
import type { SourceFieldOperation } from './source-types';

type Target = (event: Draft) => boolean;

const isAction =
  (...actions: string[]): Target =>
  (e) =>
    actions.includes(e.action);
const inYear =
  (year: string): Target =>
  (e) =>
    e.dates.some((d) => d.startsWith(year));
const both =
  (a: Target, b: Target): Target =>
  (e) =>
    a(e) && b(e);

/**
 * Which facts a confidence entry of the research is about, read from its key: `all`, a field of
 * the record (`established.decisionDate`, `closed`, `seat`), a kind of event (`deployment`), a year
 * (`2008 rename`) or a decision (`PC.DEC/861 date`). Undefined when the key names no fact.
 */
function targetOfConfidence(key: string): Target | undefined {
  if (key === 'all') return () => true;
  if (key === 'mandateEvents') return (e) => e.origin === 'mandate-event';
  if (key === 'names') return isAction('establish', 'rename');
  if (
    /^(established|establishment|effectiveDate|decisionRef|decision$|seat|predecessor)/.test(key)
  ) {
    return isAction('establish');
  }
  if (/^(closed|closure|successors)/.test(key)) return isAction('close');
  const ref = /(PC\.DEC\/\d+)/.exec(key);
  if (ref)
    return (e) => e.data.decision === ref[1] || e.provenance.notes.some((n) => n.includes(ref[1]));
  const year = /\b((?:19|20)\d\d)\b/.exec(key)?.[1];
  const renaming = /rename|transformation/.test(key);
  if (renaming && year) return both(inYear(year), (e) => e.origin === 'name');
  if (renaming) return isAction('rename');
  if (year) return both(inYear(year), (e) => e.action !== 'establish' && e.action !== 'close');
  return (e) => e.category !== undefined && key.startsWith(e.category);
}

function targetOfConflict(field: string): Target | undefined {
  if (/^establish/.test(field)) return isAction('establish');
  if (/^closed|^end date/.test(field)) return isAction('close');
  if (field === 'Office in Baku end') return isAction('rename', 'close');
  return undefined;
}

/**
 * Puts each confidence entry and conflict of the research on the facts it concerns; returns, as
 * record notes, those that concern no single fact.
 */
export function attachEvidence(source: SourceFieldOperation, events: Draft[]): string[] {
  const leftovers: string[] = [];
  for (const [key, level] of Object.entries(source.confidence)) {
    const target = targetOfConfidence(key);
    const hits = target ? events.filter(target) : [];
    for (const event of hits) event.provenance.confidence[key] = level;
    if (hits.length === 0) leftovers.push(`Confidence (${key}): ${level}`);
  }
  for (const conflict of source.conflicts) {
    const target = targetOfConflict(conflict.field);
    const hits = target ? events.filter(target) : [];
    for (const event of hits) event.provenance.conflicts.push(conflict);
    if (hits.length === 0) {
      leftovers.push(
        `Conflict (${conflict.field}): ${conflict.values.join(' | ')}; resolution: ${conflict.resolution}`,
      );
    }
  }
  return leftovers;
}
