/**
 * `kurrentdb.protocol.v2.streams.StreamsService/AppendSession` (client
 * streaming, KurrentDB 25.1+), behind the client's `multiStreamAppend`. One
 * request per stream, each with its own expected state; all or nothing.
 *
 * Errors are gRPC statuses with a `grpc-status-details-bin` trailer, as the
 * server sends them:
 *  - failed expectation: FAILED_PRECONDITION + StreamRevisionConflictErrorDetails
 *    (the client throws WrongExpectedVersionError with an empty message);
 *  - the same stream twice in one session: ABORTED +
 *    StreamAlreadyInAppendSessionErrorDetails (the client reports a TimeoutError).
 *
 * Records are stored as the server stores them: the schema name becomes the
 * event type, and the properties become JSON custom metadata with two extra
 * keys, `$schema.name` and `$schema.format`.
 */
import * as grpc from '@grpc/grpc-js';
import type {
  EventLog,
  ExpectedState,
  ProposedEvent,
  StreamAppend,
  ExpectationFailure,
} from './event-log';
import { streamsV2, streamErrorsV2 } from './generated-protocol';
import { statusWithDetails } from './status-details';

const { SchemaFormat } = streamsV2;

const ERROR_TYPE_PREFIX = 'type.googleapis.com/kurrentdb.protocol.v2.streams.errors.';

/** Expected-revision sentinels of the v2 protocol. */
const NO_STREAM = -1n;
const ANY = -2n;
const STREAM_EXISTS = -4n;

export function createAppendSessionHandler(
  log: EventLog,
): grpc.handleClientStreamingCall<streamsV2.AppendRequest, streamsV2.AppendSessionResponse> {
  return (call, callback) => {
    const appends: StreamAppend[] = [];
    let duplicate: string | undefined;

    call.on('data', (request: streamsV2.AppendRequest) => {
      const streamName = request.getStream();
      if (appends.some((append) => append.streamName === streamName)) duplicate ??= streamName;
      appends.push({
        streamName,
        expected: expectedState(request.getExpectedRevision()),
        events: request.getRecordsList().map(proposedEvent),
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (duplicate !== undefined) {
        callback(streamAlreadyInSession(duplicate));
        return;
      }
      const outcome = log.append(appends);
      if (outcome.kind === 'wrong-expected-version') {
        callback(revisionConflict(outcome.failure));
        return;
      }
      const response = new streamsV2.AppendSessionResponse();
      let lastPosition = -1n;
      for (const appended of outcome.streams) {
        const last = appended.events[appended.events.length - 1];
        const output = new streamsV2.AppendResponse()
          .setStream(appended.streamName)
          .setStreamRevision((appended.lastRevision ?? NO_STREAM).toString());
        if (last !== undefined) {
          output.setPosition(last.position.toString());
          if (last.position > lastPosition) lastPosition = last.position;
        }
        response.addOutput(output);
      }
      callback(null, response.setPosition(lastPosition.toString()));
    });
  };
}

function expectedState(encoded: string | undefined): ExpectedState {
  const value = BigInt(encoded ?? ANY);
  if (value === NO_STREAM) return { kind: 'no_stream' };
  if (value === STREAM_EXISTS) return { kind: 'stream_exists' };
  if (value < 0n) return { kind: 'any' };
  return { kind: 'revision', revision: value };
}

function encodeExpectedState(expected: ExpectedState): bigint {
  switch (expected.kind) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'revision':
      return expected.revision;
  }
}

function proposedEvent(record: streamsV2.AppendRecord): ProposedEvent {
  const schema = record.getSchema() ?? new streamsV2.SchemaInfo();
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of record.getPropertiesMap().entries())
    metadata[key] = value.toJavaScript();
  metadata['$schema.name'] = schema.getName();
  metadata['$schema.format'] = formatName(schema.getFormat());
  return {
    id: record.getRecordId() ?? '',
    type: schema.getName(),
    contentType:
      schema.getFormat() === SchemaFormat.SCHEMA_FORMAT_JSON
        ? 'application/json'
        : 'application/octet-stream',
    data: record.getData_asU8(),
    customMetadata: Buffer.from(JSON.stringify(metadata), 'utf8'),
  };
}

function formatName(format: streamsV2.SchemaFormat): string {
  switch (format) {
    case SchemaFormat.SCHEMA_FORMAT_JSON:
      return 'Json';
    case SchemaFormat.SCHEMA_FORMAT_PROTOBUF:
      return 'Protobuf';
    case SchemaFormat.SCHEMA_FORMAT_AVRO:
      return 'Avro';
    case SchemaFormat.SCHEMA_FORMAT_BYTES:
      return 'Bytes';
    default:
      return 'Unspecified';
  }
}

function revisionConflict({
  streamName,
  expected,
  currentRevision,
}: ExpectationFailure): Partial<grpc.StatusObject> {
  const details = new streamErrorsV2.StreamRevisionConflictErrorDetails()
    .setStream(streamName)
    .setExpectedRevision(encodeExpectedState(expected).toString())
    .setActualRevision((currentRevision ?? NO_STREAM).toString());
  return statusWithDetails(
    grpc.status.FAILED_PRECONDITION,
    `Append failed due to a revision conflict on stream '${streamName}'`,
    `${ERROR_TYPE_PREFIX}StreamRevisionConflictErrorDetails`,
    details.serializeBinary(),
  );
}

function streamAlreadyInSession(streamName: string): Partial<grpc.StatusObject> {
  const details = new streamErrorsV2.StreamAlreadyInAppendSessionErrorDetails().setStream(
    streamName,
  );
  return statusWithDetails(
    grpc.status.ABORTED,
    `Stream '${streamName}' is already in the append session`,
    `${ERROR_TYPE_PREFIX}StreamAlreadyInAppendSessionErrorDetails`,
    details.serializeBinary(),
  );
}
