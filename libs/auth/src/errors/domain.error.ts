import { DEFAULT_LOCALE, FieldMessageKey, Locale, MessageArgs, MessageKey, Phrase, translate, word } from '@sitepass/i18n';
import { ErrorCode } from './error-code';

/** One field's problem in a `validation_failed` answer, as the API shows it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * One field's problem as the code states it: a catalog phrase (its `{field}` is the field unless the phrase
 * names it), or a validator's own English text, which is shown as it is in every language.
 */
export interface FieldProblem {
  field: string;
  problem: Phrase<FieldMessageKey> | string;
}

/** The catalog keys of error messages: `error.<code>` and `error.<code>.<variant>`, for codes of the contract. */
export type ErrorMessageKey = Extract<MessageKey, `error.${ErrorCode}` | `error.${ErrorCode}.${string}`>;

/** Details a client can act on; a Phrase among them is a sentence for a person, worded in their language. */
export type ErrorDetails = Record<string, unknown>;

interface Wording {
  message: Phrase;
  details: Record<string, Phrase>;
  fields?: FieldProblem[];
}

/**
 * An expected failure of a domain operation: a stable code and a sentence for humans, no HTTP status.
 * `details` carries extra, non-secret facts a client can use (attempts left, an estimated clock offset).
 *
 * Throw `DomainError.of(key)`: the key names the code and a message of the catalogs, so the edge answers in
 * the reader's language (I18N-1) while `message` and `details` stay English, for logs and for English
 * readers. A DomainError built with its message as text (tests do) shows that text in every language.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    readonly retryAfterSeconds?: number,
    private readonly wording?: Wording,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /**
   * The error of a catalog message: `DomainError.of('error.invalid_token.access_token_expired')`. The message's
   * ICU arguments are the details' plain values and `options.args`.
   */
  static of(
    key: ErrorMessageKey,
    details: ErrorDetails = {},
    options: { args?: MessageArgs; retryAfterSeconds?: number } = {},
  ): DomainError {
    const code = key.split('.')[1] as ErrorCode;
    const message = new Phrase(key, { ...plainValuesOf(details), ...options.args });
    const phrases: Record<string, Phrase> = {};
    const english: ErrorDetails = {};
    for (const [name, value] of Object.entries(details)) {
      if (value instanceof Phrase) phrases[name] = value;
      english[name] = value instanceof Phrase ? word(DEFAULT_LOCALE, value) : value;
    }
    // eslint-disable-next-line no-restricted-syntax -- the one place a catalog message becomes an error
    return new DomainError(code, word(DEFAULT_LOCALE, message), english, options.retryAfterSeconds, { message, details: phrases });
  }

  /** `400 validation_failed` with one entry per field problem (SEC-2). */
  static validation(fields: FieldProblem[]): DomainError {
    const message = new Phrase('error.validation_failed');
    const errors = fields.map((field) => fieldErrorIn(DEFAULT_LOCALE, field));
    // eslint-disable-next-line no-restricted-syntax -- as in of(), with the field problems worded too
    return new DomainError('validation_failed', word(DEFAULT_LOCALE, message), { errors }, undefined, { message, details: {}, fields });
  }

  /** The message and details in a reader's language; the code, the status and the details' names never change (I18N-5). */
  wordedIn(locale: Locale): { message: string; details: ErrorDetails } {
    if (!this.wording) return { message: this.message, details: this.details };
    const details: ErrorDetails = { ...this.details };
    for (const [name, text] of Object.entries(this.wording.details)) details[name] = word(locale, text);
    if (this.wording.fields) details.errors = this.wording.fields.map((field) => fieldErrorIn(locale, field));
    return { message: word(locale, this.wording.message), details };
  }
}

function fieldErrorIn(locale: Locale, { field, problem }: FieldProblem): FieldError {
  return { field, message: typeof problem === 'string' ? problem : translate(locale, problem.key, { field, ...problem.args }) };
}

function plainValuesOf(details: ErrorDetails): MessageArgs {
  return Object.fromEntries(
    Object.entries(details).filter(([, value]) => value === null || ['string', 'number', 'boolean'].includes(typeof value)),
  ) as MessageArgs;
}
