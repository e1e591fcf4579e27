import { INestApplicationContext } from '@nestjs/common';
import { calendarDateIn, DirectoryService, startOfDayIn } from '@sitepass/auth';
import { CompanyPolicyRepository, CompanyRepository, MembershipRole, PayKind, PayRole, UserRepository } from '@sitepass/database';
import { DataSource } from 'typeorm';
import { CONFIG, SitepassConfig } from '@sitepass/config';

/** Every demo account shares this password; it is printed by `npm run seed:demo` and in the README. */
export const DEMO_PASSWORD = 'sitepass-demo-password';

export interface DemoCompany {
  key: string;
  name: string;
  ssoDomains?: string[];
  payKind?: PayKind;
}

export interface DemoUser {
  email: string;
  note: string;
  alwaysRequireMfa?: boolean;
  support?: boolean;
  memberships: Array<{ company: string; role: MembershipRole; payRoles?: PayRole[] }>;
}

export const DEMO_COMPANIES: DemoCompany[] = [
  { key: 'acme', name: 'Acme Builders' },
  { key: 'skyline', name: 'Skyline Contractors', ssoDomains: ['skyline.example'] },
  { key: 'northwind', name: 'Northwind Developments (Pay: payor)', payKind: 'payor' },
  { key: 'riverside', name: 'Riverside Supply (Pay: payee)', payKind: 'payee' },
];

export const DEMO_USERS: DemoUser[] = [
  { email: 'alice@acme.example', note: 'company admin of Acme Builders', memberships: [{ company: 'acme', role: 'admin' }] },
  { email: 'bob@acme.example', note: 'member of Acme Builders', memberships: [{ company: 'acme', role: 'member' }] },
  {
    email: 'erin@acme.example',
    note: 'member with "always require MFA" set',
    alwaysRequireMfa: true,
    memberships: [{ company: 'acme', role: 'member' }],
  },
  { email: 'sam@skyline.example', note: 'SSO user: password sign-in is refused', memberships: [{ company: 'skyline', role: 'member' }] },
  {
    email: 'pat@northwind.example',
    note: 'Pay payor, payments disburser (authenticator app only)',
    memberships: [{ company: 'northwind', role: 'admin', payRoles: ['payments_disburser'] }],
  },
  {
    email: 'dana@northwind.example',
    note: 'Pay payor, disbursement contributor (no MFA)',
    memberships: [{ company: 'northwind', role: 'member', payRoles: ['disbursement_contributor'] }],
  },
  {
    email: 'paula@riverside.example',
    note: 'Pay payee admin (app or US SMS)',
    memberships: [{ company: 'riverside', role: 'admin', payRoles: ['payee_admin'] }],
  },
  { email: 'sue@sitepass.example', note: 'platform support', support: true, memberships: [] },
];

/** Thrown instead of seeding a production database; its message is what the command prints. */
export class DemoSeedRefused extends Error {
  constructor() {
    super('seed:demo refuses to run with NODE_ENV=production: every demo account shares a published password (ABUSE-14).');
    this.name = 'DemoSeedRefused';
  }
}

/** The demo accounts' password is in the README: a production directory must never contain them (ABUSE-14). */
export function refuseDemoSeedInProduction(config: SitepassConfig): void {
  if (config.environment === 'production') throw new DemoSeedRefused();
}

/** Creates what is missing of the demo directory; running it again changes nothing (DIR-4). */
export async function seedDemoDirectory(app: INestApplicationContext): Promise<void> {
  // Checked here as well as before the command connects, so that no caller can seed a production database.
  refuseDemoSeedInProduction(app.get<SitepassConfig>(CONFIG, { strict: false }));
  const directory = app.get(DirectoryService, { strict: false });
  const companies = app.get(CompanyRepository, { strict: false });
  const users = app.get(UserRepository, { strict: false });
  const companyIds = new Map<string, string>();
  for (const company of DEMO_COMPANIES) {
    const existing = await companies.findByName(company.name);
    companyIds.set(company.key, (existing ?? (await directory.createCompany(company))).id);
  }
  for (const demo of DEMO_USERS) {
    const user =
      (await users.findByEmail(demo.email)) ??
      (await directory.createUser({
        email: demo.email,
        password: DEMO_PASSWORD,
        alwaysRequireMfa: demo.alwaysRequireMfa,
        support: demo.support,
      }));
    for (const membership of demo.memberships) {
      await directory.setMembership(companyIds.get(membership.company)!, user.id, { role: membership.role, payRoles: membership.payRoles });
    }
  }
}

/** The demo's story: Acme Builders requires two-step sign-in from the day the demo is first set up. */
export const DEMO_POLICY = { company: 'acme', admin: 'alice@acme.example', timeZone: 'America/Chicago', reauthInterval: '12h' } as const;

/**
 * Gives Acme Builders an enforced policy when it never had one, as its admin would set it (the demo's
 * first screen: Bob signs in and is asked to set up an authenticator app). Written as a seed writes the
 * directory, without the announcement emails a policy change through the API would queue.
 */
export async function seedDemoPolicy(app: INestApplicationContext, now: Date): Promise<void> {
  refuseDemoSeedInProduction(app.get<SitepassConfig>(CONFIG, { strict: false }));
  const companies = app.get(CompanyRepository, { strict: false });
  const policies = app.get(CompanyPolicyRepository, { strict: false });
  const users = app.get(UserRepository, { strict: false });
  const acme = (await companies.findByName(DEMO_COMPANIES.find((company) => company.key === DEMO_POLICY.company)!.name))!;
  if (await policies.findByCompany(acme.id)) return;
  const admin = (await users.findByEmail(DEMO_POLICY.admin))!;
  const enforcementDate = calendarDateIn(now, DEMO_POLICY.timeZone);
  const terms = {
    required: true,
    enforcementDate,
    timeZone: DEMO_POLICY.timeZone,
    enforcementStartsAt: startOfDayIn(enforcementDate, DEMO_POLICY.timeZone),
    reauthInterval: DEMO_POLICY.reauthInterval,
    passwordlessAllowed: true,
  };
  await app.get(DataSource, { strict: false }).transaction((manager) => policies.save(acme.id, terms, admin.id, now, manager));
}
