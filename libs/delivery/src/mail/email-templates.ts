import { OutboxParams } from '@sitepass/database';
import { EmailTemplate } from '@sitepass/messaging';

export interface RenderedEmail {
  subject: string;
  text: string;
}

/** The core names the factor in the notice's parameters (its type's noticeNames); a generic name otherwise. */
const factorName = (params: OutboxParams) => (typeof params.factorName === 'string' ? params.factorName : 'a sign-in method');
const newFactorName = (params: OutboxParams) => (typeof params.newFactorName === 'string' ? params.newFactorName : 'a new sign-in method');
const NOT_YOU = 'If this was not you, contact your company admin or Sitepass support right away.';

/**
 * The emails Sitepass sends (NOTE-1, NOTE-2, RESET-4). Parameters are non-secret facts stored on the
 * outbox row; nothing here ever contains a code or a token.
 */
export function renderEmail(template: EmailTemplate, params: OutboxParams): RenderedEmail {
  switch (template) {
    case 'factor_added':
      return notice('A sign-in method was added', `${capitalize(factorName(params))} was added to your account for two-step sign-in.`);
    case 'factor_changed':
      return notice('A sign-in method was changed', `Your account now uses ${newFactorName(params)}; the previous one no longer works.`);
    case 'factor_removed':
      return notice('A sign-in method was removed', `${capitalize(factorName(params))} was removed from your account.`);
    case 'recovery_code_redeemed':
      return notice(
        'Your recovery code was used',
        'Your recovery code was just used to sign in, and a new one was issued. We recommend setting up your authenticator app or phone again.',
      );
    case 'recovery_code_regenerated':
      return notice('You have a new recovery code', 'A new recovery code was created for your account; the previous one no longer works.');
    case 'account_locked':
      return notice(
        'Two-step sign-in is locked',
        'After too many wrong codes, two-step sign-in to your account is locked. Your company admin or Sitepass support can reset it.',
      );
    case 'mfa_reset':
      return notice(
        'Your two-step sign-in was reset',
        `Your two-step sign-in was reset by ${String(params.resetBy)} after verifying your identity. All your sessions were signed out; set up a sign-in method at your next sign-in.`,
      );
    case 'policy_announcement':
      return {
        subject: `${String(params.companyName)} requires two-step sign-in from ${String(params.enforcementDate)}`,
        text: policyText(
          `From ${String(params.enforcementStartsAt)} (${String(params.timeZone)}), signing in to ${String(params.companyName)} requires two-step sign-in with an authenticator app or a text message.`,
        ),
      };
    case 'policy_reminder':
      return {
        subject: `Reminder: set up two-step sign-in before ${String(params.enforcementDate)}`,
        text: policyText(
          `In ${String(params.daysLeft)} day(s), ${String(params.companyName)} starts requiring two-step sign-in. You have not set it up yet.`,
        ),
      };
  }
}

function notice(subject: string, body: string): RenderedEmail {
  return { subject: `Sitepass: ${subject.toLowerCase()}`, text: `${body}\n\n${NOT_YOU}\n` };
}

function policyText(lead: string): string {
  return `${lead}\n\nSign in and set it up now from your account's security settings, so that your first sign-in after the deadline goes smoothly.\n`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
