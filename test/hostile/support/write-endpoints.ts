import { advisoryAndMonitoringGroup, belarus } from '../../support/press-release';

/** Records the hostile tests aim at, created before they run (see `hostile-writes`). */
export const TARGETS = {
  state: belarus.id,
  operation: advisoryAndMonitoringGroup.id,
  chairpersonship: 'belarus-2031',
} as const;

export type Family = 'participating-states' | 'chairpersonships' | 'decisions' | 'field-operations';

/**
 * One write endpoint (POST) and a valid body for it. Every field of every body but `optional`
 * ones is required by its DTO, so removing one, or changing its type, makes the body invalid. `text` names
 * the free-text fields (where any well-formed text of the right length is valid).
 */
export interface WriteEndpoint {
  readonly family: Family;
  /** The route, with `{id}` where a record id goes. */
  readonly route: string;
  readonly target?: keyof typeof TARGETS;
  readonly body: Readonly<Record<string, unknown>>;
  readonly text: readonly string[];
  /** Fields that may be left out (removing them keeps the body valid). */
  readonly optional?: readonly string[];
}

/** Filled in at start: the id of the AMG's establishment event, which a correction names. */
export const CORRECTED_EVENT = { id: '' };

export const WRITE_ENDPOINTS: readonly WriteEndpoint[] = [
  {
    family: 'participating-states',
    route: '/api/participating-states',
    body: { id: 'hostile-state', name: 'Hostile State', admittedOn: '1992-01-30' },
    text: ['name'],
  },
  {
    family: 'participating-states',
    route: '/api/participating-states/continuations',
    body: { id: 'belarus-continued', name: 'Belarus', continuedOn: '1999', continues: 'belarus' },
    text: ['name'],
  },
  {
    family: 'participating-states',
    route: '/api/participating-states/{id}/suspensions',
    target: 'state',
    body: { suspendedOn: '1999-07-08' },
    text: [],
  },
  {
    family: 'participating-states',
    route: '/api/participating-states/{id}/readmissions',
    target: 'state',
    body: { readmittedOn: '2000-11-10' },
    text: [],
  },
  {
    family: 'participating-states',
    route: '/api/participating-states/{id}/renamings',
    target: 'state',
    body: { name: 'Republic of Belarus', effectiveOn: '1996' },
    text: ['name'],
  },
  {
    family: 'participating-states',
    route: '/api/participating-states/{id}/dissolution',
    target: 'state',
    body: { dissolvedOn: '2030-12-31' },
    text: [],
  },
  {
    family: 'chairpersonships',
    route: '/api/chairpersonships',
    body: { id: 'belarus-2032', state: 'belarus', from: '2032-01-01', to: '2032-12-31' },
    text: [],
  },
  {
    family: 'chairpersonships',
    route: '/api/chairpersonships/{id}/chairpersons-in-office',
    target: 'chairpersonship',
    body: { name: 'A Minister', from: '2031-01-01' },
    text: ['name'],
  },
  {
    family: 'decisions',
    route: '/api/decisions',
    body: {
      reference: 'PC.DEC/999',
      body: 'permanent-council',
      adoptedOn: '2003-03-01',
      effects: [
        {
          action: 'appoint-head',
          operation: 'advisory-and-monitoring-group-in-belarus',
          name: 'A Head',
          from: '2000',
        },
      ],
    },
    text: ['effects/0/name'],
    optional: ['effects'],
  },
  {
    family: 'field-operations',
    route: '/api/field-operations',
    body: {
      id: 'hostile-office',
      name: 'OSCE Hostile Office',
      kind: 'office',
      hostStates: ['belarus'],
      establishedOn: '2003-01-01',
    },
    text: ['name'],
  },
  ...[
    [
      'mandates',
      { decision: 'PC.DEC/526', effectiveFrom: '2000', summary: 'To assist' },
      ['summary'],
    ],
    ['mandate-extensions', { decision: 'PC.DEC/526', until: '2001-12-31' }, []],
    ['renamings', { name: 'OSCE Group in Belarus', effectiveOn: '2000' }, ['name']],
    ['heads', { name: 'A Head', from: '2000' }, ['name']],
    ['closure', { closedOn: '2002-12-31', reason: 'mandate-expired' }, []],
    ['seat-changes', { seat: 'Hrodna', effectiveOn: '2000' }, ['seat']],
    ['host-state-changes', { hostStates: ['belarus', 'belarus-2'], effectiveOn: '2000' }, []],
    [
      'notes',
      { text: 'A note', provenance: { sources: ['https://example.org/source'] } },
      ['text', 'provenance/sources/0'],
    ],
    [
      'corrections',
      { corrects: '{event}', changes: { seat: 'Minsk' }, reason: 'Typo' },
      ['reason', 'changes/seat'],
    ],
  ].map(([use, body, text]): WriteEndpoint => ({
    family: 'field-operations',
    route: `/api/field-operations/{id}/${use as string}`,
    target: 'operation',
    body: body as Record<string, unknown>,
    text: text as string[],
  })),
];

/** The path of an endpoint for a record id (as given: already encoded, or hostile). */
export function pathOf(endpoint: WriteEndpoint, rawId?: string): string {
  const id = rawId ?? (endpoint.target ? TARGETS[endpoint.target] : '');
  return endpoint.route.replace('{id}', id);
}

/** The valid body, with the corrected event's id filled in. */
export function validBody(endpoint: WriteEndpoint): Record<string, unknown> {
  return JSON.parse(JSON.stringify(endpoint.body).replace('{event}', CORRECTED_EVENT.id)) as Record<
    string,
    unknown
  >;
}
