import { InvalidQueryParameterException } from '../http/problems/problem.exception';
import type { AuditFilter } from './audit/audit-filter';
import type { EventsFeedQuery } from './events-feed.query';
import {
  firstMsFrom,
  type Instant,
  lastMsBefore,
  lastMsUpTo,
  parseInstant,
} from './recorded-instant';

/** A validated instant parameter as a millisecond bound, or undefined when absent. */
function bound(text: string | undefined, toMs: (instant: Instant) => number): number | undefined {
  const instant = text === undefined ? undefined : parseInstant(text);
  return instant === undefined ? undefined : toMs(instant);
}

function tighter(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/**
 * The audit filter a validated query asks for. `recordedTo` (exclusive) and `knownAt` (inclusive)
 * both bound recorded time from above; the tighter wins. A range that ends before it starts is a
 * 400, as it is surely a mistake.
 */
export function auditFilterOf(query: EventsFeedQuery): AuditFilter {
  const from = bound(query.recordedFrom, (i) => i.ms);
  const to = bound(query.recordedTo, (i) => i.ms);
  if (from !== undefined && to !== undefined && to < from) {
    throw new InvalidQueryParameterException(
      'recordedTo',
      'recordedTo must not be before recordedFrom',
    );
  }
  return {
    stream: query.stream,
    streamPrefix: query.streamPrefix,
    types: query.type,
    actor: query.actor,
    decision: query.decision,
    correlationId: query.correlationId,
    recordedFromMs: bound(query.recordedFrom, firstMsFrom),
    recordedUpToMs: tighter(
      bound(query.recordedTo, lastMsBefore),
      bound(query.knownAt, lastMsUpTo),
    ),
  };
}
