import * as jsonld from 'jsonld';
import { csvObjects, parseCsv } from '../support/rfc4180';
import { RegistryUnderTest } from '../support/registry-app';

const BASE = 'https://data.example.org/osce/';
const AMG = 'advisory-and-monitoring-group-in-belarus';
const OFFICE = 'office-in-minsk';
const TEST_MISSION = 'exports-test-mission';

const ORG = 'http://www.w3.org/ns/org#';
const PROV = 'http://www.w3.org/ns/prov#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const DCTERMS = 'http://purl.org/dc/terms/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const iri = (path: string) => `${BASE}${path}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The instant now, a few ms clear of what was recorded just before and what comes after. */
async function instant(): Promise<string> {
  await sleep(5);
  const now = new Date().toISOString();
  await sleep(5);
  return now;
}

type Expanded = Array<Record<string, any>>;
const ids = (values: unknown): string[] =>
  ((values ?? []) as Array<{ '@id': string }>).map((v) => v['@id']);

/** Expands a document offline: any attempt to fetch a remote context fails the test. */
function expandOffline(document: object): Promise<Expanded> {
  return jsonld.expand(document, {
    documentLoader: (url: string) => Promise.reject(new Error(`no network in tests: ${url}`)),
  }) as Promise<Expanded>;
}

