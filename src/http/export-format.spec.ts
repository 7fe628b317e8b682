import { exportFormatOf, negotiateFormat } from './export-format';
import { InvalidQueryParameterException } from './problems/problem.exception';

const ALL = ['json', 'ndjson', 'csv'] as const;

describe('negotiateFormat', () => {
  it('answers JSON without Accept, to */* and to what it cannot satisfy', () => {
    expect(negotiateFormat(undefined, ALL)).toBe('json');
    expect(negotiateFormat('*/*', ALL)).toBe('json');
    expect(negotiateFormat('application/xml', ALL)).toBe('json');
  });

  it('picks the media type asked for, by exact type or an alias', () => {
    expect(negotiateFormat('text/csv', ALL)).toBe('csv');
    expect(negotiateFormat('application/x-ndjson', ALL)).toBe('ndjson');
    expect(negotiateFormat('application/ndjson', ALL)).toBe('ndjson');
    expect(negotiateFormat('text/*', ALL)).toBe('csv');
  });

  it('follows quality values, the most specific range deciding, the first offered on a tie', () => {
    expect(negotiateFormat('application/json;q=0.5, text/csv', ALL)).toBe('csv');
    expect(negotiateFormat('text/csv;q=0.2, application/json', ALL)).toBe('json');
    expect(negotiateFormat('text/csv;q=0, */*', ALL)).toBe('json');
    expect(negotiateFormat('text/html,application/xhtml+xml,*/*;q=0.8', ALL)).toBe('json');
    expect(negotiateFormat('text/csv', ['json'])).toBe('json');
  });
});

describe('exportFormatOf', () => {
  it('lets ?format= override Accept', () => {
    expect(exportFormatOf('csv', 'application/json', ALL)).toBe('csv');
    expect(exportFormatOf(undefined, 'text/csv', ALL)).toBe('csv');
  });

  it.each([['xml'], [['csv', 'json']], ['ndjson']])('refuses format=%j as a 400', (format) => {
    expect(() => exportFormatOf(format, undefined, ['json', 'csv'])).toThrow(
      InvalidQueryParameterException,
    );
  });
});
