import { CommandBus } from '@nestjs/cqrs';
import { EstablishFieldOperationCommand } from '../../src/field-operations/establish/establish.command';
import { ReadModels } from '../../src/projections/read-models';
import { MAX_TIMELINE_YEARS } from '../../src/field-operations/read/timeline';
import { advisoryAndMonitoringGroup, belarus } from '../support/press-release';
import { RegistryUnderTest } from '../support/registry-app';

const THIS_YEAR = new Date().getUTCFullYear();

/** Dates outside the years 1900..2199 are refused where they enter, with nothing written. */
describe('Dates out of the recordable years are refused, pointing at the field', () => {
  let registry: RegistryUnderTest;
  const eventCount = async () => (await registry.get('/api/events?limit=1000')).body.items.length;
  const office = (establishedOn: string) => ({
    id: 'office-out-of-time',
    name: 'OSCE Office Out of Time',
    kind: 'office',
    hostStates: ['belarus'],
    establishedOn,
  });

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    expect((await registry.post('/api/participating-states', belarus)).status).toBe(201);
  });
  afterAll(async () => registry?.stop());

  const refused = async (path: string, body: unknown, pointer: string) => {
    const before = await eventCount();
    const response = await registry.post(path, body);
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
      status: 422,
      type: expect.stringContaining('application/problem+json'),
    });
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(await eventCount()).toBe(before);
  };

  it.each(['0000', '0001', '1899-12-31', '2200', '9999', '2999-12-31'])(
    'refuses an operation established on %s',
    async (date) => {
      await refused('/api/field-operations', office(date), '/establishedOn');
      expect((await registry.get('/api/field-operations/office-out-of-time')).status).toBe(404);
    },
  );

  it('refuses a State admitted on 2999-12-31', () =>
    refused(
      '/api/participating-states',
      { id: 'atlantis', name: 'Atlantis', admittedOn: '2999-12-31' },
      '/admittedOn',
    ));

  it('refuses a correction moving an establishment to 0000', async () => {
    const established = await registry.post('/api/field-operations', office('1900'));
    expect(established.status).toBe(201);
    const history = await registry.get(
      `/api/field-operations/office-out-of-time/history?minPosition=${established.body.position}`,
    );
    await refused(
      '/api/field-operations/office-out-of-time/corrections',
      { corrects: history.body.items[0].id, changes: { establishedOn: '0000' }, reason: 'x' },
      '/changes/establishedOn',
    );
  });

  it('accepts the last recordable day, 2199-12-31', async () => {
    const response = await registry.post('/api/field-operations', {
      ...office('2199-12-31'),
      id: 'office-at-the-edge',
    });
    expect(response.status).toBe(201);
  });
});

/**
 * Data recorded before the bounds existed (or by a path that does not check them) may span more
 * years than one timeline answers; the timeline with a defaulted `from` still answers.
 */
describe('The timeline over stored data spanning more than its longest range', () => {
  let registry: RegistryUnderTest;
  let position = 0;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    expect((await registry.post('/api/participating-states', belarus)).status).toBe(201);
    expect((await registry.post('/api/field-operations', advisoryAndMonitoringGroup)).status).toBe(
      201,
    );
    // Written through the command bus, past the HTTP validation, as an old store may hold it.
    const { position: last } = await registry.app.get(CommandBus).execute(
      new EstablishFieldOperationCommand(
        {
          id: 'office-since-year-zero',
          name: 'OSCE Office Since Year Zero',
          kind: 'office',
          hostStates: ['belarus'],
          establishedOn: '0000',
        },
        { actor: 'legacy', correlationId: 'legacy-0000', causationId: 'legacy-0000' },
      ),
    );
    position = Number(last);
    await registry.app.get(ReadModels).waitFor(last, 10_000);
  }, 30_000);
  afterAll(async () => registry?.stop());

  it('answers 200 with a defaulted from, brought forward to the longest range ending at to', async () => {
    const { status, body } = await registry.get(`/api/timeline?minPosition=${position}`);
    expect(status).toBe(200);
    const years = body.map((y: { year: number }) => y.year);
    expect(years).toHaveLength(MAX_TIMELINE_YEARS);
    expect([years[0], years.at(-1)]).toEqual([THIS_YEAR - MAX_TIMELINE_YEARS + 1, THIS_YEAR]);
    expect(body[0].operations.map((o: { id: string }) => o.id)).toEqual(['office-since-year-zero']);
  });

  it('answers 200 with a defaulted from and a given to', async () => {
    const { status, body } = await registry.get(`/api/timeline?to=2000&minPosition=${position}`);
    expect(status).toBe(200);
    expect([body[0].year, body.at(-1).year]).toEqual([2000 - MAX_TIMELINE_YEARS + 1, 2000]);
  });

  it.each([
    [`from=${THIS_YEAR + 4}`, 'from'],
    [`from=${THIS_YEAR - MAX_TIMELINE_YEARS}`, 'from'],
    ['from=0000', 'from'],
    [`from=${THIS_YEAR + 4}&to=${THIS_YEAR}`, 'to'],
    [`from=1700&to=${THIS_YEAR}`, 'to'],
  ])('refuses %s with a 400 naming %s, a parameter the client sent', async (query, parameter) => {
    const { status, body } = await registry.get(`/api/timeline?${query}`);
    expect(status).toBe(400);
    expect(body.errors.map((e: { parameter: string }) => e.parameter)).toEqual([parameter]);
  });

  it('still answers the longest range the client asks for', async () => {
    const from = THIS_YEAR - MAX_TIMELINE_YEARS + 1;
    const { status, body } = await registry.get(`/api/timeline?from=${from}`);
    expect([status, body.length]).toEqual([200, MAX_TIMELINE_YEARS]);
  });
});
