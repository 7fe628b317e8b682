/** UTF-8 JSON of frozen values, kept for as long as each value lives. */
const texts = new WeakMap<object, Buffer>();

/**
 * The JSON of `value` as UTF-8 bytes; for a frozen value (which cannot change) computed once and
 * kept while the value lives, in memory of its own (a small `Buffer.from` is a slice of Node's
 * shared 8 KB pool, which one kept slice would hold whole), so that an item a reader keeps is
 * serialised once however many pages it appears on.
 */
export function jsonBytes(value: object): Buffer {
  let bytes = texts.get(value);
  if (bytes === undefined) {
    const json = JSON.stringify(value);
    if (!Object.isFrozen(value)) return Buffer.from(json);
    bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    bytes.write(json);
    texts.set(value, bytes);
  }
  return bytes;
}
