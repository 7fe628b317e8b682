import { auditSelect, isEmptyFilter, prefixUpperBound } from './audit-filter';

describe('audit index queries', () => {
  it('bounds a stream prefix by the next string after every name it starts', () => {
    expect(prefixUpperBound('field-operation-')).toBe('field-operation.');
    expect(prefixUpperBound('a')).toBe('b');
    expect(prefixUpperBound('ab\u{10ffff}')).toBe('ac');
    expect(prefixUpperBound('\u{10ffff}')).toBeUndefined();
    const upper = prefixUpperBound('decision-')!;
    expect('decision-pc-dec-526' < upper && 'decision-' < upper).toBe(true);
    expect('decisionz' < upper).toBe(false);
  });

  it('compares decisions by id, so a reference and its id find the same events', () => {
    const byReference = auditSelect({ decision: 'PC.DEC/526' }, { limit: 10 });
    const byId = auditSelect({ decision: 'pc-dec-526' }, { limit: 10 });
    expect(byReference.params.decision).toBe('pc-dec-526');
    expect(byId.params).toEqual(byReference.params);
  });

  it('has one statement shape per set of criteria, whatever their values', () => {
    const a = auditSelect({ actor: 'a', types: ['X', 'Y'] }, { after: 3n, limit: 10 });
    const b = auditSelect({ actor: 'b', types: ['Z', 'W'] }, { limit: 5 });
    const c = auditSelect({ actor: 'b', types: ['Z'] }, { limit: 5 });
    expect(a.key).toBe(b.key);
    expect(a.sql).toBe(b.sql);
    expect(c.key).not.toBe(a.key);
    expect(a.sql).toContain('type IN (@type0, @type1)');
    expect(a.params).toMatchObject({ after: 3n, actor: 'a', type0: 'X', type1: 'Y', limit: 10 });
  });

  it('knows an empty filter', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ actor: undefined })).toBe(true);
    expect(isEmptyFilter({ recordedUpToMs: 0 })).toBe(false);
  });
});
