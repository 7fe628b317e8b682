/** Properties whose values are IRIs (node references), for every property used by IRI below. */
const REFERENCES = [
  'org:subOrganizationOf',
  'org:hasSubOrganization',
  'org:classification',
  'org:originalOrganization',
  'org:resultingOrganization',
  'org:resultedFrom',
  'org:changedBy',
  'org:hasSite',
  'org:headOf',
  'dcterms:spatial',
  'dcterms:references',
  'dcterms:source',
];

/**
 * The export's `@context`, inline so that a consumer (or a test) can expand it without fetching
 * anything: the W3C Organization Ontology (org), SKOS, PROV-O, Dublin Core terms, XSD, RDFS,
 * FOAF, and the registry's own few terms (`reg`, under the configurable base).
 */
export function jsonLdContext(vocabulary: string): Record<string, unknown> {
  return {
    org: 'http://www.w3.org/ns/org#',
    skos: 'http://www.w3.org/2004/02/skos/core#',
    prov: 'http://www.w3.org/ns/prov#',
    dcterms: 'http://purl.org/dc/terms/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    foaf: 'http://xmlns.com/foaf/0.1/',
    reg: vocabulary,
    ...Object.fromEntries(REFERENCES.map((property) => [property, { '@type': '@id' }])),
  };
}
