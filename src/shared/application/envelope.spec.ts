import { eventHash, GENESIS_HASH } from '../../audit/chain/event-hash';
import { envelope, lastHashOf } from './envelope';

const context = {
  actor: 'seed',
  correlationId: 'c-1',
  causationId: 'c-1',
  reason: 'press release',
};
const events = [{ type: 'OfficeEstablished', data: { operationId: 'office-in-minsk' } }];
const two = [...events, { type: 'MandateAgreed', data: { operationId: 'office-in-minsk' } }];
const at = new Date('2002-12-30T10:00:00.123Z');

describe('envelope', () => {
  it('carries actor, reason, correlation, causation, recorded-at and schema version as strings', () => {
    const [event] = envelope('s', 'no_stream', events, context, { recordedAt: at });
    expect(event.metadata).toEqual({
      actor: 'seed',
      reason: 'press release',
      correlationId: 'c-1',
      causationId: 'c-1',
      recordedAt: '2002-12-30T10:00:00.123Z',
      schemaVersion: '1',
      previousHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('derives the same ids for the same events at the same revision, and others elsewhere', () => {
    const chained = { previousHash: 'a'.repeat(64) };
    const first = envelope('s', 2n, events, context, chained)[0].id;
    expect(envelope('s', 2n, events, { ...context, correlationId: 'retry' }, chained)[0].id).toBe(
      first,
    );
    expect(envelope('s', 3n, events, context, chained)[0].id).not.toBe(first);
    expect(envelope('t', 2n, events, context, chained)[0].id).not.toBe(first);
    expect(
      envelope('s', 2n, events, { ...context, actor: 'someone-else' }, chained)[0].id,
    ).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('chains each new event to the one before it in its stream, from the given hash', () => {
    const previousHash = 'b'.repeat(64);
    const [first, second] = envelope('s', 4n, two, context, { recordedAt: at, previousHash });
    expect(first.metadata.previousHash).toBe(previousHash);
    expect(first.metadata.hash).toBe(eventHash({ ...first, stream: 's', revision: 5n }));
    expect(second.metadata.previousHash).toBe(first.metadata.hash);
    expect(second.metadata.hash).toBe(eventHash({ ...second, stream: 's', revision: 6n }));
  });

  it('starts a new stream from the genesis hash at revision 0', () => {
    const [first] = envelope('s', 'no_stream', events, context, { recordedAt: at });
    expect(first.metadata.hash).toBe(eventHash({ ...first, stream: 's', revision: 0n }));
  });

  it('refuses to append after a revision without the hash of that event', () => {
    expect(() => envelope('s', 2n, events, context)).toThrow(/needs the hash of that event/);
  });

  it('writes no hash when the revisions are not known (any, stream_exists)', () => {
    const [event] = envelope('s', 'any', events, context, at);
    expect(event.metadata.hash).toBeUndefined();
    expect(event.metadata.recordedAt).toBe(at.toISOString());
  });

  it("takes the hash of a loaded stream's last event (none for a new stream)", () => {
    const recorded = envelope('s', 'no_stream', two, context).map((e, i) => ({
      ...e,
      stream: 's',
      revision: BigInt(i),
      position: BigInt(i + 1),
      recordedAt: at,
    }));
    expect(lastHashOf({ events: recorded, revision: 1n })).toBe(recorded[1].metadata.hash);
    expect(lastHashOf({ events: [], revision: undefined })).toBeUndefined();
  });
});
