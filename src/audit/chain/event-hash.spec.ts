import { canonicalFormOf, chainHashOf, eventHash, GENESIS_HASH } from './event-hash';

const event = {
  stream: 'field-operation-office-in-minsk',
  revision: 1n,
  id: '5d0f3c36-4a63-5b8e-9a4b-0e6a2b7f1c11',
  type: 'MandateAgreed',
  data: {
    until: '2003-12-31',
    summary: 'Rule of Law – Minsk',
    operationId: 'office-in-minsk',
    decision: 'PC.DEC/526',
  },
  metadata: {
    schemaVersion: '1',
    recordedAt: '2002-12-30T10:00:00.123Z',
    actor: 'seed',
    previousHash: GENESIS_HASH,
    hash: 'not part of the canonical form',
  },
};

/** Written by hand from AUDIT.md; the hash computed with Python's hashlib over these bytes. */
const CANONICAL =
  '{"data":{"decision":"PC.DEC/526","operationId":"office-in-minsk","summary":"Rule of Law – Minsk","until":"2003-12-31"},' +
  '"id":"5d0f3c36-4a63-5b8e-9a4b-0e6a2b7f1c11",' +
  '"metadata":{"actor":"seed","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","recordedAt":"2002-12-30T10:00:00.123Z","schemaVersion":"1"},' +
  '"revision":1,"stream":"field-operation-office-in-minsk","type":"MandateAgreed"}';
const HASH = '939690435fc680432c51b574f70cbcbb40c4f26dba53c8c69aa52f9e4d30110a';

describe('canonical event hashing', () => {
  it('serialises stream, revision, id, type, data and metadata without `hash`, keys sorted, no spaces', () => {
    expect(canonicalFormOf(event)).toBe(CANONICAL);
  });

  it('hashes the UTF-8 bytes of the canonical form with SHA-256 (known vector)', () => {
    expect(eventHash(event)).toBe(HASH);
  });

  it('does not depend on key order, on the stored hash, on the position or on the store time', () => {
    const reordered = {
      metadata: { ...event.metadata, hash: 'x' },
      data: {
        decision: 'PC.DEC/526',
        operationId: 'office-in-minsk',
        until: '2003-12-31',
        summary: 'Rule of Law – Minsk',
      },
      type: event.type,
      id: event.id,
      revision: 1,
      stream: event.stream,
      position: 99n,
      recordedAt: new Date(),
    };
    expect(eventHash(reordered)).toBe(HASH);
  });

  it.each([
    ['data', { ...event, data: { ...event.data, until: '2004-12-31' } }],
    ['revision', { ...event, revision: 2n }],
    ['stream', { ...event, stream: 'field-operation-other' }],
    ['type', { ...event, type: 'MandateExtended' }],
    ['id', { ...event, id: '5d0f3c36-4a63-5b8e-9a4b-0e6a2b7f1c12' }],
    ['previousHash', { ...event, metadata: { ...event.metadata, previousHash: '1'.repeat(64) } }],
    ['actor', { ...event, metadata: { ...event.metadata, actor: 'someone else' } }],
  ])('changes when the %s changes', (_field, changed) => {
    expect(eventHash(changed)).not.toBe(HASH);
  });

  it('chains to the stored hash, or to the empty string after an event recorded without one', () => {
    expect(chainHashOf(event)).toBe('not part of the canonical form');
    const { hash: _dropped, ...unhashed } = event.metadata;
    expect(chainHashOf({ metadata: unhashed })).toBe('');
  });
});
