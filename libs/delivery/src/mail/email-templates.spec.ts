import { OutboxParams } from '@sitepass/database';
import { SUPPORTED_LOCALES } from '@sitepass/i18n';
import { EmailTemplate } from '@sitepass/messaging';
import { renderEmail } from './email-templates';

const DEADLINE = {
  companyId: 'c0c0c0c0-0000-4000-8000-000000000000',
  companyName: 'Acme Builders',
  enforcementDate: '2026-03-20',
  timeZone: 'America/Chicago',
  enforcementStartsAt: '2026-03-20 00:00',
  deadline: '2026-03-20T05:00:00.000Z',
};

/** Each template with the parameters its producer writes on the outbox row (and the worker adds: an enrollment's code). */
const ROWS: Record<EmailTemplate, OutboxParams> = {
  factor_added: { factorType: 'totp' },
  factor_changed: { factorType: 'sms' },
  factor_removed: { factorType: 'sms' },
  recovery_code_redeemed: {},
  recovery_code_regenerated: {},
  account_locked: {},
  mfa_reset: { resetBy: 'company_admin', companyName: 'Acme Builders' },
  policy_announcement: DEADLINE,
  policy_reminder: { ...DEADLINE, daysLeft: 7 },
  enrollment_email_code: { code: '042917' },
};

describe('emails in the recipient’s language (I18N-2)', () => {
  it('I18N-1 I18N-3 renders every email in every language from the parameters its producer writes', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [template, params] of Object.entries(ROWS) as Array<[EmailTemplate, OutboxParams]>) {
        const { subject, text } = renderEmail(template, params, locale);
        expect({ locale, template, subject, text }).toEqual({
          locale,
          template,
          subject: expect.stringMatching(/^[^{}]+$/),
          text: expect.stringMatching(/^[^{}]+\n$/),
        });
        if (typeof params.companyName === 'string') expect(text).toContain('Acme Builders');
      }
    }
  });

  it('I18N-3 NOTE-1 shows the deadline in the reader’s format, in the company’s time zone', () => {
    expect(renderEmail('policy_announcement', DEADLINE, 'en').text).toContain('From 2026-03-20 00:00 (America/Chicago)');
    expect(renderEmail('policy_announcement', DEADLINE, 'fr').subject).toBe(
      'Acme Builders exige la connexion en deux étapes à partir du 20 mars 2026',
    );
    expect(renderEmail('policy_announcement', DEADLINE, 'de').text).toContain('Ab dem 20. März 2026, 00:00 Uhr (America/Chicago)');
    expect(renderEmail('policy_reminder', { ...DEADLINE, daysLeft: 1 }, 'es-419').text).toMatch(/^Dentro de 1 día,/);
    expect(renderEmail('policy_reminder', { ...DEADLINE, daysLeft: 7 }, 'pl').text).toMatch(/^Za 7 dni firma Acme Builders/);
    expect(renderEmail('policy_reminder', { ...DEADLINE, daysLeft: 7 }, 'ja').subject).toContain('2026年3月20日');
  });

  it('I18N-2 NOTE-2 names the factor and who reset the account in the reader’s words', () => {
    expect(renderEmail('factor_added', { factorType: 'totp' }, 'de').text).toMatch(/^Eine Authenticator-App wurde Ihrem Konto/);
    expect(renderEmail('factor_removed', { factorType: 'sms' }, 'fr-CA').text).toContain('numéro de cellulaire pour les textos');
    expect(renderEmail('mfa_reset', { resetBy: 'support' }, 'pt-BR').text).toContain('pelo suporte do Sitepass');
    expect(renderEmail('mfa_reset', { resetBy: 'payee_admin', companyName: 'Acme' }, 'en').text).toContain(
      'by a payee admin of Acme after',
    );
    // A notice written before it named its company still goes out, as a company admin's.
    expect(renderEmail('mfa_reset', { resetBy: 'an administrator of Acme' }, 'en').text).toContain('reset by an administrator of  after');
  });

  it('ABUSE-16 I18N-1 the enrollment email gives the code and says to change the password when the sign-in was not the reader’s', () => {
    for (const locale of SUPPORTED_LOCALES)
      expect(renderEmail('enrollment_email_code', { code: '042917' }, locale).text).toContain('042917');
    const { subject, text } = renderEmail('enrollment_email_code', { code: '042917' }, 'en');
    expect(subject).toBe('Sitepass: your code to finish setting up two-step verification');
    expect(text).toMatch(/^Your code to finish setting up two-step verification: 042917\n/);
    expect(text).toContain('If you did not just sign in, do not use this code and change your password right away');
  });
});
