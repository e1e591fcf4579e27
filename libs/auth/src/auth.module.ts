import { DynamicModule, Module, Type } from '@nestjs/common';
import { AUTH_OPTIONS } from './auth.options';
import { AttemptBudget } from './challenges/attempt-budget';
import { ChallengeService } from './challenges/challenge.service';
import { TrustedDeviceService } from './devices/trusted-device.service';
import { EnrollmentService } from './enrollment/enrollment.service';
import { FactorActivation } from './enrollment/factor-activation';
import { EnrollmentEmailProof } from './enrollment/email-proof';
import { FACTOR_TYPE_PROVIDERS, FactorTypes } from './factor-types/registry';
import { FactorAccess } from './factors/factor-access';
import { FactorService } from './factors/factor.service';
import { SecretRotation } from './factor-types/totp/secret-rotation';
import { SelfServiceCheck } from './factors/self-service-check';
import { SmsGate } from './limits/sms-gate';
import { SmsPrefixGuard } from './limits/sms-prefix-guard';
import { MessagingModule } from '@sitepass/messaging';
import { Notifications } from './notifications/security-notices';
import { PolicyNotices } from './policy/policy-notices';
import { OperationAuthorizer } from './step-up/operation-authorizer';
import { SessionActivity } from './step-up/session-activity';
import { StepUpService } from './step-up/step-up.service';
import { RecoveryCodeService } from './recovery-codes/recovery-code.service';
import { MfaStepService } from './sign-in/mfa-step.service';
import { PendingSignInService } from './sign-in/pending-sign-in.service';
import { SignInCompletion } from './sign-in/sign-in-completion';
import { CompanyAuditService } from './audit/company-audit.service';
import { CompanyAdminCheck } from './directory/company-admin-check';
import { MemberStatusService } from './members/member-status.service';
import { CompanyPolicyService } from './policy/company-policy.service';
import { MfaResetService } from './resets/mfa-reset.service';
import { SupportResetService } from './resets/support-reset.service';
import { FederatedSignInService } from './federation/federated-sign-in.service';
import { PasskeySignInService } from './factor-types/webauthn/passkey-sign-in.service';
import { IdTokenVerifier } from './federation/id-token-verifier';
import { IdentityProviderSettings } from './federation/identity-provider-settings';
import { ProviderDiscovery } from './federation/provider-discovery';
import { ProviderKeys } from './federation/provider-keys';
import { HandOffService } from './hand-off/hand-off.service';
import { MfaRevocationService } from './resets/mfa-revocation.service';
import { RESET_RULES, ResetRules } from './resets/reset-rules';
import { AccountAdministration } from './directory/account-administration';
import { DirectoryModule } from './directory/directory.module';
import { LoginThrottle } from './limits/login-throttle';
import { RateLimiter } from './limits/rate-limiter';
import { RevocationStore } from './sessions/revocation.store';
import { SessionService } from './sessions/session.service';
import { PRODUCT_POLICY, ProductPolicy } from './sign-in/product-policy';
import { SignInService } from './sign-in/sign-in.service';
import { SubjectFactsLoader } from './sign-in/subject-facts.loader';
import { AccessTokenIssuer } from './tokens/access-token.issuer';
import { SigningKeys } from './tokens/signing-keys';

const SERVICES = [
  RateLimiter,
  LoginThrottle,
  SigningKeys,
  AccessTokenIssuer,
  RevocationStore,
  SessionService,
  SubjectFactsLoader,
  SignInService,
  PendingSignInService,
  SignInCompletion,
  MfaStepService,
  FactorService,
  SelfServiceCheck,
  ChallengeService,
  AttemptBudget,
  EnrollmentService,
  RecoveryCodeService,
  TrustedDeviceService,
  SecretRotation,
  SmsGate,
  SmsPrefixGuard,
  Notifications,
  SessionActivity,
  StepUpService,
  OperationAuthorizer,
  CompanyAdminCheck,
  CompanyPolicyService,
  MemberStatusService,
  MfaRevocationService,
  MfaResetService,
  SupportResetService,
  ProviderKeys,
  ProviderDiscovery,
  IdTokenVerifier,
  FederatedSignInService,
  PasskeySignInService,
  IdentityProviderSettings,
  HandOffService,
  CompanyAuditService,
  PolicyNotices,
  FactorAccess,
  FactorActivation,
  EnrollmentEmailProof,
  AccountAdministration,
];

/** What an app passes in: its product's rules, kept in the app (apps/<app>/src/policy). */
export interface AuthModuleOptions {
  /** The app's product policy: its audience and what MFA it demands of whom. */
  policy: Type<ProductPolicy>;
  /** Who may reset whose MFA in a company, and when (RESET-1, RESET-3, PAY-10). */
  resetRules: Type<ResetRules>;
}

/** The MFA core both HTTP apps share; each passes its own product policy. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [DirectoryModule, MessagingModule],
      providers: [
        ...SERVICES,
        { provide: PRODUCT_POLICY, useClass: options.policy },
        { provide: RESET_RULES, useClass: options.resetRules },
        { provide: AUTH_OPTIONS, inject: [PRODUCT_POLICY], useFactory: (policy: ProductPolicy) => ({ audience: policy.audience }) },
        ...FACTOR_TYPE_PROVIDERS,
      ],
      exports: [...SERVICES, DirectoryModule, PRODUCT_POLICY, AUTH_OPTIONS, FactorTypes],
    };
  }
}
