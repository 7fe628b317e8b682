import { firstDay } from '../../shared/domain/partial-date';
import type { ExportIris } from '../export-iris';
import type { OperationRecord } from '../registry-snapshot';
import { dateLiteral, type JsonLdNode, node, unique } from './jsonld-values';

export interface Succession {
  predecessor: string;
  successor: string;
}

/** Every succession link either side recorded, once per pair. */
export function successionsOf(operations: readonly OperationRecord[]): Succession[] {
  const pairs = new Map<string, Succession>();
  for (const { view } of operations) {
    for (const predecessor of view.predecessors)
      pairs.set(`${predecessor} ${view.id}`, { predecessor, successor: view.id });
    for (const successor of view.successors)
      pairs.set(`${view.id} ${successor}`, { predecessor: view.id, successor });
  }
  return [...pairs.values()];
}

/** The establishment (and closure, if recorded) of an operation as `org:ChangeEvent`s. */
export function lifecycleEvents(record: OperationRecord, iris: ExportIris): JsonLdNode[] {
  const { view, operation } = record;
  const established = node({
    '@id': iris.establishment(view.id),
    '@type': 'org:ChangeEvent',
    'rdfs:label': `Establishment of the ${view.name}`,
    'org:resultingOrganization': iris.operation(view.id),
    'prov:atTime': dateLiteral(view.establishedOn),
    'dcterms:references': operation.establishedBy ? iris.decision(operation.establishedBy) : null,
  });
  const { closure } = operation;
  if (!closure) return [established];
  const closed = node({
    '@id': iris.closure(view.id),
    '@type': 'org:ChangeEvent',
    'rdfs:label': `Closure of the ${view.name}`,
    'org:originalOrganization': iris.operation(view.id),
    'prov:atTime': dateLiteral(closure.closedOn),
    'reg:closureReason': closure.reason,
    'dcterms:references': closure.decision ? iris.decision(closure.decision) : null,
  });
  return [established, closed];
}

/**
 * One operation replaced by another as an `org:ChangeEvent`, from the predecessor's last day to
 * the successor's first (whichever comes first), citing the decisions either side rests on.
 */
export function successionEvent(
  succession: Succession,
  byId: ReadonlyMap<string, OperationRecord>,
  iris: ExportIris,
): JsonLdNode {
  const { predecessor, successor } = succession;
  const before = byId.get(predecessor);
  const after = byId.get(successor);
  const dates = unique([before?.operation.closure?.closedOn, after?.operation.establishedOn]).sort(
    (a, b) => firstDay(a).localeCompare(firstDay(b)),
  );
  const times =
    dates.length === 2
      ? { 'prov:startedAtTime': dateLiteral(dates[0]), 'prov:endedAtTime': dateLiteral(dates[1]) }
      : dates.length === 1
        ? { 'prov:atTime': dateLiteral(dates[0]) }
        : {};
  const decisions = unique([before?.operation.closure?.decision, after?.operation.establishedBy]);
  return node({
    '@id': iris.succession(predecessor, successor),
    '@type': 'org:ChangeEvent',
    'rdfs:label': `${before?.view.name ?? predecessor} replaced by ${after?.view.name ?? successor}`,
    'org:originalOrganization': iris.operation(predecessor),
    'org:resultingOrganization': iris.operation(successor),
    ...times,
    'dcterms:references': decisions.map((reference) => iris.decision(reference)),
  });
}
