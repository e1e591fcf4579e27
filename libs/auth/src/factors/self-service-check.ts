import { Injectable } from '@nestjs/common';
import { Clock, requestContext } from '@sitepass/common';
import { User } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { LoginThrottle } from '../limits/login-throttle';
import { PasswordHasher } from '../passwords/password-hasher';
import { SessionService } from '../sessions/session.service';
import { Principal } from '../tokens/access-token';

/** POL-8: a factor change needs an MFA proof from the last 10 minutes when the user already has a factor. */
export const RECENT_MFA_SECONDS = 10 * 60;

/**
 * POL-8: adding, changing or removing a factor (and a new recovery code) in self-service needs the
 * current password and, for a user who already has an active factor, a recent MFA check in this session.
 * The session row, not the token, says when MFA was last proven.
 *
 * ABUSE-5: the MFA check comes first, so a stolen password-only session cannot use this as a password
 * oracle, and the password is one attempt of SEC-5's account limit, taken before it is verified.
 */
@Injectable()
export class SelfServiceCheck {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async assert(principal: Principal, user: User, currentPassword: string | undefined, hasActiveFactor: boolean): Promise<void> {
    if (hasActiveFactor) await this.assertRecentMfa(principal);
    const ip = requestContext.current()?.ip ?? null;
    const matches =
      !!currentPassword && (await this.throttle.verify(user.email, ip, () => this.passwords.verify(user.passwordHash, currentPassword)));
    if (!matches) throw DomainError.of('error.current_password_incorrect');
  }

  private async assertRecentMfa(principal: Principal): Promise<void> {
    const session = await this.sessions.findLiveSession(principal.sessionId);
    const proofAge = session?.mfaTime ? (this.clock.now().getTime() - session.mfaTime.getTime()) / 1000 : Infinity;
    if (proofAge > RECENT_MFA_SECONDS) {
      throw DomainError.of('error.reauthentication_required', {
        maxAgeSeconds: RECENT_MFA_SECONDS,
      });
    }
  }
}
