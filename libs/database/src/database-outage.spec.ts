import { isDatabaseUnavailable } from './database-outage';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('REL-2 knows PostgreSQL out of reach: refused, broken or timed-out connections, a server shutting down, starting or full', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      // TypeORM's QueryFailedError: its own message, the driver's error beside it.
      Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') }),
    ]) {
      expect([error.message, isDatabaseUnavailable(error)]).toEqual([error.message, true]);
    }
  });

  it('REL-2 leaves every other error a bug: constraint violations, syntax errors, anything not an error', () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint "users_email_key"', '23505'),
      withCode('syntax error at or near "SELEC"', '42601'),
      new Error('boom'),
      'Connection terminated unexpectedly',
      null,
      undefined,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
