import { ChallengeView, FactorSummary, PasskeyCeremony, PendingEnrollmentView } from '@sitepass/auth';
import { MessageKey } from '@sitepass/i18n';
import { passkeyForm } from '../factors/passkey-form';
import { emailCodeField, EmailProofField, emailProofOf } from '../factors/email-code-field';
import { secondsUntil } from '../form-input';
import { errorList, FieldErrors, input, notice } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContext, PageContent } from '../layout';
import type { ClockSkew } from '../page-errors';
import type { CountryChoice } from '../factors/phone-form';
import { companySignInSection, CompanySignInForm } from '../sso/company-sign-in.views';

/**
 * Where an enrollment's forms post and its links lead: the sign-in's (LOGIN-4) or the account page's (WEB-4),
 * so that both flows show the same views.
 */
export interface EnrollmentUrls {
  /** The code that confirms the pending factor (the form also posts `enrollmentId`). */
  confirm: string;
  /** A new code for a pending enrollment of a type that sends one. */
  resend: string;
  /** Where to start again: the methods of the sign-in, or the account page. */
  startAgain: string;
}

/**
 * The password page's forms as last sent. `passkey` is the ceremony of "Sign in with a passkey" where passkeys
 * are offered, and `passkeyError` why the last passkey was refused.
 */
export interface PasswordForm {
  email?: string;
  errors?: FieldErrors;
  message?: Html | false;
  sso?: CompanySignInForm;
  passkey?: PasskeyCeremony;
  passkeyError?: string;
}

/**
 * WEB-1: email and password; where passkeys are offered also "Sign in with a passkey" (PASSKEY-3); in Pay also
 * "Sign in with your company" (PAY-11; the standard product's SSO users sign in at their provider alone, DIR-5).
 * `sso` is that form as last sent.
 */
