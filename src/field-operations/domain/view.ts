import { firstDay, lastDay, type PartialDate } from '../../shared/domain/partial-date';
import type { Kind } from './kinds';
import type { FieldOperation } from './state';

export type Status = 'not-yet-established' | 'active' | 'closed';

export interface FieldOperationView {
  id: string;
  name: string;
  kind: Kind;
  hostStates: string[];
  seat: string | null;
  status: Status;
  establishedOn: PartialDate;
  closedOn: PartialDate | null;
  closureReason: string | null;
  mandate: { summary: string; until: PartialDate | null; decision: string | null } | null;
  predecessors: string[];
  successors: string[];
  head: string | null;
}

export function statusOn(operation: FieldOperation, day: string): Status {
  if (day < firstDay(operation.establishedOn)) return 'not-yet-established';
  const closedOn = operation.closure?.closedOn;
  return closedOn !== undefined && day > lastDay(closedOn) ? 'closed' : 'active';
}

/**
 * The version in force on `day`: the one that started last on or before it, by valid date, with
 * recording order breaking ties (so a back-dated renaming recorded later does not win).
 */
function inForce<T>(
  versions: readonly T[],
  from: (v: T) => PartialDate,
  day: string,
): T | undefined {
  let found: T | undefined;
  for (const version of versions) {
    const start = firstDay(from(version));
    if (start <= day && (found === undefined || start >= firstDay(from(found)))) found = version;
  }
  return found;
}

/** What was in force on `day` (YYYY-MM-DD), valid time. */
export function viewOn(operation: FieldOperation, day: string): FieldOperationView {
  const name = inForce(operation.names, (n) => n.from, day) ?? operation.names[0];
  const mandate = inForce(operation.mandates, (m) => m.effectiveFrom, day);
  const head = inForce(operation.heads, (h) => h.from, day);
  const extended = mandate?.extensions[mandate.extensions.length - 1];
  return {
    id: operation.id,
    name: name.name,
    kind: name.kind,
    hostStates: operation.hostStates,
    seat: operation.seat,
    status: statusOn(operation, day),
    establishedOn: operation.establishedOn,
    closedOn: operation.closure?.closedOn ?? null,
    closureReason: operation.closure?.reason ?? null,
    mandate: mandate
      ? {
          summary: mandate.summary,
          until: extended?.until ?? mandate.until,
          decision: extended?.decision ?? mandate.decision,
        }
      : null,
    predecessors: operation.predecessors,
    successors: operation.successors,
    head: head?.name ?? null,
  };
}
