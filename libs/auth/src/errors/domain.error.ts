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

/**
 * An expected failure of a domain operation: a stable code and a sentence for humans, no HTTP status.
 * `details` carries extra, non-secret facts a client can use (attempts left, an estimated clock offset).
 *
 * Throw `DomainError.of(key)`: the key names the code and a message of the catalogs, so the edge answers in
 * the reader's language (I18N-1) while `message` and `details` stay English, for logs and for English
 * readers. A subclass passes its phrase to `super(code, phrase(key))`. A DomainError built with its message
 * as text (tests do) shows that text in every language.
 */
export class DomainError extends Error {
  readonly details: ErrorDetails;
  /** The message and the sentences among the details, as phrases; none for a message given as text. */
  private readonly phrases?: { message: Phrase; details: Record<string, Phrase> };
  /** The field problems of a validation_failed, worded for each reader. */
  private fields?: FieldProblem[];

  constructor(
    readonly code: ErrorCode,
    message: string | Phrase<ErrorMessageKey>,
    details: ErrorDetails = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(typeof message === 'string' ? message : word(DEFAULT_LOCALE, message));
    this.name = 'DomainError';
    const phrases: Record<string, Phrase> = {};
    this.details = {};
    for (const [name, value] of Object.entries(details)) {
      if (value instanceof Phrase) phrases[name] = value;
      this.details[name] = value instanceof Phrase ? word(DEFAULT_LOCALE, value) : value;
    }
    if (typeof message !== 'string') this.phrases = { message, details: phrases };
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
    const message = new Phrase(key, { ...plainValuesOf(details), ...options.args });
    // eslint-disable-next-line no-restricted-syntax -- the one place a catalog message becomes an error
    return new DomainError(key.split('.')[1] as ErrorCode, message, details, options.retryAfterSeconds);
  }

  /** `400 validation_failed` with one entry per field problem (SEC-2). */
  static validation(fields: FieldProblem[]): DomainError {
    const errors = fields.map((field) => fieldErrorIn(DEFAULT_LOCALE, field));
    // eslint-disable-next-line no-restricted-syntax -- as in of(), with the field problems worded too
    const error = new DomainError('validation_failed', new Phrase('error.validation_failed'), { errors });
    error.fields = fields;
    return error;
  }

  /** The message and details in a reader's language; the code, the status and the details' names never change (I18N-5). */
  wordedIn(locale: Locale): { message: string; details: ErrorDetails } {
    if (!this.phrases) return { message: this.message, details: this.details };
    const details: ErrorDetails = { ...this.details };
    for (const [name, text] of Object.entries(this.phrases.details)) details[name] = word(locale, text);
    if (this.fields) details.errors = this.fields.map((field) => fieldErrorIn(locale, field));
    return { message: word(locale, this.phrases.message), details };
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
