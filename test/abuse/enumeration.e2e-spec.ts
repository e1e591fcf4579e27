import { PasswordHasher } from '@sitepass/auth';
import { addMember, createCompany, createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { burst, twoInstances } from './burst';

/**
 * ABUSE-13: nothing tells an attacker whether an email has an account. Answers are compared whole, and
 * "the same time" is checked the way it is produced: every refusal costs exactly one password hash.
 * (Tests never time anything; bench/ measures.)
 */
describe('ABUSE-13 no enumeration at password sign-in', () => {
  const env = useTestEnvironment();

  /** Counts the password hashes each instance verifies. */
  function countHashes(instances: RunningApp[]): () => number {
    const spies = instances.map((app) => jest.spyOn(app.get(PasswordHasher), 'verify'));
    return () => spies.reduce((total, spy) => total + spy.mock.calls.length, 0);
  }

  const answerOf = (response: { status: number; body: { code?: string; message?: string } }) =>
    `${response.status} ${response.body.code} ${response.body.message}`;

  it('ABUSE-13 DIR-5 an unknown email of an SSO domain and an existing non-member of that domain get the same answer, after one hash each', async () => {
    const instances = await twoInstances(env, 'standard');
    const company = await createCompany(instances[0], { ssoDomains: ['enum-sso.example'] });
    const member = await createUser(instances[0], { email: 'sam@enum-sso.example' });
    await addMember(instances[0], company, member);
    const outsider = await createUser(instances[0], { email: 'olly@enum-sso.example' });
    const hashes = countHashes(instances);
    const answers = await burst(instances, 30, (app, index) =>
      signIn(app, [`nobody-${index}@enum-sso.example`, outsider.email, member.email][index % 3]!, `a guess ${index}`),
    );
    expect(new Set(answers.map(answerOf))).toEqual(
      new Set(['403 sso_required This account signs in through your company’s identity provider.']),
    );
    expect(hashes()).toBe(30);
  });

  it('ABUSE-13 SES-1 unknown and known emails are refused alike, after one hash each', async () => {
    const instances = await twoInstances(env, 'standard');
    const known = await createUser(instances[0]);
    const inactive = await createUser(instances[0], { status: 'inactive' });
    const hashes = countHashes(instances);
    const answers = await burst(instances, 30, (app, index) =>
      signIn(app, [`nobody-${index}@example.com`, known.email, inactive.email][index % 3]!, `a guess ${index}`),
    );
    expect(new Set(answers.map(answerOf))).toEqual(new Set(['401 invalid_credentials The email or password is not correct.']));
    expect(hashes()).toBe(30);
  });
});
