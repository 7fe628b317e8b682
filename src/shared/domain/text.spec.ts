import { hasText } from './text';

describe('hasText', () => {
  it.each(['Minsk', ' OSCE Office in Minsk ', 'é', '\u200BX', '1'])('accepts %j', (value) => {
    expect(hasText(value)).toBe(true);
  });

  it.each([
    '',
    '   ',
    '\t\n',
    '\u200B',
    '\u00A0\u3000',
    '\uFEFF',
    '\u2060\u00AD',
    42,
    null,
    undefined,
  ])('refuses %j', (value) => {
    expect(hasText(value)).toBe(false);
  });
});
