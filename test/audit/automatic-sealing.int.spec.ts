import type { RegistryConfig } from '../../src/config/registry-config';
import { RegistryUnderTest } from '../support/registry-app';

/** The registry's configuration with an automatic seal every `sealEvery` events (REGISTRY_SEAL_EVERY). */
const sealingEvery = (sealEvery: number): Partial<RegistryConfig> => ({ sealEvery });

interface FeedItem {
  position: number;
  stream: string;
  data: { upToPosition: number; eventCount: number };
}

async function log(registry: RegistryUnderTest): Promise<FeedItem[]> {
  return (await registry.get('/api/events?limit=1000')).body.items;
}

async function seals(registry: RegistryUnderTest): Promise<FeedItem[]> {
  return (await log(registry)).filter((e) => e.stream === 'ledger-seals');
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

const admitState = (registry: RegistryUnderTest, i: number) =>
  registry.post('/api/participating-states', { id: `s-${i}`, name: `S ${i}`, admittedOn: '1992' });

/** A registry started with a seal every `every` events on a log of `states` unsealed admissions. */
async function restartedOnUnsealed(states: number, every: number): Promise<RegistryUnderTest> {
  const before = await RegistryUnderTest.start('sqlite', sealingEvery(0));
  for (let i = 0; i < states; i++) await admitState(before, i);
  await before.app.close();
  return RegistryUnderTest.start(
    'sqlite',
    { ...before.config, ...sealingEvery(every) },
    { dataDir: before.config.dataDir },
  );
}

describe('Automatic seals every N events (REGISTRY_SEAL_EVERY)', () => {
  let registry: RegistryUnderTest;
  let admitted = 0;
  const admit = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++, admitted++) {
      const id = `state-${admitted}`;
      const response = await registry.post('/api/participating-states', {
        id,
        name: id,
        admittedOn: '1992',
      });
      expect(response.status).toBe(201);
    }
  };
  /** Events other than seals at or before a seal's coverage. */
  const coveredNonSeals = async (seal: FeedItem): Promise<number> =>
    (await log(registry)).filter(
      (e) => e.stream !== 'ledger-seals' && e.position <= seal.data.upToPosition,
    ).length;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', sealingEvery(3));
  });
  afterAll(async () => registry?.stop());

  it('seals after every third event, seals not counted, and never seals a seal alone', async () => {
    await admit(8);
    const found = await eventually(
      () => seals(registry),
      (s) => s.length >= 2,
    );
    await settle();
    expect(await seals(registry)).toHaveLength(2);
    expect(await coveredNonSeals(found[0])).toBe(3);
    expect(await coveredNonSeals(found[1])).toBe(6);
  });

  it('counts again from what an on-demand seal covers', async () => {
    expect((await registry.post('/api/audit/seals', {})).status).toBe(201); // covers all 8
    await admit(2);
    await settle();
    expect(await seals(registry)).toHaveLength(3);
    await admit(1);
    const found = await eventually(
      () => seals(registry),
      (s) => s.length >= 4,
    );
    await settle();
    expect(found).toHaveLength(4);
    expect(await coveredNonSeals(found[3])).toBe(11);
    expect((await registry.get('/api/audit/verification')).body).toMatchObject({
      ok: true,
      sealsChecked: 4,
    });
  });

  it('goes on from the last seal after a restart', async () => {
    registry = await registry.restart();
    await admit(3);
    const found = await eventually(
      () => seals(registry),
      (s) => s.length >= 5,
    );
    expect(await coveredNonSeals(found[4])).toBe(14);
  });
});

describe('Automatic seals on a log recorded without them', () => {
  it('seals once, at the head, when it has caught up, then every N events', async () => {
    const registry = await restartedOnUnsealed(7, 3);
    try {
      const found = await eventually(
        () => seals(registry),
        (s) => s.length >= 1,
      );
      await settle();
      expect(await seals(registry)).toHaveLength(1);
      expect(found[0].data).toMatchObject({ upToPosition: 7, eventCount: 7 });
    } finally {
      await registry.stop();
    }
  });
});

describe('Automatic seals on a log with fewer than N unsealed events', () => {
  it('counts them towards the next seal instead of sealing at start', async () => {
    const registry = await restartedOnUnsealed(2, 3);
    try {
      await settle();
      expect(await seals(registry)).toEqual([]);
      expect((await admitState(registry, 2)).status).toBe(201);
      const found = await eventually(
        () => seals(registry),
        (s) => s.length >= 1,
      );
      expect(found[0].data).toMatchObject({ upToPosition: 3, eventCount: 3 });
    } finally {
      await registry.stop();
    }
  });
});

describe('REGISTRY_SEAL_EVERY=0', () => {
  it('turns automatic seals off', async () => {
    const registry = await RegistryUnderTest.start('sqlite', sealingEvery(0));
    try {
      for (let i = 0; i < 4; i++) await admitState(registry, i);
      await settle();
      expect(await seals(registry)).toEqual([]);
    } finally {
      await registry.stop();
    }
  });
});
