import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from '@sitepass/auth';
import { FieldMessageKey, Phrase, phrase, phraseOfContext } from '@sitepass/i18n';

/**
 * SEC-2: DTOs are validated at the edge. Unknown fields and wrong types give `400 validation_failed` with
 * one entry per field; text the rest of the stack cannot take, and a body that is not a JSON object, are
 * refused before class-transformer or any validator sees them. Every body, query and path parameter a
 * handler reads passes here, named, which a middleware could not offer: Express resolves path parameters
 * after middleware, and the field path is what the client needs.
 */
@Injectable()
export class StrictValidationPipe implements PipeTransform {
  private readonly inner = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => DomainError.validation(flatten(errors)),
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const illFormed = metadata.type === 'custom' ? [] : illFormedText(value, metadata.data ?? '').map((path) => path || metadata.type);
    if (illFormed.length > 0)
      throw DomainError.validation(illFormed.map((field) => ({ field, problem: phrase('validation.well_formed_text') })));
    const validatesClass =
      typeof metadata.metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metadata.metatype as never);
    if (metadata.type === 'body' && validatesClass && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw DomainError.validation([{ field: 'body', problem: phrase('validation.json_object') }]);
    }
    return this.inner.transform(value, metadata);
  }
}

/**
 * JSON's \u escapes can carry a lone UTF-16 surrogate ("\ud800"), which is not Unicode text: validator.js's
 * isEmail throws URIError on it, and it has no UTF-8 form for PostgreSQL or a hash. U+0000 is text, but
 * PostgreSQL's text and jsonb cannot hold it, and no field of this API has a use for it. With the `u` flag,
 * \p{Cs} matches only surrogates that are not half of a pair.
 */
// eslint-disable-next-line no-control-regex -- matching U+0000 is the point
const UNACCEPTABLE_TEXT = /[\p{Cs}\u0000]/u;

const UNACCEPTABLE_ANYWHERE = new RegExp(UNACCEPTABLE_TEXT.source, 'gu');

/**
 * The paths (`email`, `items.0.name`) of the strings and object keys in `value` that hold unacceptable text;
 * a key is shown with U+FFFD in place of what it carried. A loop, not recursion: JSON nests 8,000 deep in
 * 16 KiB.
 */
function illFormedText(value: unknown, root: string): string[] {
  const culprits: string[] = [];
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let index = 0; index < pending.length; index += 1) {
    const [current, path] = pending[index]!;
    if (typeof current === 'string' && UNACCEPTABLE_TEXT.test(current)) culprits.push(path);
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (UNACCEPTABLE_TEXT.test(key)) culprits.push(childPath.replace(UNACCEPTABLE_ANYWHERE, '\uFFFD'));
      else pending.push([child, childPath]);
    }
  }
  return culprits;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      problem: phraseOf(error, constraint) ?? message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * I18N-1: our own rules (fieldRule) carry their phrase in the constraint's context, and class-validator's
 * refusal of an unknown field is ours too (SEC-2); other validators' messages are shown as they wrote them.
 * `{field}` is the property's name, as class-validator's English has it.
 */
function phraseOf(error: ValidationError, constraint: string): Phrase<FieldMessageKey> | undefined {
  const own = phraseOfContext(error.contexts?.[constraint]);
  if (own) return new Phrase(own.key, { field: error.property, ...own.args });
  return constraint === 'whitelistValidation' ? phrase('validation.unknown_property', { field: error.property }) : undefined;
}
