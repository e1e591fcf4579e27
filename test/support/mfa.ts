import { FakeClock } from './fake-clock';
import { createUser, PASSWORD, signIn } from './factories';
import { RunningApp } from './harness';
import { decodeQrDataUrl, parseOtpAuthUri, totpCode } from './totp';

/** A phone with an authenticator app: it scans the QR code and shows codes for the fake clock's time. */
export class AuthenticatorApp {
  constructor(
    readonly secret: string,
    private readonly clock: FakeClock,
  ) {}

  /** Scans the QR code image, as a phone camera would (slow-ish: use it where scanning is the point). */
  static fromQrCode(pngDataUrl: string, clock: FakeClock): AuthenticatorApp {
    return new AuthenticatorApp(parseOtpAuthUri(decodeQrDataUrl(pngDataUrl)).secret, clock);
  }

  /** Reads the otpauth URI, as an app does from a tapped link. */
  static fromUri(otpauthUri: string, clock: FakeClock): AuthenticatorApp {
    return new AuthenticatorApp(parseOtpAuthUri(otpauthUri).secret, clock);
  }

  code(stepOffset = 0): string {
    return totpCode(this.secret, this.clock.now(), stepOffset);
  }

  /** A code that matches no step within 10 minutes either side: plainly wrong, not a clock problem. */
  wrongCode(): string {
    const nearby = new Set(Array.from({ length: 41 }, (_, index) => this.code(index - 20)));
    for (let candidate = 0; ; candidate += 1) {
      const code = String(candidate).padStart(6, '0');
      if (!nearby.has(code)) return code;
    }
  }
}

export interface EnrolledUser {
  email: string;
  userId: string;
  app: AuthenticatorApp;
  recoveryCode: string;
  factorId: string;
}

/** The paths of a product: the standard app's, or Pay's with its prefix. */
export function paths(app: RunningApp) {
  const base = app.kind === 'pay' ? '/v1/pay' : '/v1';
  return {
    sessions: `${base}/sessions`,
    challenges: `${base}/challenges`,
    redeem: `${base}/recovery-codes/redeem`,
    enrollments: app.kind === 'pay' ? '/v1/pay/payor/enrollments' : '/v1/enrollments',
  };
}

/** Starts and confirms an authenticator-app enrollment with the given token (mfaToken or access token). */
export async function enrollTotp(
  app: RunningApp,
  clock: FakeClock,
  token: string,
  extra: Record<string, unknown> = {},
  enrollments = paths(app).enrollments,
) {
  const started = await app.http.post(enrollments, { factorType: 'totp', ...extra }, { token });
  if (started.status !== 201) throw new Error(`enrollment did not start: ${started.status} ${JSON.stringify(started.body)}`);
  const phone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, clock);
  const confirmed = await app.http.post(`${enrollments}/${started.body.enrollmentId}/confirm`, { code: phone.code() }, { token });
  if (confirmed.status !== 200) throw new Error(`enrollment not confirmed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { started: started.body, confirmed: confirmed.body, phone };
}

/** A user who must use MFA (alwaysRequireMfa) and has enrolled an authenticator app at sign-in. */
export async function createEnrolledUser(
  app: RunningApp,
  clock: FakeClock,
  overrides: Record<string, unknown> = {},
): Promise<EnrolledUser> {
  const user = await createUser(app, { alwaysRequireMfa: true, ...overrides });
  const first = await signIn(app, user.email);
  if (first.body.status !== 'mfa_enrollment_required') throw new Error(`expected enrollment: ${JSON.stringify(first.body)}`);
  const { confirmed, phone } = await enrollTotp(app, clock, first.body.mfaToken);
  // Codes are single-use per time step: the next proof must come from a later step.
  clock.advance(30);
  return { email: user.email, userId: user.id, app: phone, recoveryCode: confirmed.recoveryCode, factorId: confirmed.factor.id };
}

/** Password step, then a challenge for the authenticator app, then its verification. */
export async function signInWithTotp(app: RunningApp, user: { email: string; app: AuthenticatorApp }, password = PASSWORD) {
  const first = await signIn(app, user.email, password);
  if (first.body.status !== 'mfa_required') throw new Error(`expected mfa_required: ${JSON.stringify(first.body)}`);
  const factor = first.body.factors.find((candidate: { type: string }) => candidate.type === 'totp');
  const challenge = await app.http.post(paths(app).challenges, { factorId: factor.id }, { token: first.body.mfaToken });
  const verified = await app.http.post(
    `${paths(app).challenges}/${challenge.body.challengeId}/verify`,
    { code: user.app.code() },
    { token: first.body.mfaToken },
  );
  return { first: first.body, challenge: challenge.body, verified };
}

/** Worker settings that send through a fake Twilio and retry quickly. */
export function twilioWorkerEnv(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SMS_PROVIDER: 'twilio',
    TWILIO_BASE_URL: baseUrl,
    TWILIO_ACCOUNT_SID: 'ACtest0000000000000000000000000001',
    TWILIO_AUTH_TOKEN: 'twilio-test-auth-token',
    TWILIO_FROM: '+15005550006',
    TWILIO_TIMEOUT_MS: '2000',
    SMS_BACKOFF_MS: '20',
    SMS_MAX_ATTEMPTS: '4',
    OUTBOX_POLL_MS: '50',
    ...extra,
  };
}
