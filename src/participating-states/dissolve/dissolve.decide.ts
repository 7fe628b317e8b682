import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import type { PartialDate } from '../../shared/domain/partial-date';
import { STATE_DISSOLVED, type StateDissolved } from '../domain/events';
import {
  requireActiveState,
  requireNotBeforeStart,
  requireRegistered,
  type StateLookup,
} from '../domain/guards';
import type { ParticipatingState } from '../domain/participating-state';

export interface DissolveState {
  id: string;
  /** Last day of its participation (inclusive). */
  dissolvedOn: PartialDate;
  successors?: string[];
  /** The successor recorded as continuing its participation (`continue`), if any. */
  continuedBy?: string | null;
  provenance?: ProvenanceInput | null;
}

/**
 * Ends a State (the USSR, Yugoslavia, Czechoslovakia, Serbia and Montenegro). Its successors must
 * be registered; the one continuing it must be among them and recorded as continuing it.
 */
export function decideDissolve(
  command: DissolveState,
  state: ParticipatingState,
  lookup: StateLookup,
): Array<{ type: typeof STATE_DISSOLVED; data: StateDissolved }> {
  const current = requireActiveState(state, command.id);
  requireNotBeforeStart(current, command.dissolvedOn, '/dissolvedOn');
  const successors = command.successors ?? [];
  successors.forEach((successor, i) => {
    if (successor === command.id) {
      throw new DomainError(
        'self-reference',
        422,
        'A State cannot be its own successor',
        `/successors/${i}`,
      );
    }
    requireRegistered(lookup, successor, `/successors/${i}`);
  });
  const continuedBy = command.continuedBy ?? null;
  if (continuedBy) requireContinuator(command.id, continuedBy, successors, lookup);
  return [
    {
      type: STATE_DISSOLVED,
      data: {
        stateId: command.id,
        dissolvedOn: command.dissolvedOn,
        successors,
        continuedBy,
        ...withProvenance(command.provenance),
      },
    },
  ];
}

function requireContinuator(
  id: string,
  continuedBy: string,
  successors: readonly string[],
  lookup: StateLookup,
): void {
  if (!successors.includes(continuedBy)) {
    throw new DomainError(
      'continuator-not-successor',
      422,
      `continuedBy "${continuedBy}" must be one of the successors`,
      '/continuedBy',
    );
  }
  const continuator = requireRegistered(lookup, continuedBy, '/continuedBy');
  if (continuator.continues !== id) {
    throw new DomainError(
      'not-continuing',
      422,
      `"${continuedBy}" is not recorded as continuing the participation of "${id}" (record its continuation first)`,
      '/continuedBy',
    );
  }
}
