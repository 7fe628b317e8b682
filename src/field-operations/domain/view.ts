import { firstDay, lastDay, type PartialDate } from '../../shared/domain/partial-date';
import type { Kind } from './kinds';
import type { FieldOperation, Mandate, NameVersion } from './state';

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
  mandate: MandateView | null;
  predecessors: string[];
  successors: string[];
  head: string | null;
}

export interface MandateView {
  summary: string;
  /** Last day, with the latest extension applied. */
  until: PartialDate | null;
  decision: string | null;
  /** True when `until` had passed on the day and no extension covers it. */
  lapsed: boolean;
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
  let foundStart = '';
  // Indexed: the read side's states are frozen, and for-of over a frozen array allocated ~80
  // bytes per element (over 1 KB per list item with a few heads).
  for (let i = 0; i < versions.length; i++) {
    const version = versions[i];
    const start = firstDay(from(version));
    if (start <= day && (found === undefined || start >= foundStart)) {
      found = version;
      foundStart = start;
    }
  }
  return found;
}

function mandateOn(mandate: Mandate, day: string): MandateView {
  const extended = mandate.extensions[mandate.extensions.length - 1];
  const until = extended?.until ?? mandate.until;
  return {
    summary: mandate.summary,
    until,
    decision: extended?.decision ?? mandate.decision,
    lapsed: until !== null && day > lastDay(until),
  };
}

/** The name (and kind) in force on `day` (YYYY-MM-DD), with the decision it rests on. */
export function nameOn(operation: FieldOperation, day: string): NameVersion {
  return inForce(operation.names, (n) => n.from, day) ?? operation.names[0];
}

/** What was in force on `day` (YYYY-MM-DD), valid time. */
export function viewOn(operation: FieldOperation, day: string): FieldOperationView {
  return linkedViewOn(operation, day, operation.predecessors, operation.successors);
}

/**
 * `viewOn` with the succession links given instead of the operation's own (the read side adds
 * the links its counterparts named): one object built once, on the read API's hottest path.
 */
export function linkedViewOn(
  operation: FieldOperation,
  day: string,
  predecessors: string[],
  successors: string[],
): FieldOperationView {
  const name = inForce(operation.names, (n) => n.from, day) ?? operation.names[0];
  const seat = inForce(operation.seats, (v) => v.from, day) ?? operation.seats[0];
  const hosts =
    inForce(operation.hostStateVersions, (v) => v.from, day) ?? operation.hostStateVersions[0];
  const mandate = inForce(operation.mandates, (m) => m.effectiveFrom, day);
  const head = inForce(operation.heads, (h) => h.from, day);
  return {
    id: operation.id,
    name: name.name,
    kind: name.kind,
    hostStates: hosts.hostStates,
    seat: seat.seat,
    status: statusOn(operation, day),
    establishedOn: operation.establishedOn,
    closedOn: operation.closure?.closedOn ?? null,
    closureReason: operation.closure?.reason ?? null,
    mandate: mandate ? mandateOn(mandate, day) : null,
    predecessors,
    successors,
    head: head?.name ?? null,
  };
}