export function passwordPage(context: PageContext, form: PasswordForm): PageContent {
  const { t } = context;
  const errors = form.errors ?? {};
  const title = context.base ? t('page.signin.title.pay') : t('page.signin.title');
  return {
    title,
    passkeys: form.passkey !== undefined,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${form.message} ${errorList(context, { ...errors, ...form.sso?.errors, passkey: form.passkeyError })}
      <form method="post" action="${context.base}/signin" novalidate>
        ${csrfField(context)}
        ${input({ name: 'email', label: t('page.signin.email'), type: 'email', value: form.email ?? '', autocomplete: 'username', autofocus: !form.email }, errors)}
        ${input({ name: 'password', label: t('page.signin.password'), type: 'password', autocomplete: 'current-password', autofocus: Boolean(form.email) }, errors)}
        <div class="actions"><button type="submit">${t('page.signin.submit')}</button></div>
      </form>
    </div>
    ${form.passkey && passwordlessSection(context, form.passkey, form.passkeyError)}
    ${context.base === '/pay' && companySignInSection(context, form.sso)}`,
  };
}

/** PASSKEY-3: the second way in, under the password form: a discoverable passkey names its user. */
function passwordlessSection(context: PageContext, ceremony: PasskeyCeremony, error: string | undefined): Html {
  const { t } = context;
  return html`<section class="card" aria-labelledby="passkey-title">
    <h2 id="passkey-title">${t('page.signin.passkey.title')}</h2>
    <p>${t('page.signin.passkey.intro')}</p>
    ${error && html`<p class="error" id="passkey-error">${error}</p>`}
    ${passkeyForm(context, {
      action: `${context.base}/signin/passkey`,
      ceremony: 'authenticate',
      options: ceremony.publicKey,
      submitLabel: t('page.signin.passkey.submit'),
      hidden: { ceremonyId: ceremony.ceremonyId },
    })}
  </section>`;
}

export interface ChooseFactorView {
  factors: FactorSummary[];
  recoveryCodeAvailable: boolean;
  purpose?: 'sign_in' | 'proof';
  errors?: FieldErrors;
  /** Where the choice is posted (the sign-in's by default), the hidden fields that go with it, and why the page asks. */
  action?: string;
  hidden?: Record<string, string>;
  intro?: Html | false;
  /** A step-up (WEB-6) gives its own heading. */
  heading?: string;
}

export function chooseFactorPage(context: PageContext, view: ChooseFactorView): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const title = view.heading ?? t('page.verify.title');
  return {
    title,
    main: html`<div class="card">
<h1>${title}</h1>
${view.purpose === 'proof' && notice(t('page.enroll.proof'))}
${view.intro}
${errorList(context, errors)}
<form method="post" action="${view.action ?? `${context.base}/signin/verify/start`}">
${csrfField(context)}
${hiddenFields(view.hidden ?? { purpose: view.purpose ?? 'sign_in' })}
<fieldset${errors.factorId ? html` aria-describedby="field-factorId-error"` : ''}>
<legend>${t('page.verify.choose')}</legend>
${view.factors.map(
  (factor, index) =>
    html`<div class="choice">
      <input type="radio" id="factor-${index}" name="factorId" value="${factor.id}" ${index === 0 && html` checked`} />
      <label for="factor-${index}">${factorLabel(context, factor)}</label>
    </div>`,
)}
${errors.factorId && html`<p class="error" id="field-factorId-error">${errors.factorId}</p>`}
</fieldset>
<div class="actions"><button type="submit">${t('page.verify.send')}</button></div>
</form>
${view.recoveryCodeAvailable && view.purpose !== 'proof' && html`<p><a href="${context.base}/signin/recovery">${t('page.verify.recovery_link')}</a></p>`}
</div>`,
  };
}

export function factorLabel(context: PageContext, factor: FactorSummary): string {
  if (factor.type === 'sms') return context.t('page.verify.choose.sms', { number: factor.maskedPhoneNumber ?? '' });
  if (factor.type === 'webauthn') return context.t('page.verify.choose.passkey', { name: factor.name ?? context.t('page.enroll.passkey') });
  return context.t('page.verify.choose.totp');
}

export interface CodeFormView {
  /** Where the code is posted, and the hidden fields that go with it. */
  action: string;
  hidden?: Record<string, string>;
  factor: FactorSummary;
  /** Seconds until the code expires (SMS), and until another may be sent (SMS-5). */
  expiresInSeconds?: number;
  resend?: { action: string; waitSeconds: number };
  errors?: FieldErrors;
  skew?: ClockSkew;
  /** Links under the form: another method, the recovery code. */
  otherMethodsHref?: string;
  recoveryHref?: string;
  heading?: string;
  intro?: Html | false;
  /** The code field's hint, when the page says more precisely where the code is. */
  hint?: string;
  /** ABUSE-16: the code emailed to the account is asked for too, beside the factor's. */
  emailProof?: EmailProofField;
}

/** WEB-1: one code field (`one-time-code`, numeric, WebOTP for SMS), the code's remaining time, resend with a countdown. */
export function codePage(context: PageContext, view: CodeFormView): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const sms = view.factor.type === 'sms';
  const minutes = Math.max(1, Math.ceil((view.expiresInSeconds ?? 600) / 60));
  const hint =
    view.hint ??
    (sms ? t('page.verify.code.hint.sms', { number: view.factor.maskedPhoneNumber ?? '', minutes }) : t('page.verify.code.hint.totp'));
  const title = view.heading ?? t('page.verify.title');
  return {
    title,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${view.intro} ${view.skew && skewHelp(context, view.skew)}
      <form method="post" action="${view.action}" novalidate>
        ${csrfField(context)}
        ${hiddenFields(view.hidden ?? {})}
        ${input(
          {
            name: 'code',
            label: t('page.verify.code'),
            hint,
            autocomplete: 'one-time-code',
            inputmode: 'numeric',
            pattern: '[0-9]*',
            maxlength: 6,
            className: 'code',
            autofocus: true,
            webOtp: sms,
          },
          errors,
        )}
        ${view.emailProof && emailCodeField(context, view.emailProof, errors)}
        <div class="actions"><button type="submit">${t('page.verify.submit')}</button></div>
      </form>
      ${view.resend && resendForm(context, view.resend)}
      ${view.otherMethodsHref && html`<p><a href="${view.otherMethodsHref}">${t('page.verify.other_method')}</a></p>`}
      ${view.recoveryHref && html`<p><a href="${view.recoveryHref}">${t('page.verify.recovery_link')}</a></p>`}
    </div>`,
  };
}

export interface PasskeyStepView {
  /** Where the answer is posted, and the hidden fields that go with it (the challenge's id). */
  action: string;
  hidden: Record<string, string>;
  /** The challenge's request options (`webauthn.publicKey` of its view). */
  options: Record<string, unknown>;
  /** Why the last answer was refused (LOGIN-5's messages, a copied passkey's). */
  error?: string;
  /** Links under the form: another method, the recovery code. */
  otherMethodsHref?: string;
  recoveryHref?: string;
  heading?: string;
  intro?: Html | false;
}

/**
 * PASSKEY-3: the MFA step with a passkey, as codePage is with a code: the ceremony's form instead of the code
 * field, a refusal above it, and the same links. Sending the form again is trying again.
 */
