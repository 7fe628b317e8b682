import { LazyMetadataEvent } from '../lazy-metadata-event';
import { registryUpcasters } from './registry-upcasters';
import type { Upcaster } from './upcaster';
import { Upcasters } from './upcasters';

const v0Established = {
  type: 'FieldOperationEstablished',
  data: {
    id: 'advisory-and-monitoring-group-in-belarus',
    name: 'OSCE Advisory and Monitoring Group in Belarus',
    kind: 'Advisory and Monitoring Group',
    hostState: 'belarus',
    seat: 'Minsk',
    establishedOn: '1998-02-27',
    decision: null,
  },
  metadata: { actor: 'prototype-import', schemaVersion: '0' },
};

describe('upcasters', () => {
  const upcasters = registryUpcasters();

  it('reads a v0 FieldOperationEstablished as the current <Family>Established', () => {
    expect(upcasters.upcast(v0Established)).toEqual({
      type: 'GroupEstablished',
      data: {
        operationId: 'advisory-and-monitoring-group-in-belarus',
        name: 'OSCE Advisory and Monitoring Group in Belarus',
        kind: 'advisory-and-monitoring-group',
        hostStates: ['belarus'],
        seat: 'Minsk',
        establishedOn: '1998-02-27',
        decision: null,
        sourceUrl: null,
        predecessors: [],
      },
      metadata: { actor: 'prototype-import', schemaVersion: '1', storedSchemaVersion: '0' },
    });
  });

  it('leaves metadata unread until asked for, as an event read through the stream copy has it', () => {
    const loads: string[] = [];
    const stored = new LazyMetadataEvent(
      'e-1',
      'field-operation-advisory-and-monitoring-group-in-belarus',
      0n,
      7n,
      v0Established.type,
      v0Established.data,
      () => {
        loads.push('metadata');
        return JSON.stringify(v0Established.metadata);
      },
      new Date(0),
      '0',
    );
    const upcast = upcasters.upcast(stored);
    expect(upcast.type).toBe('GroupEstablished');
    expect(loads).toEqual([]);
    expect(upcast.metadata).toEqual({
      actor: 'prototype-import',
      schemaVersion: '1',
      storedSchemaVersion: '0',
    });
    expect(({ ...upcast } as { metadata?: unknown }).metadata).toBe(upcast.metadata);
    expect(loads).toEqual(['metadata']);
  });

  it('hands an upcaster the metadata it asks for', () => {
    const seen: unknown[] = [];
    const reading: Upcaster = {
      type: 'Noted',
      fromVersion: 0,
      upcast: (event) => {
        seen.push(event.metadata.actor);
        return { type: event.type, data: event.data };
      },
    };
    const upcast = new Upcasters(1, [reading]).upcast({
      type: 'Noted',
      data: {},
      metadata: { actor: 'clerk', schemaVersion: '0' },
    });
    expect(seen).toEqual(['clerk']);
    expect(upcast.metadata).toEqual({
      actor: 'clerk',
      schemaVersion: '1',
      storedSchemaVersion: '0',
    });
  });

  it('names the family after the old kind label (Project Co-ordinator -> ProjectCoordinator)', () => {
    const coordinator = { ...v0Established.data, kind: 'Project Co-ordinator' };
    expect(upcasters.upcast({ ...v0Established, data: coordinator }).type).toBe(
      'ProjectCoordinatorEstablished',
    );
  });

  it('refuses an old kind it cannot map, naming the event', () => {
    const unknown = { ...v0Established, data: { ...v0Established.data, kind: 'Embassy' } };
    expect(() => upcasters.upcast(unknown)).toThrow(
      'Cannot upcast FieldOperationEstablished v0: unknown kind "Embassy"',
    );
  });

  it('leaves current events alone (the same object) and only relabels unchanged old types', () => {
    const current = { type: 'GroupEstablished', data: {}, metadata: { schemaVersion: '1' } };
    expect(upcasters.upcast(current)).toBe(current);
    const unversioned = { type: 'MandateAgreed', data: { summary: 's' }, metadata: {} };
    expect(upcasters.upcast(unversioned)).toEqual({
      ...unversioned,
      metadata: { schemaVersion: '1', storedSchemaVersion: '0' },
    });
  });

  it("keeps the stored data's text while the data stays as stored, and drops it once changed", () => {
    const stored = JSON.stringify(v0Established.data);
    const upcast = upcasters.upcast({ ...v0Established, dataJson: stored });
    expect(upcast.data).not.toEqual(v0Established.data);
    expect(upcast).toHaveProperty('dataJson', undefined);
    const unversioned = {
      type: 'MandateAgreed',
      data: { summary: 's' },
      metadata: {},
      dataJson: '{"summary":"s"}',
    };
    const relabelled = upcasters.upcast(unversioned);
    expect(relabelled.metadata).toEqual({ schemaVersion: '1', storedSchemaVersion: '0' });
    expect(relabelled.dataJson).toBe('{"summary":"s"}');
    // An upcaster that changes the data in place, returning the same object, drops it too.
    const inPlace = new Upcasters(1, [
      {
        type: 'A',
        fromVersion: 0,
        upcast: ({ type, data }) => {
          (data as { n: number }).n = 2;
          return { type, data };
        },
      },
    ]);
    const edited = inPlace.upcast({ type: 'A', data: { n: 1 }, metadata: {}, dataJson: '{"n":1}' });
    expect(edited.data).toEqual({ n: 2 });
    expect(edited).toHaveProperty('dataJson', undefined);
  });

  it('chains steps, one version at a time, following renamed types', () => {
    const step = (type: string, fromVersion: number, to: string): Upcaster => ({
      type,
      fromVersion,
      upcast: ({ data }) => ({
        type: to,
        data: { ...(data as object), [`v${fromVersion + 1}`]: true },
      }),
    });
    const chain = new Upcasters(3, [step('A', 0, 'B'), step('B', 1, 'B'), step('B', 2, 'C')]);
    expect(chain.upcast({ type: 'A', data: {}, metadata: { schemaVersion: '0' } })).toMatchObject({
      type: 'C',
      data: { v1: true, v2: true, v3: true },
      metadata: { schemaVersion: '3', storedSchemaVersion: '0' },
    });
  });

  it('widens a type filter to the old types that become the requested ones', () => {
    expect(upcasters.widen({ eventTypes: ['OfficeEstablished'] })).toEqual({
      eventTypes: ['OfficeEstablished', 'FieldOperationEstablished'],
    });
    const unrelated = { eventTypes: ['MandateAgreed'] };
    expect(upcasters.widen(unrelated)).toBe(unrelated);
    expect(upcasters.widen(undefined)).toBeUndefined();
  });
});
