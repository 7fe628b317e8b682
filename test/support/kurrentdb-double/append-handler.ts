/**
 * `Streams.Append` (v1, client streaming): first message carries the options
 * (stream and expected state), the following ones one proposed event each.
 * A failed expectation is not a gRPC error: it is an ordinary response whose
 * `wrong_expected_version` branch the client turns into WrongExpectedVersionError.
 */
import * as grpc from '@grpc/grpc-js';
import type {
  EventLog,
  ExpectedState,
  ProposedEvent,
  AppendedStream,
  ExpectationFailure,
} from './event-log';
import { streamsV1 } from './generated-protocol';
import { empty, streamNameOf, uuidOf } from './wire-values';

type AppendOptions = streamsV1.AppendReq.Options;
const RevisionCase = streamsV1.AppendReq.Options.ExpectedStreamRevisionCase;

export function createAppendHandler(
  log: EventLog,
): grpc.handleClientStreamingCall<streamsV1.AppendReq, streamsV1.AppendResp> {
  return (call, callback) => {
    let options: AppendOptions | undefined;
    const events: ProposedEvent[] = [];

    call.on('data', (request: streamsV1.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage())
        events.push(proposedEvent(request.getProposedMessage()!));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (options === undefined) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: 'Append request without options' });
        return;
      }
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedState(options);
      const outcome = log.append([{ streamName, expected, events }]);
      callback(
        null,
        outcome.kind === 'appended'
          ? successResponse(outcome.streams[0])
          : wrongExpectedVersionResponse(outcome.failure),
      );
    });
  };
}

function expectedState(options: AppendOptions): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case RevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case RevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case RevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function proposedEvent(message: streamsV1.AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function successResponse(appended: AppendedStream): streamsV1.AppendResp {
  const success = new streamsV1.AppendResp.Success();
  if (appended.lastRevision === undefined) success.setNoStream(empty());
  else success.setCurrentRevision(appended.lastRevision.toString());

  // The position of the append is the log position of its last event.
  const last = appended.events[appended.events.length - 1];
  if (last === undefined) success.setNoPosition(empty());
  else {
    const position = last.position.toString();
    success.setPosition(
      new streamsV1.AppendResp.Position().setCommitPosition(position).setPreparePosition(position),
    );
  }
  return new streamsV1.AppendResp().setSuccess(success);
}

/** Fills both the current fields and the pre-20.6 legacy ones, as the server does. */
function wrongExpectedVersionResponse({
  expected,
  currentRevision,
}: ExpectationFailure): streamsV1.AppendResp {
  const wrong = new streamsV1.AppendResp.WrongExpectedVersion();
  if (currentRevision === undefined) {
    wrong.setCurrentNoStream(empty()).setNoStream2060(empty());
  } else {
    wrong
      .setCurrentRevision(currentRevision.toString())
      .setCurrentRevision2060(Number(currentRevision));
  }
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(empty()).setAny2060(empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(empty()).setStreamExists2060(empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(empty());
      break;
    case 'revision':
      wrong
        .setExpectedRevision(expected.revision.toString())
        .setExpectedRevision2060(Number(expected.revision));
      break;
  }
  return new streamsV1.AppendResp().setWrongExpectedVersion(wrong);
}
