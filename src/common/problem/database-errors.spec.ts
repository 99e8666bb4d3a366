import { QueryFailedError } from 'typeorm';
import { fromDatabaseError, isConnectionFailure } from './database-errors';

const named = (name: string, message = 'released') => Object.assign(new Error(message), { name });
const withCode = (code: string, message = 'server said no') => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it.each([
    ['a query on a released query runner', named('QueryRunnerAlreadyReleasedError')],
    ['a manager bound to a released query runner', named('QueryRunnerProviderAlreadyReleasedError')],
    ['pg losing the socket', new Error('Connection terminated unexpectedly')],
    ['a pool checkout timing out', new Error('timeout exceeded when trying to connect')],
    ['a refused connection', withCode('ECONNREFUSED', '')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a broken pipe', withCode('EPIPE')],
    ['an administrator shutdown (57P01)', withCode('57P01')],
    ['a crash shutdown (57P02)', withCode('57P02')],
    ['a server starting or stopping (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['a refusal inside an AggregateError', new AggregateError([withCode('ECONNREFUSED', '')], '')],
    ['a failure given as the cause of a wrapper', new Error('commit failed', { cause: new Error('Connection terminated') })],
    ['a failure wrapped by TypeORM', new QueryFailedError('COMMIT', [], withCode('57P01'))],
  ])('recognises %s', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a plain bug', new TypeError('x is undefined')],
    ['a non-error', 'Connection terminated'],
    ['null', null],
  ])('does not take %s for an outage', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});

describe('fromDatabaseError', () => {
  it('maps a connection failure to service_unavailable (503)', () => {
    expect(fromDatabaseError(named('QueryRunnerProviderAlreadyReleasedError'))?.code).toBe('service_unavailable');
  });

  it('maps a unique violation to a duplicate, not an outage', () => {
    expect(fromDatabaseError(new QueryFailedError('INSERT', [], withCode('23505')))?.code).toBe('duplicate');
  });
});
