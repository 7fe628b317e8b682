import { metadataValue, peekFlatValue, LazyMetadataEvent } from './lazy-metadata-event';

const stored = (metadata: string): LazyMetadataEvent =>
  new LazyMetadataEvent('id-1', 's-1', 0n, 7n, 'Thing', { a: 1 }, metadata, new Date(0));

describe('LazyMetadataEvent', () => {
  it('parses its metadata when first read, once', () => {
    const event = stored('{"actor":"ana","schemaVersion":"1"}');
    expect(event.metadata).toEqual({ actor: 'ana', schemaVersion: '1' });
    expect(event.metadata).toBe(event.metadata);
  });

  it('writes its metadata out as JSON and keeps the other fields as own properties', () => {
    const event = stored('{"actor":"ana"}');
    const json = JSON.parse(JSON.stringify({ ...event.toJSON(), revision: 0, position: 7 }));
    expect(json).toEqual({
      id: 'id-1',
      stream: 's-1',
      revision: 0,
      position: 7,
      type: 'Thing',
      data: { a: 1 },
      metadata: { actor: 'ana' },
      recordedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(Object.keys(event)).toEqual([
      'id',
      'stream',
      'revision',
      'position',
      'type',
      'data',
      'recordedAt',
    ]);
  });

  it('reads one value without parsing the text when the text is plain', () => {
    const event = stored('{"actor":"ana","schemaVersion":"3"}');
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(event.metadataValue('schemaVersion')).toBe('3');
      expect(event.metadataValue('missing')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('answers what a parse would, for every metadata text, plain or tricky', () => {
    const texts = [
      '{}',
      '{"schemaVersion":"1"}',
      '{"a":"b","schemaVersion":"12","c":"d"}',
      '{"a":"schemaVersion","b":"x"}',
      '{"a":"\\"schemaVersion\\":\\"9\\"","schemaVersion":"2"}',
      '{"a":"\\",\\"schemaVersion\\":\\"9","b":"c"}',
      '{"a\\"schemaVersion":"9"}',
      '{"schemaVersion":"1","schemaVersion":"2"}',
      '{"schema\\u0056ersion":"4"}',
      '{"schemaVersion":"a\\"b"}',
      '{"schemaVersion" : "5"}',
      '{"schemaVersion":5}',
      '{"n":{"schemaVersion":"6"}}',
      '{"n":["schemaVersion"],"schemaVersion":"7"}',
      '{"xschemaVersion":"8"}',
      '{"a":"{","schemaVersion":"9"}',
    ];
    for (const text of texts) {
      const parsed = (JSON.parse(text) as Record<string, unknown>).schemaVersion;
      expect([text, stored(text).metadataValue('schemaVersion')]).toEqual([text, parsed]);
    }
  });

  it('tells when it cannot be sure from the text alone', () => {
    const unsure = [
      '{"n":{"schemaVersion":"6"}}',
      '{"schema\\u0056ersion":"4"}',
      '{"schemaVersion":"1","schemaVersion":"2"}',
      '{"schemaVersion":"a\\"b"}',
      '{"a\\"schemaVersion":"9"}',
    ];
    for (const text of unsure) {
      expect([text, typeof peekFlatValue(text, 'schemaVersion')]).toEqual([text, 'symbol']);
    }
  });

  it('reads plain metadata objects too', () => {
    expect(metadataValue({ metadata: { schemaVersion: '2' } }, 'schemaVersion')).toBe('2');
    expect(metadataValue({ metadata: {} }, 'toString')).toBeUndefined();
    expect(stored('{"a":"b"}').metadataValue('toString')).toBeUndefined();
  });
});
