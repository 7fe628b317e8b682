import { kindLabel } from '../../field-operations/domain/kinds';
import { slugOfReference } from '../../shared/domain/slug';
import type { ExportIris } from '../export-iris';
import { namePeriods } from '../operation-timelines';
import { OSCE } from '../osce';
import type { OperationRecord, RegistrySnapshot } from '../registry-snapshot';
import {
  lifecycleEvents,
  type Succession,
  successionEvent,
  successionsOf,
} from './jsonld-change-events';
import { jsonLdContext } from './jsonld-context';
import { dateLiteral, type JsonLdNode, node, unique } from './jsonld-values';

export const JSON_LD_MEDIA_TYPE = 'application/ld+json';

/** A field operation as an `org:OrganizationalUnit` of the OSCE, on `asOf`. */
function unit(
  record: OperationRecord,
  asOf: string,
  successions: readonly Succession[],
  iris: ExportIris,
): JsonLdNode {
  const { view, operation, sources } = record;
  const successionIri = (s: Succession) => iris.succession(s.predecessor, s.successor);
  const altLabels = namePeriods(record, asOf)
    .filter((period) => !period.inForce && period.value.name !== view.name)
    .map((period) => period.value.name);
  return node({
    '@id': iris.operation(view.id),
    '@type': 'org:OrganizationalUnit',
    'dcterms:identifier': view.id,
    'skos:prefLabel': view.name,
    'skos:altLabel': unique(altLabels),
    'org:classification': iris.kind(view.kind),
    'org:subOrganizationOf': iris.osce(),
    'org:hasSite': view.seat
      ? { '@id': iris.seat(view.id), '@type': 'org:Site', 'rdfs:label': view.seat }
      : null,
    'dcterms:spatial': view.hostStates.map((id) => iris.state(id)),
    'reg:status': view.status,
    'dcterms:description': view.mandate?.summary,
    'reg:mandateUntil': view.mandate?.until ? dateLiteral(view.mandate.until) : null,
    'org:resultedFrom': [
      iris.establishment(view.id),
      ...successions.filter((s) => s.successor === view.id).map(successionIri),
    ],
    'org:changedBy': [
      ...(operation.closure ? [iris.closure(view.id)] : []),
      ...successions.filter((s) => s.predecessor === view.id).map(successionIri),
    ],
    'dcterms:source': sources.map((source) => source.url),
  });
}

/** The decisions the change events cite, as far as they were recorded up to `knownAt`. */
function citedDecisions(snapshot: RegistrySnapshot, iris: ExportIris): JsonLdNode[] {
  const references = unique(
    snapshot.operations.flatMap(({ operation }) => [
      operation.establishedBy,
      operation.closure?.decision,
    ]),
  );
  return references.flatMap((reference) => {
    const decision = snapshot.decisions.get(reference);
    if (!decision) return [];
    return [
      node({
        '@id': iris.decision(reference),
        '@type': 'reg:Decision',
        'dcterms:identifier': decision.reference,
        'dcterms:title': decision.title,
        'dcterms:date': dateLiteral(decision.adoptedOn),
        'dcterms:source': decision.sourceUrl,
      }),
    ];
  });
}

/** The graph of the registry on `asOf` as recorded up to `knownAt`, in the Organization Ontology. */
export function toJsonLd(snapshot: RegistrySnapshot, iris: ExportIris): JsonLdNode {
  const { asOf, operations } = snapshot;
  const byId = new Map(operations.map((record) => [record.view.id, record]));
  const successions = successionsOf(operations);
  const kinds = unique(operations.map((record) => record.view.kind)).map((kind) => ({
    '@id': iris.kind(kind),
    '@type': 'skos:Concept',
    'skos:prefLabel': kindLabel(kind),
    'skos:notation': kind,
  }));
  const heads = operations.flatMap(({ view }) =>
    view.head
      ? [
          {
            '@id': iris.person(slugOfReference(view.head)),
            '@type': 'foaf:Person',
            'foaf:name': view.head,
            'org:headOf': iris.operation(view.id),
          },
        ]
      : [],
  );
  const states = snapshot.states.map((state) => ({
    '@id': iris.state(state.id),
    '@type': 'dcterms:Location',
    'dcterms:identifier': state.id,
    'skos:prefLabel': state.name,
    'reg:admittedOn': dateLiteral(state.admittedOn),
    'reg:participatingOnAsOf': snapshot.participatingOnAsOf.has(state.id),
  }));
  return {
    '@context': jsonLdContext(iris.vocabulary()),
    '@graph': [
      node({
        '@type': 'dcterms:Dataset',
        'dcterms:title': 'OSCE field operations',
        'reg:asOf': dateLiteral(asOf),
        'reg:knownAt': snapshot.knownAt
          ? { '@value': snapshot.knownAt, '@type': 'xsd:dateTime' }
          : null,
      }),
      {
        '@id': iris.osce(),
        '@type': 'org:FormalOrganization',
        'skos:prefLabel': OSCE.name,
        'skos:altLabel': OSCE.abbreviation,
        'org:hasSubOrganization': operations.map((record) => iris.operation(record.view.id)),
      },
      ...operations.map((record) => unit(record, asOf, successions, iris)),
      ...operations.flatMap((record) => lifecycleEvents(record, iris)),
      ...successions.map((succession) => successionEvent(succession, byId, iris)),
      ...citedDecisions(snapshot, iris),
      ...kinds,
      ...heads,
      ...states,
    ],
  };
}
