import type { PartialDate } from '../../shared/domain/partial-date';
import type { Closed, FieldOperationFact } from './events';
import type { Kind } from './kinds';

export interface NameVersion {
  name: string;
  kind: Kind;
  from: PartialDate;
  decision: string | null;
}

export interface SeatVersion {
  seat: string | null;
  from: PartialDate;
  decision: string | null;
}

export interface HostStatesVersion {
  hostStates: string[];
  from: PartialDate;
  decision: string | null;
}

export interface Mandate {
  summary: string;
  decision: string | null;
  effectiveFrom: PartialDate;
  until: PartialDate | null;
  extensions: Array<{ decision: string; until: PartialDate }>;
}

/** A field operation as its stream tells it, with every dated version kept for as-of views. */
export interface FieldOperation {
  id: string;
  establishedOn: PartialDate;
  establishedBy: string | null;
  sourceUrl: string | null;
  names: NameVersion[];
  /** Host States over time, the establishment's first (see `viewOn` for the ones in force). */
  hostStateVersions: HostStatesVersion[];
  /** Seats over time, the establishment's first. */
  seats: SeatVersion[];
  mandates: Mandate[];
  heads: Array<{ name: string; from: PartialDate }>;
  predecessors: string[];
  successors: string[];
  closure: Closed | null;
}

export type FieldOperationState = FieldOperation | undefined;

/** Pure fold of one stream's facts. */
export function evolve(state: FieldOperationState, event: FieldOperationFact): FieldOperationState {
  if (event.fact === 'established') {
    const e = event.data;
    return {
      id: e.operationId,
      establishedOn: e.establishedOn,
      establishedBy: e.decision,
      sourceUrl: e.sourceUrl,
      names: [{ name: e.name, kind: e.kind, from: e.establishedOn, decision: e.decision }],
      hostStateVersions: [
        { hostStates: [...e.hostStates], from: e.establishedOn, decision: e.decision },
      ],
      seats: [{ seat: e.seat, from: e.establishedOn, decision: e.decision }],
      mandates: [],
      heads: [],
      predecessors: [...e.predecessors],
      successors: [],
      closure: null,
    };
  }
  if (!state) return state;
  switch (event.fact) {
    case 'mandate-agreed': {
      const { summary, decision, effectiveFrom, until } = event.data;
      return {
        ...state,
        mandates: [...state.mandates, { summary, decision, effectiveFrom, until, extensions: [] }],
      };
    }
    case 'mandate-extended': {
      const { decision, until } = event.data;
      const mandates = state.mandates.map((m, i) =>
        i === state.mandates.length - 1
          ? { ...m, extensions: [...m.extensions, { decision, until }] }
          : m,
      );
      return { ...state, mandates };
    }
    case 'renamed': {
      const { name, kind, effectiveOn, decision } = event.data;
      return { ...state, names: [...state.names, { name, kind, from: effectiveOn, decision }] };
    }
    case 'head-appointed':
      return {
        ...state,
        heads: [...state.heads, { name: event.data.name, from: event.data.from }],
      };
    case 'seat-changed': {
      const { seat, effectiveOn, decision } = event.data;
      return { ...state, seats: [...state.seats, { seat, from: effectiveOn, decision }] };
    }
    case 'host-states-changed': {
      const { hostStates, effectiveOn, decision } = event.data;
      const version = { hostStates: [...hostStates], from: effectiveOn, decision };
      return { ...state, hostStateVersions: [...state.hostStateVersions, version] };
    }
    case 'note-recorded':
      return state;
    case 'closed':
      return {
        ...state,
        closure: event.data,
        successors: [...new Set([...state.successors, ...event.data.successors])],
      };
  }
}

/** The name and kind in force now (the last recorded). */
export function currentName(state: FieldOperation): NameVersion {
  return state.names[state.names.length - 1];
}
