import { DomainError, ErrorCode } from '@sitepass/auth';
import type { MessageKey } from '@sitepass/i18n';
import { FieldErrors } from '../forms';
import type { Form } from '../form-input';
import type { PageContext } from '../layout';

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
