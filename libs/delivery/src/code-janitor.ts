import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import {
  AuthorizationCodeRepository,
  ChallengeRepository,
  EnrollmentEmailProofRepository,
  PasskeyCeremonyRepository,
  UsedNonceRepository,
} from '@sitepass/database';

const INTERVAL_MS = 60_000;

/**
 * SMS-2, ABUSE-16: a code (texted, or emailed to confirm an enrollment) exists in readable (sealed) form only
 * until it is delivered or expires. Delivery erases it; this erases the rest once expired (a failed delivery,
 * a code never sent). It also forgets the spent nonces of ID tokens that have expired (PAY-11), the pages'
 * authorization codes a day after they expired (WEB-2), and the expired challenges of passwordless sign-ins
 * (PASSKEY-3): a replay of any is refused for its expiry. Runs in the worker.
 */
@Injectable()
export class CodeJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CodeJanitor.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly challenges: ChallengeRepository,
    private readonly nonces: UsedNonceRepository,
    private readonly codes: AuthorizationCodeRepository,
    private readonly ceremonies: PasskeyCeremonyRepository,
    private readonly emailProofs: EnrollmentEmailProofRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.eraseExpiredCodes().catch((error: Error) => this.logger.warn(error.message)), INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async eraseExpiredCodes(): Promise<void> {
    await this.challenges.eraseExpiredCodes(this.clock.now());
    await this.emailProofs.eraseExpiredCodes(this.clock.now());
    await this.nonces.eraseSpentNonces(this.clock.now());
    await this.codes.eraseExpired(this.clock.now());
    await this.ceremonies.eraseExpired(this.clock.now());
  }
}
