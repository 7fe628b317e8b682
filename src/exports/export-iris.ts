import { slugOfReference } from '../shared/domain/slug';

/**
 * The IRIs the JSON-LD export mints, all under one configurable base (`REGISTRY_BASE_IRI`, default
 * `https://registry.example/id/`), from the registry's stable ids, so they do not change between
 * exports: `<base>field-operation/office-in-minsk`, `<base>participating-state/belarus`, ...
 */
export class ExportIris {
  constructor(readonly base: string) {}

  readonly vocabulary = (): string => `${this.base}vocab#`;
  readonly osce = (): string => `${this.base}organization/osce`;
  readonly operation = (id: string): string => `${this.base}field-operation/${id}`;
  readonly establishment = (id: string): string => `${this.operation(id)}#establishment`;
  readonly closure = (id: string): string => `${this.operation(id)}#closure`;
  readonly seat = (id: string): string => `${this.operation(id)}#seat`;
  readonly succession = (predecessor: string, successor: string): string =>
    `${this.base}succession/${predecessor}/${successor}`;
  readonly state = (id: string): string => `${this.base}participating-state/${id}`;
  readonly kind = (kind: string): string => `${this.base}kind/${kind}`;
  readonly person = (id: string): string => `${this.base}person/${id}`;
  readonly decision = (reference: string): string =>
    `${this.base}decision/${slugOfReference(reference)}`;
}
