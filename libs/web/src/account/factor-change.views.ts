import type { DomainError, ErrorCode } from '@sitepass/auth';
import { FieldErrors, input, notice } from '../forms';
import { html, Html, HtmlValue } from '../html';
import { csrfField, PageContent, PageContext } from '../layout';
import { messageOf } from '../page-errors';
import { errorList } from '../forms';
import { ACCOUNT } from './account-routes';

/** A change of how the person signs in, confirmed with their current password (POL-8). */
export interface PasswordStepView {
  title: string;
  intro: HtmlValue;
  action: string;
  submit: string;
  /** The change's own fields, before the password (a passkey's name). */
  fields?: Html;
  /** A removal is dangerous: its button says so. */
  danger?: boolean;
  errors?: FieldErrors;
  /** Above the form: the re-verification just done, or a refusal that belongs to no field (POL-8's last factor). */
  message?: Html | false;
}

export function passwordStepPage(context: PageContext, view: PasswordStepView): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  return {
    title: view.title,
    main: html`<div class="card">
      <h1>${view.title}</h1>
      ${view.message} ${errorList(context, errors)}
      <p>${view.intro}</p>
      <form method="post" action="${view.action}" novalidate>
        ${csrfField(context)} ${view.fields} ${currentPasswordField(context, errors, !view.fields)}
        <div class="actions">
          <button type="submit" ${view.danger && html` class="danger"`}>${view.submit}</button>
          <a href="${ACCOUNT}">${t('page.account.cancel')}</a>
        </div>
      </form>
    </div>`,
  };
}

/** The current password of POL-8, with what it is for. */
export function currentPasswordField(context: PageContext, errors: FieldErrors, autofocus = false): Html {
  const { t } = context;
  return input(
    {
      name: 'currentPassword',
      label: t('page.account.password'),
      type: 'password',
      autocomplete: 'current-password',
      hint: t('page.account.password.hint'),
      autofocus,
    },
    errors,
  );
}

/** After the re-verification page: the check is done, the person finishes what they started. */
export function verifiedNotice(context: PageContext, verified: unknown): Html | false {
  return verified === '1' && notice(context.t('page.account.verified'), 'success');
}

/** Which field of a form each refusal of the core is about; the others go above the form. */
export type RefusalFields = Partial<Record<ErrorCode, string>>;

/** POL-8, ABUSE-5: a wrong password, and too many of them, are the password's problem. */
export const PASSWORD_REFUSALS: RefusalFields = { current_password_incorrect: 'currentPassword', too_many_attempts: 'currentPassword' };

/** Where a refusal goes on a form: beside its field (WEB-8), or above the form when it is about no field. */
export function placeRefusal(
  context: PageContext,
  error: DomainError,
  fields: RefusalFields,
): { errors: FieldErrors; message: Html | false } {
  const message = messageOf(context, error);
  const name = fields[error.code];
  return name ? { errors: { [name]: message }, message: false } : { errors: {}, message: notice(message, 'error') };
}