export function passkeyStepPage(context: PageContext, view: PasskeyStepView): PageContent {
  const { t } = context;
  const title = view.heading ?? t('page.verify.title');
  return {
    title,
    passkeys: true,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${view.intro} ${errorList(context, { credential: view.error })}
      <p>${t('page.verify.passkey.intro')}</p>
      ${passkeyForm(context, {
        action: view.action,
        ceremony: 'authenticate',
        options: view.options,
        submitLabel: t('page.verify.passkey.submit'),
        hidden: view.hidden,
      })}
      ${view.otherMethodsHref && html`<p><a href="${view.otherMethodsHref}">${t('page.verify.other_method')}</a></p>`}
      ${view.recoveryHref && html`<p><a href="${view.recoveryHref}">${t('page.verify.recovery_link')}</a></p>`}
    </div>`,
  };
}

/** A passkey challenge's options for navigator.credentials.get(), as the core presents them (PASSKEY-5). */
export function requestOptionsOf(challenge: ChallengeView): Record<string, unknown> {
  const publicKey = challenge.webauthn?.publicKey;
  if (typeof publicKey !== 'object' || publicKey === null)
    throw new Error(`challenge ${challenge.challengeId} presents no passkey options`);
  return publicKey as Record<string, unknown>;
}

export function hiddenFields(fields: Record<string, string>): Html[] {
  return Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);
}

/** SMS-5's cooldown as a countdown that enables the button (with scripts); without them the server refuses early resends. */
function resendForm(context: PageContext, resend: { action: string; waitSeconds: number }): Html {
  const { t } = context;
  return html`<form method="post" action="${resend.action}">
    ${csrfField(context)}
    <div class="actions">
      <button class="secondary" type="submit" id="resend">${t('page.verify.resend')}</button>
      ${resend.waitSeconds > 0 && html`<span class="muted">${t('page.verify.resend.wait')} <span data-countdown="${resend.waitSeconds}" data-enables="#resend" role="timer">${formatSeconds(resend.waitSeconds)}</span></span>`}
    </div>
  </form>`;
}

function formatSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function skewHelp(context: PageContext, skew: ClockSkew): Html {
  const { t } = context;
  return html`<div class="notice error-summary" role="alert">
    <h2>${t('page.verify.skew.title', { minutes: skew.minutes, direction: skew.direction })}</h2>
    <p>${t('page.verify.skew.body')}</p>
    <ul>
      <li>${t('page.verify.skew.ios')}</li>
      <li>${t('page.verify.skew.android')}</li>
    </ul>
  </div>`;
}

export function recoveryPage(context: PageContext, errors: FieldErrors = {}): PageContent {
  const { t } = context;
  return {
    title: t('page.recovery.title'),
    main: html`<div class="card">
      <h1>${t('page.recovery.title')}</h1>
      <form method="post" action="${context.base}/signin/recovery" novalidate>
        ${csrfField(context)}
        ${input({ name: 'code', label: t('page.recovery.code'), hint: t('page.recovery.hint'), autocomplete: 'off', autofocus: true }, errors)}
        <div class="actions"><button type="submit">${t('page.recovery.submit')}</button></div>
      </form>
      <p><a href="${context.base}/signin/verify">${t('page.back')}</a></p>
    </div>`,
  };
}

/** Each factor type a person may set up, in words: its name and what it needs. */
const METHODS: Record<string, { label: MessageKey; hint: MessageKey }> = {
  totp: { label: 'page.enroll.totp', hint: 'page.enroll.totp.hint' },
  sms: { label: 'page.enroll.sms', hint: 'page.enroll.sms.hint' },
  webauthn: { label: 'page.enroll.passkey', hint: 'page.enroll.passkey.hint' },
};

export function chooseMethodPage(context: PageContext, view: { allowed: string[]; errors?: FieldErrors }): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const methods = view.allowed.filter((type) => Object.hasOwn(METHODS, type));
  return {
    title: t('page.enroll.title'),
    main: html`<div class="card">
      <h1>${t('page.enroll.title')}</h1>
      <p>${t('page.enroll.intro')}</p>
      ${errorList(context, errors)}
      <form method="post" action="${context.base}/signin/enroll">
        ${csrfField(context)}
        <fieldset>
          <legend>${t('page.enroll.method')}</legend>
          ${methods.map(
            (type, index) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="method-${type}"
                  name="factorType"
                  value="${type}"
                  ${index === 0 && html` checked`}
                  aria-describedby="method-${type}-hint"
                />
                <label for="method-${type}"
                  >${t(METHODS[type]!.label)}<span class="hint" id="method-${type}-hint"><br />${t(METHODS[type]!.hint)}</span></label
                >
              </div>`,
          )}
        </fieldset>
        <div class="actions"><button type="submit">${t('page.continue')}</button></div>
      </form>
    </div>`,
  };
}

/** Where a passkey's enrollment posts its name and its answer, and where "back" leads. */
export interface PasskeyEnrollmentUrls {
  start: string;
  confirm: string;
  back: string;
}

/** PASSKEY-2: the name the new passkey will be listed by, suggested and editable. */
export function passkeyNamePage(
  context: PageContext,
  view: { name?: string; errors?: FieldErrors },
  urls: PasskeyEnrollmentUrls,
): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  return {
    title: t('page.enroll.passkey.title'),
    main: html`<div class="card">
      <h1>${t('page.enroll.passkey.title')}</h1>
      ${errorList(context, errors)}
      <form method="post" action="${urls.start}" novalidate>
        ${csrfField(context)}
        ${input(
          {
            name: 'name',
            label: t('page.enroll.passkey.name'),
            value: view.name ?? t('page.enroll.passkey'),
            hint: t('page.enroll.passkey.name.hint'),
            autocomplete: 'off',
            maxlength: 64,
          },
          errors,
        )}
        <div class="actions"><button type="submit">${t('page.continue')}</button></div>
      </form>
      <p><a href="${urls.back}">${t('page.back')}</a></p>
    </div>`,
  };
}

/** PASSKEY-2: the browser makes the passkey (the creation options of the started enrollment) and the answer confirms it. */
export function passkeyCreatePage(
  context: PageContext,
  view: { enrollmentId: string; name: string; options: Record<string, unknown>; emailProof?: EmailProofField },
  urls: PasskeyEnrollmentUrls,
): PageContent {
  const { t } = context;
  return {
    title: t('page.enroll.passkey.title'),
    passkeys: true,
    main: html`<div class="card">
      <h1>${t('page.enroll.passkey.title')}</h1>
      <p>${t('page.enroll.passkey.create', { name: view.name })}</p>
      ${passkeyForm(context, {
        action: urls.confirm,
        ceremony: 'register',
        options: view.options,
        submitLabel: t('page.enroll.passkey.submit'),
        hidden: { enrollmentId: view.enrollmentId },
        fields: view.emailProof && emailCodeField(context, view.emailProof, {}),
      })}
      <p><a href="${urls.back}">${t('page.back')}</a></p>
    </div>`,
  };
}

/**
 * WEB-3: the QR code, the setup key in groups with a copy button, "can't scan?" help, and the confirming code.
 * Shown again without the QR code (after a wrong code), it says the secret is shown once.
 */
export function totpSetupPage(
  context: PageContext,
  view: {
    enrollmentId: string;
    qrCodePngDataUrl?: string;
    secretGrouped?: string;
    errors?: FieldErrors;
    title?: string;
    skew?: ClockSkew;
    emailProof?: EmailProofField;
  },
  urls: EnrollmentUrls,
): PageContent {
  const { t } = context;
  const shown = view.qrCodePngDataUrl !== undefined;
  const intro = shown
    ? html`<p>${t('page.enroll.totp.scan')}</p>
        <img class="qr" id="totp-qr" src="${view.qrCodePngDataUrl!}" width="220" height="220" alt="${t('page.enroll.totp.qr_alt')}" />
        <details>
          <summary>${t('page.enroll.totp.cant_scan')}</summary>
          <p>${t('page.enroll.totp.manual')}</p>
          <p class="secret" id="totp-secret">${view.secretGrouped}</p>
          <button type="button" class="secondary" data-copy="#totp-secret" data-copied="${t('page.enroll.totp.copied')}" hidden>
            ${t('page.enroll.totp.copy')}
          </button>
        </details>`
    : html`${notice(t('page.enroll.totp.shown_once'))}
        <p><a href="${urls.startAgain}">${t('page.start_again')}</a></p>`;
  return codePage(context, {
    heading: view.title ?? t('page.enroll.totp.title'),
    intro,
    action: urls.confirm,
    hidden: { enrollmentId: view.enrollmentId },
    factor: { id: view.enrollmentId, type: 'totp' },
    hint: t('page.enroll.totp.confirm'),
    errors: view.errors,
    skew: view.skew,
    emailProof: view.emailProof,
  });
}

/**
 * A pending enrollment's code form seen again: the app's (its secret was shown once; `appTitle` heads it) or the
 * texted code's, with resend.
 */
export function enrollmentCodePage(
  context: PageContext,
  pending: PendingEnrollmentView,
  now: number,
  urls: EnrollmentUrls,
  form: { errors?: FieldErrors; skew?: ClockSkew; appTitle?: string } = {},
): PageContent {
  const { enrollmentId } = pending;
  const emailProof = emailProofOf(pending);
  if (pending.factorType === 'totp')
    return totpSetupPage(context, { enrollmentId, errors: form.errors, skew: form.skew, title: form.appTitle, emailProof }, urls);
  return codePage(context, {
    heading: context.t('page.enroll.sms.code.title'),
    action: urls.confirm,
    hidden: { enrollmentId },
    factor: { id: enrollmentId, type: pending.factorType, maskedPhoneNumber: pending.maskedPhoneNumber },
    expiresInSeconds: secondsUntil(pending.codeExpiresAt, now),
    resend: { action: urls.resend, waitSeconds: secondsUntil(pending.resendAvailableAt, now) },
    errors: form.errors,
    skew: form.skew,
    emailProof,
  });
}

export interface SmsNumberView {
  countries: CountryChoice[];
  country?: string;
  number?: string;
  errors?: FieldErrors;
  title?: string;
  /** Above the form: why the page is here, or what went wrong beyond a field. */
  message?: Html | false;
  /** Fields the form needs beyond the number (the account page's current password, POL-8). */
  extra?: Html;
}

export function smsNumberPage(context: PageContext, view: SmsNumberView, urls: { action: string; back: string }): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const title = view.title ?? t('page.enroll.sms.title');
  return {
    title,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${view.message} ${errorList(context, errors)}
      <form method="post" action="${urls.action}" novalidate>
        ${csrfField(context)}
        <div class="field">
          <label for="field-country">${t('page.enroll.sms.country')}</label>
          <select id="field-country" name="country" ${errors.country && html` aria-invalid="true" aria-describedby="field-country-error"`}>
            ${view.countries.map(
              (country) =>
                html`<option value="${country.code}" ${country.code === view.country && html` selected`}>
                  ${country.name} (+${country.callingCode})
                </option>`,
            )}
          </select>
          ${errors.country && html`<p class="error" id="field-country-error">${errors.country}</p>`}
        </div>
        ${input(
          {
            name: 'number',
            label: t('page.enroll.sms.number'),
            type: 'tel',
            value: view.number ?? '',
            hint: t('page.enroll.sms.number.hint'),
            autocomplete: 'tel-national',
            inputmode: 'tel',
          },
          errors,
        )}
        ${view.extra}
        <div class="actions"><button type="submit">${t('page.enroll.sms.send')}</button></div>
      </form>
      <p><a href="${urls.back}">${t('page.back')}</a></p>
    </div>`,
  };
}

/** WEB-3: the recovery code, once, with copy and a .txt download, and "I have saved it" before going on. */
export function recoveryCodePage(
  context: PageContext,
  view: { code: string; email: string; errors?: FieldErrors; action: string; hidden?: Record<string, string> },
): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(`${t('page.recovery_code.file', { email: view.email, code: view.code })}\n`)}`;
  return {
    title: t('page.recovery_code.title'),
    main: html`<div class="card">
      <h1>${t('page.recovery_code.title')}</h1>
      <p>${t('page.recovery_code.body')}</p>
      <p class="recovery-code" id="recovery-code">${view.code}</p>
      <div class="actions">
        <button type="button" class="secondary" data-copy="#recovery-code" data-copied="${t('page.enroll.totp.copied')}" hidden>
          ${t('page.recovery_code.copy')}
        </button>
        <a class="button secondary" href="${file}" download="sitepass-recovery-code.txt">${t('page.recovery_code.download')}</a>
      </div>
      <form method="post" action="${view.action}">
        ${csrfField(context)}
        ${hiddenFields({ ...view.hidden, code: view.code })}
        <div class="choice">
          <input
            type="checkbox"
            id="field-saved"
            name="saved"
            value="yes"
            required${errors.saved && html` aria-invalid="true" aria-describedby="field-saved-error"`}
          />
          <label for="field-saved">${t('page.recovery_code.saved')}</label>
        </div>
        ${errors.saved && html`<p class="error" id="field-saved-error">${errors.saved}</p>`}
        <div class="actions"><button type="submit">${t('page.continue')}</button></div>
      </form>
    </div>`,
  };
}

export function signedInPage(context: PageContext): PageContent {
  const { t } = context;
  return {
    title: t('page.signin.done.title'),
    main: html`<div class="card">
      <h1>${t('page.signin.done.title')}</h1>
      <p>${t('page.signin.done.body')}</p>
      ${!context.base && html`<p><a href="/account/security">${t('page.nav.account')}</a></p>`}
    </div>`,
  };
}
