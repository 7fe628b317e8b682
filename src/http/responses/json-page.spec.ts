import { jsonBytes, jsonPage } from './json-page';

describe('pages written from their items JSON', () => {
  it.each([
    { items: [], next: null },
    { items: [{ id: 'a', name: 'Mission to Skopje' }], next: null },
    {
      items: [
        { id: 'a', name: 'Présence', hostStates: ['MK'], mandate: null },
        { id: 'b', name: 'Миссия "в" \\ Москве', revision: 2 },
      ],
      next: 'b',
    },
  ])('are JSON.stringify of the page, byte for byte (%j)', (page) => {
    expect(jsonPage(page).equals(Buffer.from(JSON.stringify(page)))).toBe(true);
  });

  it('keep the JSON of a frozen item, and only of a frozen one', () => {
    const frozen = Object.freeze({ id: 'a' });
    expect(jsonBytes(frozen)).toBe(jsonBytes(frozen));
    const open: { id: string } = { id: 'a' };
    const before = jsonBytes(open);
    open.id = 'b';
    expect(before.toString()).toBe('{"id":"a"}');
    expect(jsonBytes(open).toString()).toBe('{"id":"b"}');
  });
});
