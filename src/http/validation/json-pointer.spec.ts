import { jsonPointer } from './json-pointer';

describe('jsonPointer', () => {
  it('joins property names and array indexes', () => {
    expect(jsonPointer(['effects', 1, 'closedOn'])).toBe('/effects/1/closedOn');
  });

  it('points at the whole document with no segments', () => {
    expect(jsonPointer([])).toBe('');
  });

  it('escapes ~ before / so that neither is read back as the other', () => {
    expect(jsonPointer(['a/b', 'm~n', '~1'])).toBe('/a~1b/m~0n/~01');
  });
});
