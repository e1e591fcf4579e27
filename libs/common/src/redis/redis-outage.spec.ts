import { isRedisUnavailable } from './redis-outage';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('isRedisUnavailable', () => {
  it('REL-2 knows Redis out of reach: no connection, retries used up, a command that timed out, a server loading or without its master', () => {
    for (const error of [
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Connection is closed.'),
      new Error('Command timed out'),
      named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 2).'),
      named('ReplyError', 'LOADING Redis is loading the dataset in memory'),
      named('ReplyError', 'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no'),
      named('ReplyError', "READONLY You can't write against a read only replica."),
      named('ReplyError', 'CLUSTERDOWN The cluster is down'),
    ]) {
      expect([error.message, isRedisUnavailable(error)]).toEqual([error.message, true]);
    }
  });

  it('REL-2 leaves every other error a bug: a wrong command, a script error, anything not an error', () => {
    for (const error of [
      named('ReplyError', "ERR wrong number of arguments for 'get' command"),
      named('ReplyError', 'WRONGTYPE Operation against a key holding the wrong kind of value'),
      new Error('boom'),
      'Command timed out',
      null,
    ]) {
      expect(isRedisUnavailable(error)).toBe(false);
    }
  });
});
