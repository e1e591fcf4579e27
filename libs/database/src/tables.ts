import { Type } from '@nestjs/common';
import { AttemptLedger } from './attempts/attempt-ledger';
import { ChallengeRepository } from './challenges/challenge.repository';
import { CompanyRepository } from './companies/company.repository';
import { CompanyPolicyRepository } from './company-policies/company-policy.repository';
import { FactorRepository } from './factors/factor.repository';
import { MembershipRepository } from './memberships/membership.repository';
import { OutboxRepository } from './outbox/outbox.repository';
import { PendingSignInRepository } from './pending-sign-ins/pending-sign-in.repository';
import { RecoveryCodeRepository } from './recovery-codes/recovery-code.repository';
import { RefreshTokenRepository } from './refresh-tokens/refresh-token.repository';
import { SessionRepository } from './sessions/session.repository';
import { StepUpGrantRepository } from './step-up-grants/step-up-grant.repository';
import { TrustedDeviceRepository } from './trusted-devices/trusted-device.repository';
import { UserRepository } from './users/user.repository';
import { IdentityProviderRepository } from './identity-providers/identity-provider.repository';
import { UsedNonceRepository } from './identity-providers/used-nonce.repository';
import { IdentityProvider } from './identity-providers/identity-provider.entity';
import { AuthorizationCode } from './authorization-codes/authorization-code.entity';
import { AuthorizationCodeRepository } from './authorization-codes/authorization-code.repository';
import { AuditEvent } from './audit-events/audit-event.entity';
import { WebAuthnCredential } from './webauthn/webauthn-credential.entity';
import { WebAuthnCredentialRepository } from './webauthn/webauthn-credential.repository';
import { PasskeyCeremonyRepository } from './webauthn/passkey-ceremony.repository';
import { EnrollmentEmailProofRepository } from './enrollment-email-proofs/enrollment-email-proof.repository';
import { AuditEventRepository } from './audit-events/audit-event.repository';
import { Challenge } from './challenges/challenge.entity';
import { Company } from './companies/company.entity';
import { CompanyPolicy } from './company-policies/company-policy.entity';
import { Factor } from './factors/factor.entity';
import { Membership } from './memberships/membership.entity';
import { OutboxEntry } from './outbox/outbox.entity';
import { PendingSignIn } from './pending-sign-ins/pending-sign-in.entity';
import { RecoveryCode } from './recovery-codes/recovery-code.entity';
import { RefreshToken } from './refresh-tokens/refresh-token.entity';
import { Session } from './sessions/session.entity';
import { StepUpGrant } from './step-up-grants/step-up-grant.entity';
import { TrustedDevice } from './trusted-devices/trusted-device.entity';
import { User } from './users/user.entity';

/** Every table's entity. */
export const ENTITIES = [
  User,
  Company,
  Membership,
  CompanyPolicy,
  Session,
  RefreshToken,
  PendingSignIn,
  Factor,
  Challenge,
  RecoveryCode,
  TrustedDevice,
  StepUpGrant,
  AuditEvent,
  OutboxEntry,
  IdentityProvider,
  AuthorizationCode,
  WebAuthnCredential,
];

/** Every table's repository: the one place its SQL is written. */
export const REPOSITORIES: Type<unknown>[] = [
  UserRepository,
  CompanyRepository,
  MembershipRepository,
  CompanyPolicyRepository,
  SessionRepository,
  RefreshTokenRepository,
  PendingSignInRepository,
  FactorRepository,
  ChallengeRepository,
  RecoveryCodeRepository,
  TrustedDeviceRepository,
  StepUpGrantRepository,
  AuditEventRepository,
  OutboxRepository,
  AttemptLedger,
  IdentityProviderRepository,
  UsedNonceRepository,
  AuthorizationCodeRepository,
  WebAuthnCredentialRepository,
  PasskeyCeremonyRepository,
  EnrollmentEmailProofRepository,
];
