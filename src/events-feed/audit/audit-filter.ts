import { decisionKeyOf } from './cited-decision';

/** What the audit feed can be narrowed to; every criterion given must hold (AND). */
export interface AuditFilter {
  /** Exactly this stream. */
  readonly stream?: string;
  /** Streams whose name starts with this. */
  readonly streamPrefix?: string;
  /** Any of these event types. */
  readonly types?: readonly string[];
  readonly actor?: string;
  /** A decision reference (`PC.DEC/526`) or id (`pc-dec-526`) the event cites or records. */
  readonly decision?: string;
  readonly correlationId?: string;
  /** Inclusive bounds on the recorded time, in epoch milliseconds. */
  readonly recordedFromMs?: number;
  readonly recordedUpToMs?: number;
}

export interface AuditSelect {
  /** Names the statement's shape, so one prepared statement serves every query of that shape. */
  readonly key: string;
  readonly sql: string;
  readonly params: Record<string, unknown>;
}

/**
 * The smallest string greater than every string starting with `prefix` (its last code point
 * incremented), so that a prefix is an index range `stream >= prefix AND stream < upper`; SQLite
 * compares text as UTF-8 bytes, whose order is code-point order.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/**
 * One page of the audit index in log order: events after `after` (exclusive), up to `upTo`
 * (inclusive) when given, that pass the filter, at most `limit`.
 */
export function auditSelect(
  filter: AuditFilter,
  page: { after?: bigint; upTo?: bigint; limit: number },
): AuditSelect {
  const where = ['position > @after'];
  const params: Record<string, unknown> = { after: page.after ?? -1n, limit: page.limit };
  const shape: string[] = [];
  const add = (name: string, condition: string, value: unknown): void => {
    where.push(condition);
    params[name] = value;
    shape.push(name);
  };
  if (page.upTo !== undefined) add('upTo', 'position <= @upTo', page.upTo);
  if (filter.stream !== undefined) add('stream', 'stream = @stream', filter.stream);
  if (filter.streamPrefix !== undefined) {
    add('prefixFrom', 'stream >= @prefixFrom', filter.streamPrefix);
    const upper = prefixUpperBound(filter.streamPrefix);
    if (upper !== undefined) add('prefixTo', 'stream < @prefixTo', upper);
  }
  if (filter.types !== undefined) {
    const names = filter.types.map((type, i) => {
      params[`type${i}`] = type;
      return `@type${i}`;
    });
    where.push(`type IN (${names.join(', ')})`);
    shape.push(`types${filter.types.length}`);
  }
  if (filter.actor !== undefined) add('actor', 'actor = @actor', filter.actor);
  if (filter.decision !== undefined) {
    add('decision', 'decision_id = @decision', decisionKeyOf(filter.decision));
  }
  if (filter.correlationId !== undefined) {
    add('correlationId', 'correlation_id = @correlationId', filter.correlationId);
  }
  if (filter.recordedFromMs !== undefined) {
    add('recordedFrom', 'recorded_at >= @recordedFrom', filter.recordedFromMs);
  }
  if (filter.recordedUpToMs !== undefined) {
    add('recordedUpTo', 'recorded_at <= @recordedUpTo', filter.recordedUpToMs);
  }
  return {
    key: shape.join(','),
    sql: `SELECT position FROM audit_events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`,
    params,
  };
}

export function isEmptyFilter(filter: AuditFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}
