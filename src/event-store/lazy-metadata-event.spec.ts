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
  describe('with a loader instead of the text', () => {
    const loaded = (
      metadata: string,
      schemaVersion?: string | null,
    ): { event: LazyMetadataEvent; loader: jest.Mock<string, []> } => {
      const loader = jest.fn<string, []>(() => metadata);
      const event = new LazyMetadataEvent(
        'id-1',
        's-1',
        0n,
        7n,
        'Thing',
        { a: 1 },
        loader,
        new Date(0),
        schemaVersion,
      );
      return { event, loader };
    };

    it('does not call the loader until the metadata is asked for, then calls it once', () => {
      const { event, loader } = loaded('{"actor":"ana","hash":"h1","schemaVersion":"2"}', '2');
      expect({ ...event }).toMatchObject({ id: 'id-1', data: { a: 1 } });
      expect([event.id, event.type, event.revision, event.position]).toEqual([
        'id-1',
        'Thing',
        0n,
        7n,
      ]);
      expect(loader).not.toHaveBeenCalled();
      expect(event.metadata).toEqual({ actor: 'ana', hash: 'h1', schemaVersion: '2' });
      expect(event.metadata).toBe(event.metadata);
      expect(event.metadataValue('hash')).toBe('h1');
      expect(metadataValue(event, 'actor')).toBe('ana');
      expect(
        JSON.parse(
          JSON.stringify(event.toJSON(), (_, v: unknown) => (typeof v === 'bigint' ? 0 : v)),
        ).metadata,
      ).toEqual({
        actor: 'ana',
        hash: 'h1',
        schemaVersion: '2',
      });
      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('calls the loader once for values other than the schema version, read off the text or parsed', () => {
      const { event, loader } = loaded('{"actor":"ana","hash":"h1","schemaVersion":"2"}', '2');
      expect(event.metadataValue('hash')).toBe('h1');
      expect(event.metadataValue('missing')).toBeUndefined();
      expect(event.metadataValue('actor')).toBe('ana');
      expect(loader).toHaveBeenCalledTimes(1);
      expect(event.metadata.hash).toBe('h1');
      expect(loader).toHaveBeenCalledTimes(1);

      const tricky = loaded('{"reason":"a \\"quoted\\" one","schemaVersion":"1"}', '1');
      expect(tricky.event.metadataValue('reason')).toBe('a "quoted" one');
      expect(tricky.event.metadataValue('reason')).toBe('a "quoted" one');
      expect(tricky.loader).toHaveBeenCalledTimes(1);
    });

    it('answers a known schema version without calling the loader', () => {
      const { event, loader } = loaded('{"schemaVersion":"3"}', '3');
      expect(event.metadataValue('schemaVersion')).toBe('3');
      expect(metadataValue(event, 'schemaVersion')).toBe('3');
      expect(loader).not.toHaveBeenCalled();
    });

    it('answers a schema version known to be absent (null) without calling the loader', () => {
      const { event, loader } = loaded('{"actor":"ana"}', null);
      expect(event.metadataValue('schemaVersion')).toBeUndefined();
      expect(metadataValue(event, 'schemaVersion')).toBeUndefined();
      expect(loader).not.toHaveBeenCalled();
      expect(event.metadata).toEqual({ actor: 'ana' });
      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('calls the loader for the schema version when it was not given', () => {
      const { event, loader } = loaded('{"schemaVersion":"4"}');
      expect(event.metadataValue('schemaVersion')).toBe('4');
      expect(event.metadataValue('schemaVersion')).toBe('4');
      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('keeps a known schema version off the text of stored metadata too', () => {
      const event = new LazyMetadataEvent(
        'id-1',
        's-1',
        0n,
        7n,
        'Thing',
        {},
        '{"schemaVersion":"5"}',
        new Date(0),
        '5',
      );
      const parse = jest.spyOn(JSON, 'parse');
      try {
        expect(event.metadataValue('schemaVersion')).toBe('5');
        expect(parse).not.toHaveBeenCalled();
      } finally {
        parse.mockRestore();
      }
    });

    it('calls the loader again after it threw, and gives what it then returns', () => {
      let calls = 0;
      const event = new LazyMetadataEvent(
        'id-1',
        's-1',
        0n,
        7n,
        'Thing',
        {},
        () => {
          calls++;
          if (calls === 1) throw new Error('database busy');
          return '{"actor":"ana"}';
        },
        new Date(0),
      );
      expect(() => event.metadata).toThrow('database busy');
      expect(event.metadata).toEqual({ actor: 'ana' });
      expect(event.metadata).toEqual({ actor: 'ana' });
      expect(calls).toBe(2);
    });
  });
});
