import { signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser } from '../support/mfa';
import { burst, tally, twoInstances } from './burst';

/**
 * ABUSE-6: TOTP-7's clock hint must not become an oracle. A guessed code that matches a step minutes
 * ahead is answered with the direction and whole minutes only, and is never accepted when its time comes.
 */
describe('ABUSE-6 the clock-skew hint', () => {
  const env = useTestEnvironment();

  async function challenge(app: RunningApp, user: EnrolledUser) {
    const { mfaToken } = (await signIn(app, user.email)).body;
    const { challengeId } = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: mfaToken })).body;
    return (instance: RunningApp, code: string) =>
      instance.http.post(`/v1/challenges/${challengeId}/verify`, { code }, { token: mfaToken });
  }

  it('ABUSE-6 TOTP-7 a code recognised as 5 minutes ahead is refused again when its time comes, on every instance', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(instances[0], env.clock);
    const ahead = user.app.code(10);
    const verify = await challenge(instances[0], user);
    const answers = await burst(instances, 4, (app) => verify(app, ahead));
    expect(tally(answers)).toEqual({ '422 clock_skew_suspected': 4 });
    for (const answer of answers) {
      expect(answer.body).toMatchObject({ clockOffset: { direction: 'ahead', minutes: 5 }, estimatedOffsetSeconds: 300 });
      expect(answer.body.message).toMatch(/about 5 minutes ahead/);
    }

    env.clock.advance(300);
    const later = await challenge(instances[1], user);
    const replays = await burst(instances, 4, (app) => later(app, ahead));
    expect(tally(replays)).toEqual({ '422 code_already_used': 4 });
    // The app's next code is a normal one.
    env.clock.advance(30);
    expect((await later(instances[0], user.app.code())).status).toBe(200);
  });

  it('ABUSE-6 TOTP-7 the offset is told in whole minutes, never to the step', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(instances[0], env.clock);
    const verify = await challenge(instances[1], user);
    const ahead = await verify(instances[0], user.app.code(11));
    expect(ahead.body).toMatchObject({
      code: 'clock_skew_suspected',
      clockOffset: { direction: 'ahead', minutes: 6 },
      estimatedOffsetSeconds: 360,
    });
    const behind = await verify(instances[1], user.app.code(-3));
    expect(behind.body).toMatchObject({
      code: 'clock_skew_suspected',
      clockOffset: { direction: 'behind', minutes: 2 },
      estimatedOffsetSeconds: -120,
    });
    expect(behind.body.message).toMatch(/about 2 minutes behind/);
  });
});