describe('Exports of the seed case: Popolo, JSON-LD and CSV, on asOf and knownAt', () => {
  let registry: RegistryUnderTest;
  let head: number;
  let beforeDecision: string;
  let atDecision: string;
  let beforeRename: string;

  const get = (path: string, query: string, headers?: Record<string, string>) =>
    registry.get(`/api/exports/${path}?minPosition=${head}${query ? `&${query}` : ''}`, headers);
  const popolo = async (query: string) => (await get('popolo', query)).body;
  const organization = async (query: string, id: string) =>
    (await popolo(query)).organizations.find((o: { id: string }) => o.id === id);
  const csv = async (query: string) =>
    csvObjects((await get('field-operations.csv', query)).body as string);

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite', { baseIri: BASE });
    const events = (await registry.get('/api/events?limit=1000')).body.items as Array<{
      type: string;
      stream: string;
      recordedAt: string;
      position: number;
    }>;
    const decision = events.find((e) => e.stream === 'decision-pc-dec-526');
    if (!decision) throw new Error('the seed has no PC.DEC/526');
    atDecision = decision.recordedAt;
    beforeDecision = new Date(Date.parse(decision.recordedAt) - 1).toISOString();

    // An operation of our own with what the seed case lacks: a source, a rename and heads.
    const write = async (path: string, body: object) => {
      const response = await registry.post(path, body);
      expect(response.status).toBeLessThan(300);
      return response.body.position as number;
    };
    await write('/api/field-operations', {
      id: TEST_MISSION,
      name: 'OSCE Test Mission to Belarus',
      kind: 'mission',
      hostStates: ['belarus'],
      seat: 'Minsk',
      establishedOn: '2004-03',
      sourceUrl: 'https://example.org/sources/test-mission',
    });
    await write(`/api/field-operations/${TEST_MISSION}/heads`, {
      name: 'Jane Example',
      from: '2004-03-15',
    });
    await write(`/api/field-operations/${TEST_MISSION}/heads`, {
      name: 'John Example',
      from: '2007',
    });
    beforeRename = await instant();
    head = await write(`/api/field-operations/${TEST_MISSION}/renamings`, {
      name: 'OSCE Test Office in Minsk',
      kind: 'office',
      effectiveOn: '2006-06',
    });
  });
  afterAll(async () => registry?.stop());

  describe('Popolo JSON', () => {
    it('shows the OSCE and the Office in Minsk under it, founded 2003-01-01, hosted by Belarus', async () => {
      const response = await get('popolo', 'asOf=2003-01-01');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const { organizations, areas, meta } = response.body;
      expect(meta).toMatchObject({ as_of: '2003-01-01', known_at: null });
      expect(organizations[0]).toMatchObject({
        id: 'osce',
        classification: 'international-organization',
      });
      const office = organizations.find((o: { id: string }) => o.id === OFFICE);
      expect(office).toMatchObject({
        id: OFFICE,
        name: 'OSCE Office in Minsk',
        classification: 'office',
        parent_id: 'osce',
        area_id: 'belarus',
        founding_date: '2003-01-01',
        contact_details: [{ type: 'address', label: 'Seat', value: 'Minsk' }],
        extras: { status: 'active', predecessor_ids: [AMG], host_area_ids: ['belarus'] },
      });
      expect(office.dissolution_date).toBeUndefined();
      expect(office.sources).toContainEqual({
        url: 'https://www.osce.org/minsk/43444',
        note: 'PC.DEC/526: Establishment of the OSCE Office in Minsk',
      });
      const amg = organizations.find((o: { id: string }) => o.id === AMG);
      expect(amg).toMatchObject({
        founding_date: '1998-02-27',
        dissolution_date: '2002-12-31',
        parent_id: 'osce',
        extras: { status: 'closed', closure_reason: 'replaced', successor_ids: [OFFICE] },
      });
      expect(areas).toContainEqual(
        expect.objectContaining({
          id: 'belarus',
          name: 'Belarus',
          classification: 'participating-state',
        }),
      );
    });

    it('gives former and later names with their periods, and heads as posts and memberships', async () => {
      const { organizations, posts, persons, memberships } = await popolo('asOf=2008-01-01');
      const mission = organizations.find((o: { id: string }) => o.id === TEST_MISSION);
      expect(mission).toMatchObject({
        name: 'OSCE Test Office in Minsk',
        classification: 'office',
        founding_date: '2004-03',
        other_names: [
          {
            name: 'OSCE Test Mission to Belarus',
            start_date: '2004-03',
            end_date: '2006-05',
            note: 'former name',
          },
        ],
        sources: [{ url: 'https://example.org/sources/test-mission', note: expect.any(String) }],
      });
      const before = await organization('asOf=2005-01-01', TEST_MISSION);
      expect(before).toMatchObject({
        name: 'OSCE Test Mission to Belarus',
        classification: 'mission',
      });
      expect(before.other_names).toEqual([
        { name: 'OSCE Test Office in Minsk', start_date: '2006-06', note: 'later name' },
      ]);

      const post = posts.find(
        (p: { organization_id: string }) => p.organization_id === TEST_MISSION,
      );
      expect(post).toMatchObject({ id: `${TEST_MISSION}/head`, role: 'Head of Operation' });
      expect(persons).toEqual(
        expect.arrayContaining([
          { id: 'jane-example', name: 'Jane Example' },
          { id: 'john-example', name: 'John Example' },
        ]),
      );
      expect(memberships.filter((m: { post_id: string }) => m.post_id === post.id)).toEqual([
        expect.objectContaining({
          person_id: 'jane-example',
          organization_id: TEST_MISSION,
          start_date: '2004-03-15',
          end_date: '2006',
        }),
        expect.not.objectContaining({ end_date: expect.anything() }),
      ]);
    });

    it('honours asOf: on 2002-12-31 the Office is not yet established and the Group active', async () => {
      const { organizations } = await popolo('asOf=2002-12-31');
      const byId = new Map(organizations.map((o: { id: string }) => [o.id, o]));
      expect(byId.get(OFFICE)).toMatchObject({ extras: { status: 'not-yet-established' } });
      expect(byId.get(AMG)).toMatchObject({ extras: { status: 'active' } });
    });

    it('honours knownAt: before PC.DEC/526 was recorded there is no Office at all', async () => {
      const { organizations, meta } = await popolo(`asOf=2003-01-01&knownAt=${beforeDecision}`);
      expect(meta.known_at).toBe(beforeDecision);
      expect(organizations.map((o: { id: string }) => o.id)).not.toContain(OFFICE);
      // The Group's closure rests on the same decision: not known yet either.
      const amg = organizations.find((o: { id: string }) => o.id === AMG);
      expect(amg?.dissolution_date).toBeUndefined();
      const at = await popolo(`asOf=2003-01-01&knownAt=${atDecision}`);
      expect(at.organizations.map((o: { id: string }) => o.id)).toContain(OFFICE);
    });

    it('honours knownAt on renames: before the rename was recorded, no other names', async () => {
      const mission = await organization(`asOf=2008-01-01&knownAt=${beforeRename}`, TEST_MISSION);
      expect(mission).toMatchObject({
        name: 'OSCE Test Mission to Belarus',
        classification: 'mission',
      });
      expect(mission.other_names).toBeUndefined();
    });
  });

  describe('JSON-LD (W3C Organization Ontology)', () => {
    let document: Record<string, any>;
    let graph: Expanded;
    const nodeOf = (id: string) => graph.find((n) => n['@id'] === id);

    beforeAll(async () => {
      const response = await get('jsonld', 'asOf=2003-01-01');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      document = response.body;
      graph = await expandOffline(document);
    });

    it('carries its whole @context inline (no remote context to fetch)', () => {
      expect(typeof document['@context']).toBe('object');
      expect(document['@context']).toMatchObject({
        org: ORG,
        skos: SKOS,
        prov: PROV,
        dcterms: DCTERMS,
        xsd: XSD,
      });
    });

    it('expands the Office to an org:OrganizationalUnit under the OSCE, an org:FormalOrganization', () => {
      const office = nodeOf(iri(`field-operation/${OFFICE}`));
      expect(office?.['@type']).toEqual([`${ORG}OrganizationalUnit`]);
      expect(ids(office?.[`${ORG}subOrganizationOf`])).toEqual([iri('organization/osce')]);
      expect(office?.[`${SKOS}prefLabel`]).toEqual([{ '@value': 'OSCE Office in Minsk' }]);
      expect(ids(office?.[`${ORG}classification`])).toEqual([iri('kind/office')]);
      expect(ids(office?.[`${DCTERMS}spatial`])).toEqual([iri('participating-state/belarus')]);
      const site = office?.[`${ORG}hasSite`]?.[0];
      expect(site?.['@type']).toEqual([`${ORG}Site`]);
      expect(nodeOf(iri('organization/osce'))?.['@type']).toEqual([`${ORG}FormalOrganization`]);
    });

    it('has an org:ChangeEvent from the AMG to the Office, timed with PROV', () => {
      const amg = iri(`field-operation/${AMG}`);
      const office = iri(`field-operation/${OFFICE}`);
      const successions = graph.filter(
        (n) =>
          n['@type']?.includes(`${ORG}ChangeEvent`) &&
          ids(n[`${ORG}originalOrganization`]).includes(amg) &&
          ids(n[`${ORG}resultingOrganization`]).includes(office),
      );
      expect(successions).toHaveLength(1);
      const [succession] = successions;
      expect(succession[`${PROV}startedAtTime`]).toEqual([
        { '@value': '2002-12-31', '@type': `${XSD}date` },
      ]);
      expect(succession[`${PROV}endedAtTime`]).toEqual([
        { '@value': '2003-01-01', '@type': `${XSD}date` },
      ]);
      expect(ids(succession[`${DCTERMS}references`])).toContain(iri('decision/pc-dec-526'));
      const decision = nodeOf(iri('decision/pc-dec-526'));
      expect(decision?.[`${DCTERMS}identifier`]).toEqual([{ '@value': 'PC.DEC/526' }]);
      expect(decision?.[`${DCTERMS}date`]).toEqual([
        { '@value': '2002-12-30', '@type': `${XSD}date` },
      ]);
      expect(ids(nodeOf(office)?.[`${ORG}resultedFrom`])).toContain(succession['@id']);
      expect(ids(nodeOf(amg)?.[`${ORG}changedBy`])).toContain(succession['@id']);
    });

    it('links the establishment and the closure through org:resultedFrom and org:changedBy', () => {
      const office = nodeOf(iri(`field-operation/${OFFICE}`));
      const established = nodeOf(iri(`field-operation/${OFFICE}#establishment`));
      expect(ids(office?.[`${ORG}resultedFrom`])).toContain(established?.['@id']);
      expect(ids(established?.[`${ORG}resultingOrganization`])).toEqual([office?.['@id']]);
      expect(established?.[`${PROV}atTime`]).toEqual([
        { '@value': '2003-01-01', '@type': `${XSD}date` },
      ]);
      const amg = nodeOf(iri(`field-operation/${AMG}`));
      const closed = nodeOf(iri(`field-operation/${AMG}#closure`));
      expect(ids(amg?.[`${ORG}changedBy`])).toContain(closed?.['@id']);
      expect(ids(closed?.[`${ORG}originalOrganization`])).toEqual([amg?.['@id']]);
    });

    it('types imprecise dates by their precision and gives other names as skos:altLabel', async () => {
      const expanded = await expandOffline((await get('jsonld', 'asOf=2008-01-01')).body);
      const mission = expanded.find((n) => n['@id'] === iri(`field-operation/${TEST_MISSION}`));
      expect(mission?.[`${SKOS}prefLabel`]).toEqual([{ '@value': 'OSCE Test Office in Minsk' }]);
      expect(mission?.[`${SKOS}altLabel`]).toEqual([{ '@value': 'OSCE Test Mission to Belarus' }]);
      const established = expanded.find(
        (n) => n['@id'] === iri(`field-operation/${TEST_MISSION}#establishment`),
      );
      expect(established?.[`${PROV}atTime`]).toEqual([
        { '@value': '2004-03', '@type': `${XSD}gYearMonth` },
      ]);
    });

    it('honours knownAt: before PC.DEC/526 the graph has no Office and no succession', async () => {
      const expanded = await expandOffline(
        (await get('jsonld', `asOf=2003-01-01&knownAt=${beforeDecision}`)).body,
      );
      const office = iri(`field-operation/${OFFICE}`);
      expect(expanded.find((n) => n['@id'] === office)).toBeUndefined();
      expect(
        expanded.filter((n) => ids(n[`${ORG}resultingOrganization`]).includes(office)),
      ).toEqual([]);
    });
  });

  describe('CSV', () => {
    it('has one RFC 4180 record per operation, with a header', async () => {
      const response = await get('field-operations.csv', 'asOf=2003-01-01');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header] = parseCsv(response.body as string);
      expect(header).toEqual([
        'id',
        'name',
        'kind',
        'status',
        'hostStates',
        'seat',
        'establishedOn',
        'closedOn',
        'closureReason',
        'mandateUntil',
        'mandateDecision',
        'predecessors',
        'successors',
        'head',
      ]);
      const rows = await csv('asOf=2003-01-01');
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(rows.find((r) => r.id === OFFICE)).toEqual({
        id: OFFICE,
        name: 'OSCE Office in Minsk',
        kind: 'office',
        status: 'active',
        hostStates: 'belarus',
        seat: 'Minsk',
        establishedOn: '2003-01-01',
        closedOn: '',
        closureReason: '',
        mandateUntil: '2003-12-31',
        mandateDecision: 'PC.DEC/526',
        predecessors: AMG,
        successors: '',
        head: '',
      });
      expect(rows.find((r) => r.id === AMG)).toMatchObject({
        status: 'closed',
        closedOn: '2002-12-31',
        closureReason: 'replaced',
        successors: OFFICE,
      });
      expect(rows.find((r) => r.id === TEST_MISSION)).toMatchObject({
        name: 'OSCE Test Mission to Belarus',
        status: 'not-yet-established',
      });
    });

    it('honours asOf and knownAt', async () => {
      const lastDay = await csv('asOf=2002-12-31');
      expect(lastDay.find((r) => r.id === OFFICE)?.status).toBe('not-yet-established');
      expect(lastDay.find((r) => r.id === AMG)?.status).toBe('active');
      const rows = await csv(`asOf=2003-01-01&knownAt=${beforeDecision}`);
      expect(rows.map((r) => r.id)).not.toContain(OFFICE);
      expect(rows.find((r) => r.id === AMG)?.closedOn ?? '').toBe('');
    });
  });

  it.each(['popolo', 'jsonld', 'field-operations.csv'])(
    '%s answers 400 problems for an invalid asOf or knownAt',
    async (path) => {
      for (const query of [
        'asOf=2003-02-30',
        'asOf=2003',
        'knownAt=2003-01-01',
        'knownAt=yesterday',
      ]) {
        const response = await registry.get(`/api/exports/${path}?${query}`);
        expect([query, response.status]).toEqual([query, 400]);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    },
  );

  it('documents the three exports in OpenAPI', async () => {
    const { paths } = (await registry.get('/api/docs/openapi.json')).body;
    const media = {
      '/api/exports/popolo': 'application/json',
      '/api/exports/jsonld': 'application/ld+json',
      '/api/exports/field-operations.csv': 'text/csv',
    };
    for (const [path, type] of Object.entries(media)) {
      const get = paths[path]?.get;
      expect(Object.keys(get?.responses['200']?.content ?? {})).toContain(type);
      expect(get.responses['400']).toBeDefined();
      expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['asOf', 'knownAt']),
      );
    }
  });
});
