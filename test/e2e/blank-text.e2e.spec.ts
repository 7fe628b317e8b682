import { advisoryAndMonitoringGroup, pcDec526 } from '../support/press-release';
import { expectRefusedAt, startWithBelarusGroup } from '../support/refusals';
import type { RegistryUnderTest } from '../support/registry-app';

const AMG = advisoryAndMonitoringGroup.id;
const sources = { sources: ['https://www.osce.org/belarus'] };

/** Text only spaces or zero-width characters make up, and provenance that names no source. */
describe('Blank text and empty provenance are refused before anything is recorded', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startWithBelarusGroup();
  });
  afterAll(async () => registry?.stop());

  const office = { ...pcDec526.effects![0], action: undefined };
  it.each<[string, string, unknown, string]>([
    ['a name of spaces', '/api/field-operations', { ...office, name: '   ' }, '/name'],
    ['a zero-width name', '/api/field-operations', { ...office, name: '\u200B' }, '/name'],
    ['a blank seat', '/api/field-operations', { ...office, seat: ' ' }, '/seat'],
    [
      'a blank mandate summary',
      '/api/field-operations',
      { ...office, mandate: { summary: '\u00A0' } },
      '/mandate/summary',
    ],
    ['a blank seat change', `/api/field-operations/${AMG}/seat-changes`, { seat: '' }, '/seat'],
    [
      'a blank head',
      `/api/field-operations/${AMG}/heads`,
      { name: '\t', from: '1998-03' },
      '/name',
    ],
    ['a blank decision title', '/api/decisions', { ...pcDec526, title: '' }, '/title'],
    [
      'a blank name in an effect',
      '/api/decisions',
      { ...pcDec526, effects: [{ ...pcDec526.effects![0], name: '\uFEFF' }] },
      '/effects/0/name',
    ],
    [
      'a blank State name',
      '/api/participating-states',
      { id: 'ruritania', name: '  ', admittedOn: '1995' },
      '/name',
    ],
    [
      'a note with no sources',
      `/api/field-operations/${AMG}/notes`,
      { text: 'Seat moved', provenance: { sources: [] } },
      '/provenance/sources',
    ],
    [
      'a blank note',
      `/api/field-operations/${AMG}/notes`,
      { text: ' ', provenance: sources },
      '/text',
    ],
    [
      'a conflict with one value',
      `/api/field-operations/${AMG}/notes`,
      {
        text: 'Dates differ',
        provenance: { ...sources, conflicts: [{ field: 'establishedOn', values: ['1998'] }] },
      },
      '/provenance/conflicts/0/values',
    ],
  ])('refuses %s', async (_label, path, body, pointer) => {
    await expectRefusedAt(registry, path, body, pointer);
  });

  it('still accepts text with surrounding spaces, and a sourced note', async () => {
    const noted = await registry.post(`/api/field-operations/${AMG}/notes`, {
      text: ' Seat confirmed ',
      provenance: { ...sources, confidence: { seat: 'high' } },
    });
    expect(noted.status).toBe(200);
  });
});
