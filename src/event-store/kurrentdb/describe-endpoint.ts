/**
 * The hosts of a connection string, for error messages: scheme, credentials and options dropped,
 * e.g. `kurrentdb://admin:changeit@db1:2113,db2:2113?tls=true` becomes `db1:2113,db2:2113`.
 */
export function describeEndpoint(connectionString: string): string {
  const withoutScheme = connectionString.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hosts = withoutScheme.split(/[/?]/, 1)[0] ?? '';
  const at = hosts.lastIndexOf('@');
  const endpoint = at >= 0 ? hosts.slice(at + 1) : hosts;
  return endpoint.length > 0 ? endpoint : 'an unknown address';
}
