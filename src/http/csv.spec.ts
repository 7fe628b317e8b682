import { csvField, csvRecord, csvRecords } from './csv';

describe('CSV (RFC 4180)', () => {
  it('leaves plain fields bare and writes null and undefined as empty', () => {
    expect(csvRecord(['a', 1, null, undefined, 2n, true])).toBe('a,1,,,2,true\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' spaced ')).toBe(' spaced ');
  });

  it('writes the header, then one record per item as they come', async () => {
    async function* items() {
      yield { n: 1, s: 'x' };
      yield { n: 2, s: 'y,z' };
    }
    const records: string[] = [];
    const columns = [
      { header: 'n', value: (i: { n: number }) => i.n },
      { header: 's', value: (i: { s: string }) => i.s },
    ];
    for await (const record of csvRecords(columns, items())) records.push(record);
    expect(records).toEqual(['n,s\r\n', '1,x\r\n', '2,"y,z"\r\n']);
  });
});
