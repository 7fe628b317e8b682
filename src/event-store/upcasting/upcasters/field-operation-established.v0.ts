import type { Established } from '../../../field-operations/domain/events';
import { FAMILIES, familyOf, isKind } from '../../../field-operations/domain/kinds';
import type { Upcaster } from '../upcaster';

/**
 * The prototype's establishment (schema version 0, 2024): one generic type for every kind, the
 * kind as the label printed in decisions ("Advisory and Monitoring Group"), a single host State,
 * `id` for the operation, no source URL and no predecessors.
 */
export interface FieldOperationEstablishedV0 {
  id: string;
  name: string;
  kind: string;
  hostState: string;
  seat?: string | null;
  establishedOn: string;
  decision?: string | null;
}

/** v0 `FieldOperationEstablished` -> v1 `<Family>Established` (`OfficeEstablished`, ...). */
export const fieldOperationEstablishedV0: Upcaster = {
  type: 'FieldOperationEstablished',
  fromVersion: 0,
  produces: FAMILIES.map((family) => `${family}Established`),
  upcast({ data }) {
    const old = data as FieldOperationEstablishedV0;
    const kind = old.kind.trim().toLowerCase().replace(/\s+/g, '-');
    if (!isKind(kind)) throw new Error(`unknown kind "${old.kind}"`);
    const established: Established = {
      operationId: old.id,
      name: old.name,
      kind,
      hostStates: [old.hostState],
      seat: old.seat ?? null,
      establishedOn: old.establishedOn,
      decision: old.decision ?? null,
      sourceUrl: null,
      predecessors: [],
    };
    return { type: `${familyOf(kind)}Established`, data: established };
  },
};
