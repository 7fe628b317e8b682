import { advisoryAndMonitoringGroup } from '../support/press-release';
import { expectRefusedAt, startWithBelarusGroup } from '../support/refusals';
import type { RegistryUnderTest } from '../support/registry-app';

const AMG = advisoryAndMonitoringGroup.id;

/** A decision is cited by its reference exactly as registered, not by any spelling of its slug. */
describe('Citing a registered decision', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startWithBelarusGroup();
    const decision = await registry.post('/api/decisions', {
      reference: 'PC.DEC/700',
      body: 'permanent-council',
      adoptedOn: '2003-01-01',
    });
    expect(decision.status).toBe(201);
  });
  afterAll(async () => registry?.stop());

  it.each(['pc.dec/700', 'PC DEC 700', 'PC.DEC//700', 'PC.DEC/700 '])(
    'refuses %j, another spelling of PC.DEC/700, and records nothing',
    async (spelling) => {
      const body = { seat: 'Vitebsk', effectiveOn: '2003-02', decision: spelling };
      await expectRefusedAt(
        registry,
        `/api/field-operations/${AMG}/seat-changes`,
        body,
        '/decision',
      );
    },
  );

  it('records the reference as registered', async () => {
    const response = await registry.post(`/api/field-operations/${AMG}/seat-changes`, {
      seat: 'Vitebsk',
      effectiveOn: '2003-02',
      decision: 'PC.DEC/700',
    });
    expect(response.status).toBe(200);
    const cited = await registry.get('/api/events?decision=PC.DEC/700');
    expect(cited.body.items.map((e: { type: string }) => e.type)).toContain('SeatChanged');
  });
});
