import { DomainError, ErrorCode } from '@sitepass/auth';
import { ERROR_HTTP_STATUS } from '@sitepass/http';
import type { MessageKey } from '@sitepass/i18n';
import { errorSummary, FieldErrors } from '../forms';
import { html, Html, HtmlValue } from '../html';
import type { PageContext } from '../layout';

/** A form body as the pages edge parses it: flat fields, strings when present. */
export type Form = Record<string, unknown>;

/** A text field, trimmed and cut to `max` characters; '' when absent or not a string. */
export function textField(form: Form, name: string, max = 254): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The key of a refusal that concerns the whole form rather than one field. */
export const FORM = 'form';

/**
 * Where a refusal of the core goes on a console form (WEB-8): beside the field `places` names for its code (or
 * above the form, `FORM`), in the page's language; a validation_failed's problems beside their own fields, in
 * the page's words where it has some (`fieldWords`) rather than the API's, which name fields as JSON does.
 * Undefined for a refusal the form does not place (a company the caller may not see): the error page shows it.
 */
export function placeRefusal(
  context: PageContext,
  error: DomainError,
  places: Partial<Record<ErrorCode, string>>,
  fieldWords: Record<string, MessageKey> = {},
): FieldErrors | undefined {
  const worded = error.wordedIn(context.locale);
  if (error.code === 'validation_failed') {
    const problems = (worded.details.errors as Array<{ field: string; message: string }> | undefined) ?? [];
    const words = (field: string) => fieldWords[field];
    return Object.fromEntries(problems.map(({ field, message }) => [field, words(field) ? context.t(words(field)!) : message]));
  }
  const place = places[error.code];
  return place ? { [place]: worded.message } : undefined;
}

/** The status the JSON API answers for the error: the page re-rendered with it answers the same. */
export function statusOf(error: DomainError): number {
  return ERROR_HTTP_STATUS[error.code];
}

/** The problems of a form at its top, each also shown beside its field (WEB-8). */
export function formProblems(context: PageContext, errors: FieldErrors): Html | false {
  return errorSummary(
    context.t('page.error_summary.title'),
    Object.values(errors).filter((message): message is string => Boolean(message)),
  );
}

export interface SelectOptions {
  name: string;
  label: string;
  options: HtmlValue;
  hint?: HtmlValue;
  /** Extra attributes the code writes (never from a request). */
  attributes?: Html | false;
}

/** A field's id, the attributes that tie its hint and error to it (WEB-8), and those two paragraphs. */
function fieldParts(name: string, hint: HtmlValue, errors: FieldErrors): { id: string; state: Html; notes: Html } {
  const id = `field-${name}`;
  const error = errors[name];
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    state: html`${error && html` aria-invalid="true"`}${described && html` aria-describedby="${described}"`}`,
    notes: html`${hint && html`<p class="hint" id="${id}-hint">${hint}</p>`}${error && html`<p class="error" id="${id}-error">${error}</p>`}`,
  };
}

/** A labelled select, its hint and its error, each tied to it. */
export function selectField(select: SelectOptions, errors: FieldErrors = {}): Html {
  const { id, state, notes } = fieldParts(select.name, select.hint, errors);
  return html`<div class="field">
    <label for="${id}">${select.label}</label>
    <select id="${id}" name="${select.name}"${select.attributes}${state}>
      ${select.options}
    </select>
    ${notes}
  </div>`;
}

/** A checkbox whose label says what ticking it means, with its hint and error tied to it. */
export function checkboxField(box: { name: string; label: string; checked: boolean; hint?: string }, errors: FieldErrors = {}): Html {
  const { id, state, notes } = fieldParts(box.name, box.hint, errors);
  return html`<div class="field">
    <div class="choice">
      <input type="checkbox" id="${id}" name="${box.name}" value="yes"${box.checked && html` checked`}${state} />
      <label for="${id}">${box.label}</label>
    </div>
    ${notes}
  </div>`;
}
