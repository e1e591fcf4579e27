import { DomainError } from '@sitepass/auth';
import { StrictValidationPipe } from './validation.pipe';

/** The field errors the pipe refuses `value` with, or the value it passes on. */
async function outcome(value: unknown, type: 'body' | 'query' | 'param', data?: string): Promise<unknown> {
  try {
    return await new StrictValidationPipe().transform(value, { type, data, metatype: Object });
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
}

describe('StrictValidationPipe and ill-formed text', () => {
  it('SEC-2 names every string and key with a lone surrogate or NUL, however deep, before validation', async () => {
    const body = { email: '\ud800', items: [{ name: 'a\udfffb' }], 'x\udc00': 1, note: 'a\u0000b', ok: 'é 😀 \ud83d\ude00' };
    const result = (await outcome(body, 'body')) as { code: string; errors: unknown[] };
    expect(result.code).toBe('validation_failed');
    expect(result.errors).toHaveLength(4);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'email must be well-formed text' },
        { field: 'items.0.name', message: 'items.0.name must be well-formed text' },
        { field: 'x\ufffd', message: 'x\ufffd must be well-formed text' },
        { field: 'note', message: 'note must be well-formed text' },
      ]),
    );
  });

  it('SEC-2 checks path parameters and queries by name, and passes well-formed text on', async () => {
    expect(await outcome('\ud800', 'param', 'challengeId')).toMatchObject({
      errors: [{ field: 'challengeId', message: 'challengeId must be well-formed text' }],
    });
    expect(await outcome({ page: ['1', '\udfff'] }, 'query')).toMatchObject({ errors: [{ field: 'page.1' }] });
    expect(await outcome({ name: 'Zoë 😀' }, 'body')).toEqual({ name: 'Zoë 😀' });
  });

  it('SEC-2 walks JSON nested 8,000 deep (16 KiB) without running out of stack', async () => {
    let deep: unknown = '\ud800';
    for (let level = 0; level < 8_000; level += 1) deep = [deep];
    const result = (await outcome({ deep }, 'body')) as { errors: Array<{ field: string }> };
    expect(result.errors[0]!.field).toBe(`deep${'.0'.repeat(8_000)}`);
  });
});
