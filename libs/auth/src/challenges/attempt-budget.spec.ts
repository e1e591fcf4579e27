import { ATTEMPT_LIMITS, CHALLENGE_MAX_FAILURES, delayAfterFailures, SIGN_IN_MAX_FAILURES, STEP_UP_MAX_FAILURES } from './attempt-budget';

const MINUTE = 60;

describe('the attempt ladder', () => {
  it('LOGIN-5 the first 9 consecutive failures bring no delay', () => {
    for (let failures = 0; failures <= 9; failures += 1) expect(delayAfterFailures(failures)).toBe(0);
  });

  it('LOGIN-5 the 10th consecutive failure brings a 1-minute delay, and each further one doubles it', () => {
    expect([10, 11, 12, 13].map(delayAfterFailures)).toEqual([1 * MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
  });

  it('LOGIN-5 the delay never exceeds 15 minutes, however long the run of failures', () => {
    // 16 minutes would be next after 8: the 14th failure is the first to hit the cap.
    expect([14, 15, 20, 99, 100, 5000].map(delayAfterFailures)).toEqual(Array(6).fill(15 * MINUTE));
  });

  it('LOGIN-5 ABUSE-1 the ledger’s table holds the delay after each of the first 100 failures, the n-th at index n - 1', () => {
    const table = ATTEMPT_LIMITS.delaysAfterFailure;
    expect(table).toHaveLength(100);
    expect(table.slice(0, 9)).toEqual(Array(9).fill(0));
    expect(table.slice(9, 14)).toEqual([1, 2, 4, 8, 15].map((minutes) => minutes * MINUTE));
    // Past the end the ledger repeats the last entry: the cap, never a shorter wait.
    expect(table.at(-1)).toBe(15 * MINUTE);
  });

  it('LOGIN-5 PAY-9 a challenge survives 4 wrong codes, a pending sign-in 9, a step-up session 9', () => {
    expect(ATTEMPT_LIMITS).toMatchObject({ challenge: 5, signIn: 10, stepUpSession: 10 });
    expect([CHALLENGE_MAX_FAILURES, SIGN_IN_MAX_FAILURES, STEP_UP_MAX_FAILURES]).toEqual([5, 10, 10]);
  });
});
