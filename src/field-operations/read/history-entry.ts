import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationFact, familyOfType } from '../domain/events';
import type { Family } from '../domain/kinds';
import { provenanceSummary } from '../domain/provenance';
import { currentName, type FieldOperationState } from '../domain/state';

/** What a history row says about one fact, beyond the envelope. */
export interface HistoryEntry {
  summary: string;
  effectiveOn: PartialDate | null;
  decision: string | null;
}

const FAMILY_LABELS: Record<Family, string> = {
  Mission: 'Mission',
  Office: 'Office',
  Centre: 'Centre',
  Presence: 'Presence',
  Group: 'Group',
  ProjectCoordinator: 'Project co-ordinator',
  TaskForce: 'Task force',
  Representative: 'Representative',
};

export const MAX_QUOTED_SUMMARY = 100;

/** Cuts long text at a word boundary, marking the cut with an ellipsis. */
export function shorten(text: string, max = MAX_QUOTED_SUMMARY): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = flat[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function familyLabelOf(type: string): string {
  const family = familyOfType(type);
  return family ? FAMILY_LABELS[family] : 'Field operation';
}

const cites = (decision: string | null): string => (decision ? ` (${decision})` : '');

/**
 * The one-line, human summary of a fact, as the Secretariat would phrase it, noting its provenance
 * ("(2 sources, conflict noted)"). `before` is the operation as it stood before the fact (its name
 * is what a closure names).
 */
export function historyEntryOf(
  type: string,
  event: FieldOperationFact,
  before: FieldOperationState,
): HistoryEntry {
  const entry = factEntryOf(type, event, before);
  const sourced = provenanceSummary(event.data.provenance);
  return sourced ? { ...entry, summary: `${entry.summary} (${sourced})` } : entry;
}

function factEntryOf(
  type: string,
  event: FieldOperationFact,
  before: FieldOperationState,
): HistoryEntry {
  switch (event.fact) {
    case 'established': {
      const { name, establishedOn, decision } = event.data;
      return {
        summary: `${familyLabelOf(type)} established: ${name}`,
        effectiveOn: establishedOn,
        decision,
      };
    }
    case 'mandate-agreed': {
      const { summary, effectiveFrom, decision } = event.data;
      return {
        summary: `Mandate agreed${cites(decision)}: ${shorten(summary)}`,
        effectiveOn: effectiveFrom,
        decision,
      };
    }
    case 'mandate-extended': {
      const { until, decision } = event.data;
      return {
        summary: `Mandate extended until ${until}${cites(decision)}`,
        effectiveOn: null,
        decision,
      };
    }
    case 'renamed': {
      const { name, effectiveOn, decision } = event.data;
      return { summary: `Renamed: ${name}`, effectiveOn, decision };
    }
    case 'head-appointed': {
      // Appointments recorded before decisions cited them have no `decision`.
      const decision = event.data.decision ?? null;
      return {
        summary: `Head appointed: ${event.data.name}${cites(decision)}`,
        effectiveOn: event.data.from,
        decision,
      };
    }
    case 'seat-changed': {
      const { seat, effectiveOn, decision } = event.data;
      return { summary: `Seat changed: ${seat}${cites(decision)}`, effectiveOn, decision };
    }
    case 'host-states-changed': {
      const { hostStates, effectiveOn, decision } = event.data;
      return {
        summary: `Host States changed: ${hostStates.join(', ')}${cites(decision)}`,
        effectiveOn,
        decision,
      };
    }
    case 'note-recorded': {
      const { category, text, on, decision } = event.data;
      return {
        summary: `Note${category ? ` (${category})` : ''}${cites(decision)}: ${shorten(text)}`,
        effectiveOn: on,
        decision,
      };
    }
    case 'closed': {
      const { reason, closedOn, decision } = event.data;
      const name = before ? currentName(before).name : event.data.operationId;
      return {
        summary: `${familyLabelOf(type)} closed (${reason}): ${name}`,
        effectiveOn: closedOn,
        decision,
      };
    }
  }
}
