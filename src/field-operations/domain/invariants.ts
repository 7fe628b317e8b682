import { endsBefore } from '../../shared/domain/partial-date';
import type { FieldOperation } from './state';

/** A rule the folded state breaks, and the fields (of any fact) that take part in it. */
export interface Violation {
  code: string;
  message: string;
  fields: readonly string[];
}

/**
 * The date rules every command enforces, checked on a whole state: what a correction must still
 * satisfy once applied (commands check them one fact at a time as they record).
 */
export function violationOf(operation: FieldOperation): Violation | undefined {
  const { establishedOn, closure } = operation;
  if (closure && endsBefore(closure.closedOn, establishedOn)) {
    return {
      code: 'closed-before-establishment',
      message: `Closure on ${closure.closedOn} is before establishment on ${establishedOn}`,
      fields: ['closedOn', 'establishedOn'],
    };
  }
  const early = operation.names.slice(1).find((n) => endsBefore(n.from, establishedOn));
  if (early) {
    return {
      code: 'renamed-before-establishment',
      message: `A renaming on ${early.from} is before establishment on ${establishedOn}`,
      fields: ['effectiveOn', 'establishedOn'],
    };
  }
  const dated = [
    ...operation.seats.slice(1).map((v) => ['seat-changed', v.from] as const),
    ...operation.hostStateVersions.slice(1).map((v) => ['host-states-changed', v.from] as const),
  ];
  const before = dated.find(([, from]) => endsBefore(from, establishedOn));
  if (before) {
    return {
      code: `${before[0]}-before-establishment`,
      message: `A change (${before[0]}) on ${before[1]} is before establishment on ${establishedOn}`,
      fields: ['effectiveOn', 'establishedOn'],
    };
  }
  for (const mandate of operation.mandates) {
    const ends = [mandate.until, ...mandate.extensions.map((e) => e.until)];
    const until = ends.find((end) => end && endsBefore(end, mandate.effectiveFrom));
    if (until) {
      return {
        code: 'mandate-ends-before-start',
        message: `Mandate until ${until} is before its start ${mandate.effectiveFrom}`,
        fields: ['until', 'effectiveFrom'],
      };
    }
  }
  return undefined;
}
