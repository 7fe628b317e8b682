import { SCHEMA_VERSION } from '../../shared/application/command-context';
import { fieldOperationEstablishedV0 } from './upcasters/field-operation-established.v0';
import { Upcasters } from './upcasters';

/** Every upcaster the registry knows, up to the schema version commands write today. */
export function registryUpcasters(): Upcasters {
  return new Upcasters(Number(SCHEMA_VERSION), [fieldOperationEstablishedV0]);
}
