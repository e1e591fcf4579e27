import { DirectoryAndSessions1764380000000 } from './1764380000000-directory-and-sessions';
import { FactorsAndChallenges1764390000000 } from './1764390000000-factors-and-challenges';
import { OutboxAndSms1764395000000 } from './1764395000000-outbox-and-sms';
import { StepUps1764410000000 } from './1764410000000-step-ups';
import { CompanyPolicies1764420000000 } from './1764420000000-company-policies';
import { PolicyNotices1764430000000 } from './1764430000000-policy-notices';
import { PendingSignInDeviceTrust1764440000000 } from './1764440000000-pending-sign-in-device-trust';
import { CompanySsoDomainIndex1764450000000 } from './1764450000000-company-sso-domain-index';
import { AbuseResistance1764460000000 } from './1764460000000-abuse-resistance';
import { ReenrollmentAfterReset1764470000000 } from './1764470000000-reenrollment-after-reset';
import { PaySso1764480000000 } from './1764480000000-pay-sso';
import { PageHandOff1764490000000 } from './1764490000000-page-hand-off';
import { UserLocale1764500000000 } from './1764500000000-user-locale';
import { Passkeys1764510000000 } from './1764510000000-passkeys';
import { EnrollmentEmailProofs1764520000000 } from './1764520000000-enrollment-email-proofs';

/** Every migration, oldest first. Listed by hand so that a build never depends on a file glob. */
export const MIGRATIONS = [
  DirectoryAndSessions1764380000000,
  FactorsAndChallenges1764390000000,
  OutboxAndSms1764395000000,
  StepUps1764410000000,
  CompanyPolicies1764420000000,
  PolicyNotices1764430000000,
  PendingSignInDeviceTrust1764440000000,
  CompanySsoDomainIndex1764450000000,
  AbuseResistance1764460000000,
  ReenrollmentAfterReset1764470000000,
  PaySso1764480000000,
  PageHandOff1764490000000,
  UserLocale1764500000000,
  Passkeys1764510000000,
  EnrollmentEmailProofs1764520000000,
];
