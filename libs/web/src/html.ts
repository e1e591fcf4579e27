/**
 * HTML written as tagged templates, escaped by default: every interpolated value is text unless it is
 * already `Html` (another template's output, or `trustedHtml` for markup the code itself wrote). Arrays
 * are joined, and `false`, `null` and `undefined` render nothing, so conditions and lists read naturally:
 *
 *   html`<ul>${factors.map((factor) => html`<li>${factor.label}</li>`)}</ul>${error && html`<p>${error}</p>`}`
 */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Html(out);
}

/** Markup the code wrote itself (never anything a user or a request supplied). */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}
