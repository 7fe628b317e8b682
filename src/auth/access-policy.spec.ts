import { requiredAccess, type RequestShape } from './access-policy';

describe('requiredAccess', () => {
  const cases: Array<[string, RequestShape, string]> = [
    ['health', { method: 'GET', path: '/health' }, 'public'],
    ['readiness', { method: 'GET', path: '/health/ready' }, 'public'],
    ['the OpenAPI document', { method: 'GET', path: '/api/docs/openapi.json' }, 'public'],
    ['a list', { method: 'GET', path: '/api/field-operations' }, 'read'],
    ['a HEAD', { method: 'HEAD', path: '/api/field-operations/:id' }, 'read'],
    [
      'a history as CSV',
      { method: 'GET', path: '/api/field-operations/:id/history', query: { format: 'csv' } },
      'read',
    ],
    ['a feed page', { method: 'GET', path: '/api/events', query: { after: '3' } }, 'read'],
    [
      'a feed page as JSON',
      { method: 'GET', path: '/api/events', query: { format: 'json' } },
      'read',
    ],
    ['every POST', { method: 'POST', path: '/api/decisions' }, 'recorder'],
    ['a nested POST', { method: 'POST', path: '/api/field-operations/:id/closure' }, 'recorder'],
    ['a method no route has yet', { method: 'DELETE', path: '/api/decisions/:id' }, 'recorder'],
    ['an unknown path', { method: 'PUT', path: '/anything' }, 'recorder'],
    ['verification', { method: 'GET', path: '/api/audit/verification' }, 'auditor'],
    ['a seal (a POST under /api/audit)', { method: 'POST', path: '/api/audit/seals' }, 'auditor'],
    ['Popolo', { method: 'GET', path: '/api/exports/popolo' }, 'auditor'],
    ['the CSV export', { method: 'GET', path: '/api/exports/field-operations.csv' }, 'auditor'],
    [
      'the log as NDJSON',
      { method: 'GET', path: '/api/events', query: { format: 'ndjson' } },
      'auditor',
    ],
    [
      'the log as CSV',
      { method: 'GET', path: '/api/events?format=csv', query: { format: 'csv' } },
      'auditor',
    ],
    [
      'the log by Accept',
      { method: 'GET', path: '/api/events', accept: 'application/x-ndjson' },
      'auditor',
    ],
    [
      'the log by Accept: text/csv',
      { method: 'GET', path: '/api/events/', accept: 'text/csv' },
      'auditor',
    ],
    [
      'an unknown format',
      { method: 'GET', path: '/api/events', query: { format: 'xml' } },
      'auditor',
    ],
    [
      'a repeated format',
      { method: 'GET', path: '/api/events', query: { format: ['json', 'csv'] } },
      'auditor',
    ],
    ['a path merely starting like health', { method: 'GET', path: '/healthy' }, 'read'],
    ['a path merely starting like audit', { method: 'GET', path: '/api/auditors' }, 'read'],
  ];

  it.each(cases)('%s', (_, request, expected) => {
    expect(requiredAccess(request)).toBe(expected);
  });
});
