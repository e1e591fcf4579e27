import { formatRecoveryCode, generateRecoveryCode, normalizeRecoveryCode } from './recovery-code.format';

describe('recovery code format', () => {
  it('REC-1 makes 24 Crockford base32 characters (120 bits) shown in groups of 4', () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{24}$/);
    expect(formatRecoveryCode('ABCD1234EFGH5678JKMN9012')).toBe('ABCD-1234-EFGH-5678-JKMN-9012');
  });

  it('REC-1 reads input case-insensitively, ignoring spaces and hyphens, with Crockford look-alikes', () => {
    const code = 'ABCD1234EFGH5678JKMN9012';
    expect(normalizeRecoveryCode('abcd-1234 efgh-5678 jkmn-9012')).toBe(code);
    expect(normalizeRecoveryCode(' ABCD 1234 EFGH 5678 JKMN 9012 ')).toBe(code);
    expect(normalizeRecoveryCode('ABCD-I234-EFGH-5678-JKMN-9OI2')).toBe(code);
    expect(normalizeRecoveryCode('ABCD-1234-EFGH-5678-JKMN')).toBeNull();
    expect(normalizeRecoveryCode('ABCD-1234-EFGH-5678-JKMN-901U')).toBeNull();
  });
});
