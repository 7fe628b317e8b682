import type { DecisionEntry } from '../decisions/read/decision-entry';
import type { DecisionsReader } from '../decisions/read/decisions.reader';
import { fold } from '../field-operations/domain/fold';
import type { FieldOperation } from '../field-operations/domain/state';
import type { FieldOperationDetail } from '../field-operations/read/field-operation-detail';
import type { FieldOperationsReader } from '../field-operations/read/field-operations.reader';
import type {
  ParticipatingStateEntry,
  ParticipatingStatesReader,
} from '../participating-states/read/participating-states.reader';
import { sourcesOf, type Source } from './sources';

/** One field operation for an export: its view on `asOf` and its whole recorded timeline. */
export interface OperationRecord {
  /** As `GET /api/field-operations/{id}` shows it on `asOf` (links from both sides). */
  view: FieldOperationDetail;
  /** Folded from its history up to `knownAt`: every name, head and mandate with its dates. */
  operation: FieldOperation;
  /** Source links its history cites (its own and those of the decisions it rests on). */
  sources: Source[];
}

/** Everything an export shows, read once: the registry on `asOf` as recorded up to `knownAt`. */
export interface RegistrySnapshot {
  asOf: string;
  /** The `knownAt` asked for (ISO instant), or null for everything recorded so far. */
  knownAt: string | null;
  operations: OperationRecord[];
  /** Every State recorded up to `knownAt`, whether or not admitted by `asOf`. */
  states: ParticipatingStateEntry[];
  /** Ids of the States admitted on or before `asOf`. */
  participatingOnAsOf: ReadonlySet<string>;
  /** Decisions recorded up to `knownAt`, by reference. */
  decisions: ReadonlyMap<string, DecisionEntry>;
}

export interface SnapshotQuery {
  asOf: string;
  knownAt?: string;
  /** `knownAt` as epoch ms (undefined: everything recorded so far). */
  knownAtMs?: number;
}

/**
 * Reads what the exports need through the read API's own readers, so they answer `asOf` and
 * `knownAt` exactly as `GET /api/field-operations` does: the list gives each view, each
 * operation's history up to `knownAt` folded with the domain's `fold` gives its dated versions.
 */
export class RegistrySnapshots {
  constructor(
    private readonly operations: FieldOperationsReader,
    private readonly decisionsReader: DecisionsReader,
    private readonly states: ParticipatingStatesReader,
    /**
     * Resolves when the read models' files agree (`ReadModels.aligned`): the decisions live in a
     * file of their own, projected beside the operations', and an export read while only one of
     * them had a batch would cite a decision it does not list.
     */
    private readonly aligned: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /** Waits for the files to agree, then reads them all at once (synchronously). */
  async take(query: SnapshotQuery): Promise<RegistrySnapshot> {
    await this.aligned();
    return this.read(query);
  }

  private read(query: SnapshotQuery): RegistrySnapshot {
    const { asOf, knownAtMs } = query;
    const decisions = new Map(
      this.decisionsReader.list(undefined, knownAtMs).map((d) => [d.reference, d]),
    );
    const operations = this.operations
      .list({ asOf, knownAt: knownAtMs, status: 'all' })
      .flatMap((view) => {
        const history = this.operations.history(view.id, knownAtMs) ?? [];
        const operation = fold(history);
        return operation ? [{ view, operation, sources: sourcesOf(history, decisions) }] : [];
      });
    return {
      asOf,
      knownAt: query.knownAt ?? null,
      operations,
      states: this.states.list(undefined, knownAtMs),
      participatingOnAsOf: new Set(this.states.list(asOf, knownAtMs).map((s) => s.id)),
      decisions,
    };
  }
}
