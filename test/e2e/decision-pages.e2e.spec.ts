import { type Page as PageOf, walkPages } from '../support/pages';
import { RegistryUnderTest } from '../support/registry-app';

type Decision = { id: string; adoptedOn: string; body: string };
type Page = PageOf<Decision>;

/** Seven decisions, two of them on one day, of two bodies, recorded out of date order. */
const decisions = [
  ['PC.DEC/7', '1999-03-01', 'permanent-council'],
  ['PC.DEC/3', '1995', 'permanent-council'],
  ['MC.DEC/1', '1997-12-19', 'ministerial-council'],
  ['PC.DEC/5', '1997-12-19', 'permanent-council'],
  ['PC.DEC/1', '1993-02', 'permanent-council'],
  ['MC.DEC/2', '2001-12-04', 'ministerial-council'],
  ['PC.DEC/9', '2003-07-01', 'permanent-council'],
] as const;

describe('GET /api/decisions a page at a time', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    for (const [reference, adoptedOn, body] of decisions) {
      const recorded = await registry.post('/api/decisions', { reference, adoptedOn, body });
      expect(recorded.status).toBe(201);
    }
  });
  afterAll(async () => registry?.stop());

  /** Every page of the list with the filters in `query` (`&body=...` or nothing). */
  const walk = (query: string, limit: number): Promise<Page[]> =>
    walkPages<Decision>(
      registry,
      query ? `/api/decisions?${query.slice(1)}` : '/api/decisions',
      limit,
    );

  it.each([
    ['', 2],
    ['', 3],
    ['&body=permanent-council', 2],
  ])('with "%s", pages of %i hold, in order, exactly the whole list', async (query, limit) => {
    const whole = (await registry.get(`/api/decisions?limit=1000${query}`)).body as Page;
    expect(whole.next).toBeNull();
    const pages = await walk(query, limit);
    expect(pages.flatMap((page) => page.items)).toEqual(whole.items);
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit);
  });

  it('orders by adoption date, then id (two decisions of one day)', async () => {
    const whole = (await registry.get('/api/decisions')).body as Page;
    expect(whole.items.map((d) => d.id)).toEqual([
      'pc-dec-1',
      'pc-dec-3',
      'mc-dec-1',
      'pc-dec-5',
      'pc-dec-7',
      'mc-dec-2',
      'pc-dec-9',
    ]);
    const after = (await registry.get('/api/decisions?after=mc-dec-1&limit=1')).body as Page;
    expect(after).toMatchObject({ items: [{ id: 'pc-dec-5' }], next: 'pc-dec-5' });
  });

  it('refuses a cursor that names no decision, and a page size out of range, as 400 problems', async () => {
    for (const [query, pointer] of [
      ['after=pc-dec-404', 'after'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['after=PC.DEC/1', 'after'],
    ]) {
      const response = await registry.get(`/api/decisions?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(JSON.stringify(response.body.errors)).toContain(pointer);
    }
  });
});
