import { toEventMetadata } from './event-metadata';

describe('KurrentDB event metadata', () => {
  it('drops the $schema keys multi-stream append adds, keeping everything else', () => {
    const stored = {
      actor: 'seed',
      '$schema.name': 'OfficeEstablished',
      '$schema.format': 'Json',
      $correlationId: 'kept',
    };
    expect(toEventMetadata(stored)).toEqual({ actor: 'seed', $correlationId: 'kept' });
  });

  it('reads absent, binary or non-object metadata as empty', () => {
    expect(toEventMetadata(undefined)).toEqual({});
    expect(toEventMetadata(new Uint8Array([1, 2]))).toEqual({});
    expect(toEventMetadata(['a'])).toEqual({});
    expect(toEventMetadata('text')).toEqual({});
  });

  it('keeps foreign non-string values as JSON text, so the map stays flat', () => {
    expect(toEventMetadata({ n: 1, nested: { a: true } })).toEqual({
      n: '1',
      nested: '{"a":true}',
    });
  });
});
