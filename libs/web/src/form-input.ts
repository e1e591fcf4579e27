/** A form body as the pages edge parses it: flat fields (`extended: false`), strings when present. */
export type Form = Record<string, unknown>;

/** A text field, trimmed; '' when absent or not a string. */
export function field(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A password as typed (never trimmed), cut at a length no password of the directory reaches. */
export function passwordField(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.slice(0, 1024) : '';
}

const SIX_DIGITS = /^\d{6}$/;

/** The 6-digit code of a code form (WEB-1, or ABUSE-16's `emailCode`), spaces taken out; undefined when it is not six digits. */
export function sixDigitCode(form: Form, name = 'code'): string | undefined {
  const code = field(form, name).replace(/\s/g, '');
  return SIX_DIGITS.test(code) ? code : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id posted back by a form: a UUID, or undefined (a tampered form never reaches a lookup). */
export function idField(form: Form, name: string): string | undefined {
  const value = field(form, name);
  return UUID.test(value) ? value.toLowerCase() : undefined;
}

/** Whole seconds from `now` until an ISO instant; 0 when it is past or absent (countdowns, SMS-5). */
export function secondsUntil(instant: string | undefined, now: number): number {
  return instant ? Math.max(0, Math.ceil((Date.parse(instant) - now) / 1000)) : 0;
}
