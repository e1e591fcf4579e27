import { Inject, Injectable } from '@nestjs/common';
import { DomainError, enabledFactorTypes, PasskeySignInService } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { PageContent, PageContext } from '../layout';
import { PasswordForm, passwordPage } from './sign-in.views';

/**
 * The password page wherever a flow shows it (the sign-in, a restart, the company sign-in's refusals, a step-up's
 * signed-out session): where this deployment offers passkeys, with "Sign in with a passkey" (PASSKEY-3) on a
 * ceremony of its own, begun afresh each time the page is shown, since a ceremony is single-use.
 */
@Injectable()
export class PasswordPages {
  private readonly passkeysOffered: boolean;

  constructor(
    @Inject(CONFIG) config: SitepassConfig,
    private readonly passkeys: PasskeySignInService,
  ) {
    this.passkeysOffered = enabledFactorTypes(config).includes('webauthn');
  }

  async render(context: PageContext, form: Omit<PasswordForm, 'passkey'>): Promise<PageContent> {
    return passwordPage(context, { ...form, passkey: this.passkeysOffered ? await this.begin() : undefined });
  }

  /**
   * A client past its sign-in limit (SEC-5) gets no ceremony, only the password form, which the same limit
   * refuses with its reason when sent.
   */
  private async begin() {
    try {
      return await this.passkeys.begin();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'too_many_attempts') return undefined;
      throw error;
    }
  }
}
