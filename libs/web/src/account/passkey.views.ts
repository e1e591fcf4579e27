import { errorList, FieldErrors, input, notice } from '../forms';
import { html, Html } from '../html';
import { PageContent, PageContext } from '../layout';
import { passkeyForm } from '../factors/passkey-form';
import { ACCOUNT } from './account-routes';
import { passwordStepPage } from './factor-change.views';

/** Where the page that adds a passkey lives, and where its ceremony's answer is posted. */
export const PASSKEY_STEP = `${ACCOUNT}/webauthn`;

/**
 * PASSKEY-2, POL-8: the first step of adding a passkey, a name the person will recognise (several passkeys are
 * told apart by it) and the current password. Without JavaScript no passkey can be made: the page says so at once
 * rather than after the password.
 */
export function passkeyNameStepPage(
  context: PageContext,
  view: { name: string; errors: FieldErrors; message?: Html | false },
): PageContent {
  const { t } = context;
  const fields = html`<div class="without-script">${notice(t('page.passkey.needs_javascript'))}</div>
    ${input(
      {
        name: 'name',
        label: t('page.account.passkey.name'),
        value: view.name,
        hint: t('page.account.passkey.name.hint'),
        autocomplete: 'off',
        maxlength: 64,
        autofocus: true,
      },
      view.errors,
    )}`;
  return passwordStepPage(context, {
    title: t('page.account.enroll.title', { type: 'webauthn', change: 'no' }),
    intro: t('page.account.passkey.intro'),
    action: PASSKEY_STEP,
    submit: t('page.continue'),
    fields,
    errors: view.errors,
    message: view.message,
  });
}

/** The second step: the browser makes the passkey from the started enrollment's creation options (PASSKEY-5). */
export function passkeyCreatePage(
  context: PageContext,
  view: { enrollmentId: string; name: string; options: Record<string, unknown> },
): PageContent {
  const { t } = context;
  const title = t('page.account.enroll.title', { type: 'webauthn', change: 'no' });
  return {
    title,
    passkeys: true,
    main: html`<div class="card">
      <h1>${title}</h1>
      <p>${t('page.account.passkey.create.intro', { name: view.name })}</p>
      ${passkeyForm(context, {
        action: `${PASSKEY_STEP}/confirm`,
        ceremony: 'register',
        options: view.options,
        submitLabel: t('page.account.passkey.create.submit'),
        hidden: { enrollmentId: view.enrollmentId, name: view.name },
      })}
      <p><a href="${ACCOUNT}">${t('page.account.cancel')}</a></p>
    </div>`,
  };
}

/** POL-8's recent check proven with a passkey: a signature over the challenge's request options (PASSKEY-3). */
export function passkeyCheckPage(
  context: PageContext,
  view: { action: string; name: string; options: Record<string, unknown>; errors: FieldErrors; otherMethodsHref?: string },
): PageContent {
  const { t } = context;
  const title = t('page.verify.title');
  return {
    title,
    passkeys: true,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${errorList(context, view.errors)}
      <p>${t('page.account.reverify.passkey', { name: view.name })}</p>
      ${passkeyForm(context, {
        action: view.action,
        ceremony: 'authenticate',
        options: view.options,
        submitLabel: t('page.account.reverify.passkey.submit'),
      })}
      ${view.otherMethodsHref && html`<p><a href="${view.otherMethodsHref}">${t('page.verify.other_method')}</a></p>`}
    </div>`,
  };
}
