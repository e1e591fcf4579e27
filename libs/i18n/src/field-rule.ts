import { MessageKey } from './catalogs';
import { MessageArgs, phrase, Phrase, translate } from './messages';

export type FieldMessageKey = Extract<MessageKey, `validation.${string}`>;

/** Where a field rule keeps its phrase in the validation error: class-validator's per-constraint `context`. */
export const FIELD_PHRASE = 'sitepassPhrase';

/**
 * The options of a class-validator decorator whose message is a catalog phrase (I18N-1): the English text,
 * as class-validator reports it, and the phrase itself in the constraint's context, which the edge words in
 * the reader's language. `{field}` is the decorated property's name.
 *
 *   @IsEmail({}, fieldRule('validation.email_address'))
 */
export function fieldRule(
  key: FieldMessageKey,
  args: MessageArgs = {},
): { message: (rule: { property: string }) => string; context: object } {
  return {
    message: ({ property }) => translate('en', key, { ...args, field: property }),
    context: { [FIELD_PHRASE]: phrase(key, args) },
  };
}

/** The phrase a field rule left in a constraint's context, if that rule was one. */
export function phraseOfContext(context: unknown): Phrase<FieldMessageKey> | undefined {
  const found = (context as Record<string, unknown> | undefined)?.[FIELD_PHRASE];
  return found instanceof Phrase ? (found as Phrase<FieldMessageKey>) : undefined;
}
