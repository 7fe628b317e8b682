/**
 * Parses a `Streams.Read` request into plain values. The same RPC serves
 * finite reads (from the Rust bridge behind readStream/readAll) and
 * subscriptions (from the Node client's subscribeToStream/subscribeToAll).
 */
import type { StoredEvent } from './event-log';
import { streamsV1 } from './generated-protocol';
import { streamNameOf } from './wire-values';

const Options = streamsV1.ReadReq.Options;

/** Where to start: a stream revision or a commit position in $all. */
export type StartPoint = 'start' | 'end' | bigint;

export type ReadSource =
  | { readonly kind: 'stream'; readonly streamName: string; readonly from: StartPoint }
  | { readonly kind: 'all'; readonly from: StartPoint };

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** Send a checkpoint after this many events have been looked at. */
  readonly checkpointInterval: number;
}

export interface ReadRequest {
  readonly source: ReadSource;
  readonly direction: 'forwards' | 'backwards';
  /** undefined for a subscription */
  readonly count: bigint | undefined;
  readonly filter: EventFilter | undefined;
  readonly structuredUuids: boolean;
}

/** Search window the server assumes when the client asks for `count` instead of `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

export function parseReadRequest(request: streamsV1.ReadReq): ReadRequest {
  const options = request.getOptions() ?? new Options();
  return {
    source: readSource(options),
    direction:
      options.getReadDirection() === Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards',
    count:
      options.getCountOptionCase() === Options.CountOptionCase.COUNT
        ? BigInt(options.getCount())
        : undefined,
    filter: options.hasFilter() ? eventFilter(options.getFilter()!) : undefined,
    structuredUuids: options.getUuidOption()?.hasStructured() ?? false,
  };
}

function readSource(options: streamsV1.ReadReq.Options): ReadSource {
  if (options.hasAll()) {
    const all = options.getAll()!;
    switch (all.getAllOptionCase()) {
      case Options.AllOptions.AllOptionCase.POSITION:
        return { kind: 'all', from: BigInt(all.getPosition()!.getCommitPosition()) };
      case Options.AllOptions.AllOptionCase.END:
        return { kind: 'all', from: 'end' };
      default:
        return { kind: 'all', from: 'start' };
    }
  }
  const stream = options.getStream() ?? new Options.StreamOptions();
  const streamName = streamNameOf(stream.getStreamIdentifier());
  switch (stream.getRevisionOptionCase()) {
    case Options.StreamOptions.RevisionOptionCase.REVISION:
      return { kind: 'stream', streamName, from: BigInt(stream.getRevision()) };
    case Options.StreamOptions.RevisionOptionCase.END:
      return { kind: 'stream', streamName, from: 'end' };
    default:
      return { kind: 'stream', streamName, from: 'start' };
  }
}

function eventFilter(filter: streamsV1.ReadReq.Options.FilterOptions): EventFilter {
  const onStreamName = filter.hasStreamIdentifier();
  const expression = onStreamName ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches(event) {
      const subject = onStreamName ? event.streamName : event.type;
      if (prefixes.length > 0) return prefixes.some((prefix) => subject.startsWith(prefix));
      return regex === undefined || regex.test(subject);
    },
    checkpointInterval: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
}
