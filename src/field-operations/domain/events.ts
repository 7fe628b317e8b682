import type { PartialDate } from '../../shared/domain/partial-date';
import { FAMILIES, type Family, familyOf, type Kind } from './kinds';
import type { Provenance } from './provenance';

/** Every fact may carry where it comes from; events recorded before provenance existed have none. */
interface Sourced {
  provenance?: Provenance | null;
}

/**
 * The facts recorded on a field operation's stream. Establishment and closure are one fact each;
 * their stored type names carry the operation's family (`OfficeEstablished`, `GroupClosed`).
 */
export interface Established extends Sourced {
  operationId: string;
  name: string;
  kind: Kind;
  hostStates: string[];
  seat: string | null;
  establishedOn: PartialDate;
  decision: string | null;
  sourceUrl: string | null;
  predecessors: string[];
}

export interface MandateAgreed extends Sourced {
  operationId: string;
  decision: string | null;
  effectiveFrom: PartialDate;
  summary: string;
  until: PartialDate | null;
}

export interface MandateExtended extends Sourced {
  operationId: string;
  decision: string;
  until: PartialDate;
}

export interface Renamed extends Sourced {
  operationId: string;
  name: string;
  kind: Kind;
  effectiveOn: PartialDate;
  decision: string | null;
}

export interface HeadAppointed extends Sourced {
  operationId: string;
  name: string;
  from: PartialDate;
  /** The decision that appointed the head; absent from events recorded before heads cited one. */
  decision?: string | null;
}

export const CLOSURE_REASONS = [
  'mandate-expired',
  'no-consensus',
  'host-withdrew-consent',
  'replaced',
  'merged',
  'mandate-fulfilled',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export interface Closed extends Sourced {
  operationId: string;
  closedOn: PartialDate;
  reason: ClosureReason;
  decision: string | null;
  successors: string[];
}

export interface SeatChanged extends Sourced {
  operationId: string;
  seat: string;
  effectiveOn: PartialDate;
  decision: string | null;
}

export interface HostStatesChanged extends Sourced {
  operationId: string;
  hostStates: string[];
  effectiveOn: PartialDate;
  decision: string | null;
}

/** The kinds of dated remark the sources make about an operation without changing it. */
export const NOTE_CATEGORIES = [
  'deployment',
  'expansion',
  'downsizing',
  'host-agreement',
  'host-termination',
  'relocation',
  'withdrawal',
  'modalities',
  'extension',
  'mandate-expiry',
  'mandate-lapse',
  'closure-announcement',
  'other',
] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

/** A dated remark on the operation (a deployment, a closure process...) that changes no state. */
export interface NoteRecorded extends Sourced {
  operationId: string;
  on: PartialDate | null;
  category: NoteCategory | null;
  text: string;
  decision: string | null;
}

export type FieldOperationFact =
  | { fact: 'established'; data: Established }
  | { fact: 'mandate-agreed'; data: MandateAgreed }
  | { fact: 'mandate-extended'; data: MandateExtended }
  | { fact: 'renamed'; data: Renamed }
  | { fact: 'head-appointed'; data: HeadAppointed }
  | { fact: 'closed'; data: Closed }
  | { fact: 'seat-changed'; data: SeatChanged }
  | { fact: 'host-states-changed'; data: HostStatesChanged }
  | { fact: 'note-recorded'; data: NoteRecorded };

/**
 * Supersedes fields of an earlier fact on the same stream (`corrects` is its event id) without
 * touching it; folds apply the changes to that fact (see `corrections.ts`).
 */
export interface FactCorrected {
  operationId: string;
  corrects: string;
  correctedType: string;
  changes: Record<string, unknown>;
  reason: string;
}

export const FACT_CORRECTED = 'FactCorrected';

/** A fact with its stored type name, ready to be written. */
export interface FieldOperationEvent {
  type: string;
  data: FieldOperationFact['data'] | FactCorrected;
}

/** An event as read back from the stream: its id is what a correction names. */
export interface StoredEvent {
  id?: string;
  type: string;
  data: unknown;
}

const FIXED_TYPES = {
  'mandate-agreed': 'MandateAgreed',
  'mandate-extended': 'MandateExtended',
  renamed: 'FieldOperationRenamed',
  'head-appointed': 'HeadAppointed',
  'seat-changed': 'SeatChanged',
  'host-states-changed': 'HostStatesChanged',
  'note-recorded': 'NoteRecorded',
} as const;

/** The stored type name of a fact; `kind` decides the family of establishment and closure. */
export function typeOf(fact: FieldOperationFact['fact'], kind: Kind): string {
  if (fact === 'established') return `${familyOf(kind)}Established`;
  if (fact === 'closed') return `${familyOf(kind)}Closed`;
  return FIXED_TYPES[fact];
}

const FAMILY_FACT = new RegExp(`^(${FAMILIES.join('|')})(Established|Closed)$`);

/** Every stored type name of a field-operation fact, and the fact it records. */
const FACT_OF_TYPE = new Map<string, FieldOperationFact['fact']>([
  ...FAMILIES.flatMap((family) => [
    [`${family}Established`, 'established'] as const,
    [`${family}Closed`, 'closed'] as const,
  ]),
  ...Object.entries(FIXED_TYPES).map(
    ([fact, type]) => [type, fact as FieldOperationFact['fact']] as const,
  ),
]);

/**
 * Reads a stored event back as a fact, or undefined for a type that is not a field-operation fact.
 * One lookup: every command folds its operation's stream through here, event by event.
 */
export function factOf(type: string, data: unknown): FieldOperationFact | undefined {
  const fact = FACT_OF_TYPE.get(type);
  return fact === undefined ? undefined : ({ fact, data } as FieldOperationFact);
}

export function familyOfType(type: string): Family | undefined {
  return FAMILY_FACT.exec(type)?.[1] as Family | undefined;
}

export const FIELD_OPERATION_STREAM_PREFIX = 'field-operation-';
export const streamOfOperation = (id: string): string => `${FIELD_OPERATION_STREAM_PREFIX}${id}`;
