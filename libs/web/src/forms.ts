import { html, Html, HtmlValue } from './html';
import type { PageContent, PageContext } from './layout';

/** A field's problem, shown beside it and tied to it with aria-describedby (WEB-8). */
export type FieldErrors = Record<string, string | undefined>;

export interface InputOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  value?: string;
  hint?: HtmlValue;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  required?: boolean;
  autofocus?: boolean;
  /** Extra classes and attributes, written by the code (never from a request). */
  className?: string;
  pattern?: string;
  maxlength?: number;
  webOtp?: boolean;
}

/** A labelled input, its hint and its error, each tied to it (WEB-8: errors beside their fields). */
export function input(options: InputOptions, errors: FieldErrors = {}): Html {
  return labelled(
    options,
    errors,
    (id, tie) => html`<input
      id="${id}"
      name="${options.name}"
      type="${options.type ?? 'text'}"
      ${options.value !== undefined && html` value="${options.value}"`}${
        options.autocomplete && html` autocomplete="${options.autocomplete}"`
      }${options.inputmode && html` inputmode="${options.inputmode}"`}${options.required !== false && html` required`}${
        options.autofocus && html` autofocus`
      }${options.className && html` class="${options.className}"`}${options.pattern && html` pattern="${options.pattern}"`}${
        options.maxlength && html` maxlength="${options.maxlength}"`
      }${options.webOtp && html` data-webotp`}${tie}
    />`,
  );
}

/**
 * What every field shares: its label, and its hint and error tied to the control by id (`tie`: aria-invalid and
 * aria-describedby for the control's own tag).
 */
function labelled(
  options: { name: string; label: string; hint?: HtmlValue },
  errors: FieldErrors,
  control: (id: string, tie: Html) => Html,
): Html {
  const id = `field-${options.name}`;
  const error = errors[options.name];
  const described = [options.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  const tie = html`${error && html` aria-invalid="true"`}${described && html` aria-describedby="${described}"`}`;
  return html`<div class="field">
    <label for="${id}">${options.label}</label>
    ${control(id, tie)}
    ${options.hint && html`<p class="hint" id="${id}-hint">${options.hint}</p>`}
    ${error && html`<p class="error" id="${id}-error">${error}</p>`}
  </div>`;
}

/** A list of problems at the top of a form, when there are any, focused for screen readers by its heading. */
export function errorSummary(title: string, messages: string[]): Html | false {
  if (messages.length === 0) return false;
  return html`<div class="notice error-summary" role="alert">
    <h2>${title}</h2>
    <ul>
      ${messages.map((message) => html`<li>${message}</li>`)}
    </ul>
  </div>`;
}

/** A labelled text area, with its hint and error tied to it as `input` ties them (WEB-8). */
export function textarea(
  options: { name: string; label: string; value?: string; hint?: HtmlValue; maxlength?: number },
  errors: FieldErrors = {},
): Html {
  const maxlength = options.maxlength && html` maxlength="${options.maxlength}"`;
  const value = options.value ?? '';
  return labelled(
    options,
    errors,
    (id, tie) => html`<textarea id="${id}" name="${options.name}" rows="3"${maxlength}${tie}>${value}</textarea>`,
  );
}

/** A card with a heading and a notice alone: a page that can only say why nothing more is possible here. */
export function noticePage(title: string, message: string): PageContent {
  return {
    title,
    main: html`<div class="card">
      <h1>${title}</h1>
      ${notice(message, 'error')}
    </div>`,
  };
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
export function checkboxField(box: { name: string; label: string; checked?: boolean; hint?: string }, errors: FieldErrors = {}): Html {
  const { id, state, notes } = fieldParts(box.name, box.hint, errors);
  return html`<div class="field">
    <div class="choice">
      <input type="checkbox" id="${id}" name="${box.name}" value="yes"${box.checked && html` checked`}${state} />
      <label for="${id}">${box.label}</label>
    </div>
    ${notes}
  </div>`;
}

/** The summary of a form's field errors, titled in the page's language (WEB-8). */
export function errorList(context: PageContext, errors: FieldErrors): Html | false {
  return errorSummary(
    context.t('page.error_summary.title'),
    Object.values(errors).filter((message): message is string => Boolean(message)),
  );
}

/** A one-line notice above a form: what just happened, or why the page is here. */
export function notice(message: HtmlValue, kind: 'info' | 'success' | 'error' = 'info'): Html {
  return html`<div
    class="notice${kind === 'info' ? '' : ` ${kind === 'error' ? 'error-summary' : 'success'}`}"
    role="${kind === 'error' ? 'alert' : 'status'}"
  >
    ${message}
  </div>`;
}
