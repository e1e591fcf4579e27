import { checkboxField, errorList, FieldErrors, input, notice, noticePage, textarea } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContent, PageContext } from '../layout';

/** The longest identity-check note the API takes (the DTOs' Length). */
export const MAX_NOTE_LENGTH = 1000;

/** A reset form as shown: who may be reset here, and the form as last sent with its errors. */
export interface ResetFormView {
  action: string;
  /** Who may be reset here, and by whom (a sentence). */
  intro: string;
  /** The note's hint: required for anyone (support, RESET-5) or for payors only (PAY-10). */
  noteHint: string;
  email?: string;
  note?: string;
  identityVerified?: boolean;
  errors?: FieldErrors;
  /** What just happened (a reset done) or what stands in the way (a session without MFA). */
  message?: Html | false;
}

/**
 * RESET-5, PAY-10: the user named by their sign-in email, the attestation that their identity was verified,
 * and the note of how; what the reset does is said before the button. Errors beside their fields (WEB-8).
 */
export function resetPage(context: PageContext, view: ResetFormView): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  const title = t('page.resets.title');
  return {
    title,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${view.message} ${errorList(context, errors)}
      <p>${view.intro}</p>
      <form method="post" action="${view.action}" novalidate>
        ${csrfField(context)}
        ${input({ name: 'email', label: t('page.resets.email'), type: 'email', value: view.email ?? '', autocomplete: 'off' }, errors)}
        ${textarea({ name: 'identityCheckNote', label: t('page.resets.note'), value: view.note, hint: view.noteHint, maxlength: MAX_NOTE_LENGTH }, errors)}
        ${checkboxField({ name: 'identityVerified', label: t('page.resets.identity_verified'), checked: view.identityVerified }, errors)}
        <p>${t('page.resets.effects')}</p>
        <div class="actions"><button class="danger" type="submit">${t('page.resets.submit')}</button></div>
      </form>
    </div>`,
  };
}

/** What a reset did, as the notice above the next, empty form says it. */
export interface ResetDone {
  email: string;
  factorsRevoked: number;
  sessionsRevoked: number;
}

export function resetDoneNotice(context: PageContext, done: ResetDone): Html {
  return notice(
    context.t('page.resets.done', { email: done.email, factors: done.factorsRevoked, sessions: done.sessionsRevoked }),
    'success',
  );
}

/** No form: the caller's session cannot reset anyone now (it proved no second factor), and the page says so. */
export function resetUnavailablePage(context: PageContext, message: string): PageContent {
  return noticePage(context.t('page.resets.title'), message);
}
