import { OutboxParams } from '@sitepass/database';
import { Locale, MessageArgs, MessageKey, translate } from '@sitepass/i18n';
import { EmailTemplate } from '@sitepass/messaging';

export interface RenderedEmail {
  subject: string;
  text: string;
}

/** An email's subject and lead in the catalogs, and the paragraph it closes with. */
interface Wording {
  subject: MessageKey;
  lead: MessageKey;
  closing: MessageKey;
}

/** A security notice (NOTE-2) closes with what to do when it was not you. */
const notice = (subject: MessageKey, lead: MessageKey): Wording => ({ subject, lead, closing: 'email.not_you' });
/** A deadline's email (NOTE-1) closes with the advice to set up now. */
const deadline = (subject: MessageKey, lead: MessageKey): Wording => ({ subject, lead, closing: 'email.policy.set_up_now' });

const EMAILS = {
  factor_added: notice('email.factor_added.subject', 'email.factor_added.body'),
  factor_changed: notice('email.factor_changed.subject', 'email.factor_changed.body'),
  factor_removed: notice('email.factor_removed.subject', 'email.factor_removed.body'),
  recovery_code_redeemed: notice('email.recovery_code_redeemed.subject', 'email.recovery_code_redeemed.body'),
  recovery_code_regenerated: notice('email.recovery_code_regenerated.subject', 'email.recovery_code_regenerated.body'),
  account_locked: notice('email.account_locked.subject', 'email.account_locked.body'),
  mfa_reset: notice('email.mfa_reset.subject', 'email.mfa_reset.body'),
  policy_announcement: deadline('email.policy_announcement.subject', 'email.policy_announcement.body'),
  policy_reminder: deadline('email.policy_reminder.subject', 'email.policy_reminder.body'),
  // ABUSE-16: the lead carries the code; the closing says what to do when the sign-in was not the reader's.
  enrollment_email_code: {
    subject: 'email.enrollment_email_code.subject',
    lead: 'email.enrollment_email_code.body',
    closing: 'email.enrollment_email_code.not_you',
  },
} satisfies Record<EmailTemplate, Wording>;

/**
 * The emails Sitepass sends (NOTE-1, NOTE-2, RESET-4, ABUSE-16), in the recipient's language (I18N-2). Parameters
 * are non-secret facts stored on the outbox row (a factor's type, a company's name and deadline), never words, and
 * never a code or a token; the one code an email carries (ABUSE-16) is added by the worker from its sealed copy,
 * at send time. A deadline is shown in the company's time zone.
 */
export function renderEmail(template: EmailTemplate, params: OutboxParams, locale: Locale): RenderedEmail {
  const { subject, lead, closing } = EMAILS[template];
  const args = argumentsOf(params);
  const options = typeof params.timeZone === 'string' ? { timeZone: params.timeZone } : {};
  const say = (key: MessageKey) => translate(locale, key, args, options);
  return { subject: say(subject), text: `${say(lead)}\n\n${say(closing)}\n` };
}

/**
 * The ICU arguments of a row's parameters: the deadline as an instant, and a company name even on a reset
 * notice written before the notice named its company (its role then reads as a company admin's).
 */
function argumentsOf(params: OutboxParams): MessageArgs {
  return {
    ...params,
    companyName: params.companyName ?? '',
    deadline: typeof params.deadline === 'string' ? new Date(params.deadline) : undefined,
  };
}
