import { jsonBytes } from './json-bytes';

describe('the JSON bytes of a value', () => {
  it('are kept for a frozen value, in memory of its own, and made afresh for any other', () => {
    const frozen = Object.freeze({ id: 'a', name: 'Présence' });
    const bytes = jsonBytes(frozen);
    expect(jsonBytes(frozen)).toBe(bytes);
    expect(bytes.toString()).toBe(JSON.stringify(frozen));
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    const open: { id: string } = { id: 'a' };
    const before = jsonBytes(open);
    open.id = 'b';
    expect(before.toString()).toBe('{"id":"a"}');
    expect(jsonBytes(open).toString()).toBe('{"id":"b"}');
  });
});
