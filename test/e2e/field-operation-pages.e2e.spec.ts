import { belarus } from '../support/press-release';
import { type Page as PageOf, walkPages } from '../support/pages';
import { RegistryUnderTest } from '../support/registry-app';

type Operation = { id: string; kind: string; status: string };
type Page = PageOf<Operation>;

/** Seven operations in Belarus: offices and missions alternating, the missions closed in 2005. */
const operations = Array.from({ length: 7 }, (_, i) => ({
  id: `operation-${i}`,
  name: `OSCE Operation ${i}`,
  kind: i % 2 === 0 ? 'office' : 'mission',
  hostStates: ['belarus'],
  establishedOn: `200${i}`,
}));

describe('GET /api/field-operations a page at a time', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    await registry.post('/api/participating-states', belarus);
    for (const operation of operations) {
      expect((await registry.post('/api/field-operations', operation)).status).toBe(201);
      if (operation.kind === 'mission') {
        const closure = { closedOn: '2005-06-30', reason: 'mandate-expired' };
        const closed = await registry.post(
          `/api/field-operations/${operation.id}/closure`,
          closure,
        );
        expect(closed.status).toBe(200);
      }
    }
  });
  afterAll(async () => registry?.stop());

  /** Follows `next` from the first page to the last, with the filters in `query`. */
  const walk = (query: string, limit: number): Promise<Page[]> =>
    walkPages<Operation>(registry, `/api/field-operations?${query}`, limit);

  it.each([
    ['asOf=2010-01-01', 3],
    ['asOf=2010-01-01&kind=office', 2],
    ['asOf=2004-01-01&status=active', 2],
    ['asOf=2004-01-01&status=not-yet-established', 1],
    ['asOf=2010-01-01&status=closed&kind=mission', 1],
  ])('with %s, pages of %i hold, in order, exactly the whole answer', async (query, limit) => {
    const whole = (await registry.get(`/api/field-operations?${query}&limit=1000`)).body as Page;
    expect(whole.next).toBeNull();
    expect(whole.items.length).toBeGreaterThan(limit);
    const pages = await walk(query, limit);
    expect(pages.flatMap((page) => page.items)).toEqual(whole.items);
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit);
    expect(pages[pages.length - 1].items.length).toBeGreaterThan(0);
  });

  it('applies the filters before cutting a page: every item on it passes them', async () => {
    const page = (await registry.get('/api/field-operations?asOf=2010-01-01&kind=mission&limit=2'))
      .body as Page;
    expect(page.items.map((item) => item.id)).toEqual(['operation-1', 'operation-3']);
    expect(page.next).toBe('operation-3');
  });

  it('answers an empty page after the last id, and the whole list when it fits the default page', async () => {
    const after = await registry.get('/api/field-operations?after=operation-6');
    expect(after.body).toEqual({ items: [], next: null });
    const first = (await registry.get('/api/field-operations')).body as Page;
    expect(first.items.map((item) => item.id)).toEqual(operations.map((o) => o.id));
    expect(first.next).toBeNull();
  });
});
