import { envelope } from './envelope';

const context = {
  actor: 'seed',
  correlationId: 'c-1',
  causationId: 'c-1',
  reason: 'press release',
};
const events = [{ type: 'OfficeEstablished', data: { operationId: 'office-in-minsk' } }];

describe('envelope', () => {
  it('carries actor, reason, correlation, causation, recorded-at and schema version as strings', () => {
    const [event] = envelope(
      's',
      'no_stream',
      events,
      context,
      new Date('2002-12-30T10:00:00.123Z'),
    );
    expect(event.metadata).toEqual({
      actor: 'seed',
      reason: 'press release',
      correlationId: 'c-1',
      causationId: 'c-1',
      recordedAt: '2002-12-30T10:00:00.123Z',
      schemaVersion: '1',
    });
  });

  it('derives the same ids for the same events at the same revision, and others elsewhere', () => {
    const first = envelope('s', 2n, events, context)[0].id;
    expect(envelope('s', 2n, events, { ...context, correlationId: 'retry' })[0].id).toBe(first);
    expect(envelope('s', 3n, events, context)[0].id).not.toBe(first);
    expect(envelope('t', 2n, events, context)[0].id).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
