import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { User } from '../directory/user.entity';
import { DomainError } from '../errors/domain.error';
import { PasswordHasher } from '../passwords/password-hasher';
import { SessionService } from '../sessions/session.service';
import { Principal } from '../tokens/access-token';

/** POL-8: a factor change needs an MFA proof from the last 10 minutes when the user already has a factor. */
export const RECENT_MFA_SECONDS = 10 * 60;

/**
 * POL-8: adding, changing or removing a factor (and a new recovery code) in self-service needs the
 * current password and, for a user who already has an active factor, a recent MFA check in this session.
 * The session row, not the token, says when MFA was last proven.
 */
@Injectable()
export class SelfServiceCheck {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async assert(principal: Principal, user: User, currentPassword: string | undefined, hasActiveFactor: boolean): Promise<void> {
    if (!currentPassword || !(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new DomainError('current_password_incorrect', 'Enter your current password to change your sign-in methods.');
    }
    if (!hasActiveFactor) return;
    const session = await this.sessions.findLiveSession(principal.sessionId);
    const proofAge = session?.mfaTime ? (this.clock.now().getTime() - session.mfaTime.getTime()) / 1000 : Infinity;
    if (proofAge > RECENT_MFA_SECONDS) {
      throw new DomainError('reauthentication_required', 'Confirm with your second factor first (POST /v1/challenges), then try again.', {
        maxAgeSeconds: RECENT_MFA_SECONDS,
      });
    }
  }
}
