/** Small conversions between protocol messages and the double's plain values. */
import { sharedV1 } from './generated-protocol';

const U64_MASK = (1n << 64n) - 1n;

export function streamNameOf(identifier: sharedV1.StreamIdentifier | undefined): string {
  if (identifier === undefined) return '';
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(streamName: string): sharedV1.StreamIdentifier {
  return new sharedV1.StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

/** Accepts both UUID encodings the protocol allows (string and two signed 64-bit halves). */
export function uuidOf(uuid: sharedV1.UUID | undefined): string {
  if (uuid === undefined) return '';
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex = (half: string): string => (BigInt(half) & U64_MASK).toString(16).padStart(16, '0');
    const most = hex(structured.getMostSignificantBits());
    const least = hex(structured.getLeastSignificantBits());
    return `${most.slice(0, 8)}-${most.slice(8, 12)}-${most.slice(12)}-${least.slice(0, 4)}-${least.slice(4)}`;
  }
  return uuid.getString();
}

/** Encodes a UUID the way the reader asked for it in its `uuid_option`. */
export function uuidMessage(id: string, structured: boolean): sharedV1.UUID {
  const uuid = new sharedV1.UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const signed = (part: string): string => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return uuid.setStructured(
    new sharedV1.UUID.Structured()
      .setMostSignificantBits(signed(hex.slice(0, 16)))
      .setLeastSignificantBits(signed(hex.slice(16))),
  );
}

export const empty = (): sharedV1.Empty => new sharedV1.Empty();
