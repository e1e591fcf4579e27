import { randomUUID } from 'node:crypto';
import { DirectoryService, MembershipTerms, NewCompany, NewUser } from '@sitepass/auth';
import { RunningApp } from './harness';
import { Company, User } from '@sitepass/database';

export const PASSWORD = 'correct horse battery staple';

let sequence = 0;
const next = () => `${process.env.JEST_WORKER_ID ?? 1}-${(sequence += 1)}`;

/** A user with a known password, through the real directory service. */
export function createUser(app: RunningApp, overrides: Partial<NewUser> = {}): Promise<User> {
  return app.get(DirectoryService).createUser({ email: `user${next()}@example.com`, password: PASSWORD, ...overrides });
}

export function createCompany(app: RunningApp, overrides: Partial<NewCompany> = {}): Promise<Company> {
  return app.get(DirectoryService).createCompany({ name: `Company ${next()}`, ...overrides });
}

export async function addMember(app: RunningApp, company: Company, user: User, terms: Partial<MembershipTerms> = {}): Promise<void> {
  await app.get(DirectoryService).setMembership(company.id, user.id, { role: 'member', ...terms });
}

/** Password sign-in as a client would do it. */
export function signIn(app: RunningApp, email: string, password = PASSWORD, extra: Record<string, unknown> = {}) {
  const path = app.kind === 'pay' ? '/v1/pay/sessions' : '/v1/sessions';
  return app.http.post(path, { email, password, ...extra });
}

/**
 * An active SMS factor, written directly: for tests whose subject is what a phone allows, not how it was
 * enrolled (the SMS tests enroll phones through the API).
 */
export async function registerPhone(
  db: { query(sql: string, values: unknown[]): Promise<unknown> },
  userId: string,
  phoneNumber: string,
  at: Date,
): Promise<string> {
  const factorId = randomUUID();
  await db.query(
    `INSERT INTO factors (id, user_id, type, status, phone_number, created_at, activated_at) VALUES ($1, $2, 'sms', 'active', $3, $4, $4)`,
    [factorId, userId, phoneNumber, at],
  );
  return factorId;
}
