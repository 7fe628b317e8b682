/** Builders for the `ReadResp` messages that reads and subscriptions send. */
import type { StoredEvent } from './event-log';
import { streamsV1, Timestamp } from './generated-protocol';
import { streamIdentifier, uuidMessage, empty } from './wire-values';

const ReadResp = streamsV1.ReadResp;

export interface EventEncoding {
  /** $all reads and subscriptions carry the event's commit position; stream reads say `no_position`. */
  readonly withCommitPosition: boolean;
  readonly structuredUuids: boolean;
}

export function eventResponse(event: StoredEvent, encoding: EventEncoding): streamsV1.ReadResp {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, encoding.structuredUuids))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setPreparePosition(position)
    .setCommitPosition(position)
    .setCustomMetadata(event.customMetadata)
    .setData(event.data);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());

  const readEvent = new ReadResp.ReadEvent().setEvent(recorded);
  if (encoding.withCommitPosition) readEvent.setCommitPosition(position);
  else readEvent.setNoPosition(empty());
  return new ReadResp().setEvent(readEvent);
}

export function streamNotFoundResponse(streamName: string): streamsV1.ReadResp {
  return new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );
}

export function confirmationResponse(subscriptionId: string): streamsV1.ReadResp {
  return new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );
}

export function checkpointResponse(position: bigint): streamsV1.ReadResp {
  const value = position.toString();
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(value)
      .setPreparePosition(value)
      .setTimestamp(Timestamp.fromDate(new Date())),
  );
}

/** `caught_up` with the newer fields: a timestamp plus the stream revision or $all position reached. */
export function caughtUpResponse(reached: {
  revision?: bigint;
  position?: bigint;
}): streamsV1.ReadResp {
  const caughtUp = new ReadResp.CaughtUp().setTimestamp(Timestamp.fromDate(new Date()));
  if (reached.revision !== undefined) caughtUp.setStreamRevision(reached.revision.toString());
  if (reached.position !== undefined) {
    const value = reached.position.toString();
    caughtUp.setPosition(
      new ReadResp.Position().setCommitPosition(value).setPreparePosition(value),
    );
  }
  return new ReadResp().setCaughtUp(caughtUp);
}
