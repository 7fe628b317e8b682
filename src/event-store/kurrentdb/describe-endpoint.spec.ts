import { describeEndpoint } from './describe-endpoint';

describe('describeEndpoint', () => {
  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'localhost:2113'],
    ['esdb+discover://admin:changeit@db1:2113,db2:2113?tls=true', 'db1:2113,db2:2113'],
    ['kurrentdb://127.0.0.1:40000/?tls=false', '127.0.0.1:40000'],
    ['', 'an unknown address'],
  ])('%s → %s', (connectionString, expected) => {
    expect(describeEndpoint(connectionString)).toBe(expected);
  });
});
