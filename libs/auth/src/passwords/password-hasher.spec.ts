import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('SES-1 hashes with argon2id at m=19 MiB, t=2, p=1 and verifies only the right password', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('a long enough password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await expect(hasher.verify(hash, 'a long enough password')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'another password')).resolves.toBe(false);
  });

  it('SES-1 checks an unknown user against a dummy argon2id hash of the same cost, and refuses', async () => {
    const hasher = new PasswordHasher();
    await expect(hasher.verify(null, 'whatever')).resolves.toBe(false);
    const dummy = await (hasher as unknown as { dummyHash: Promise<string> }).dummyHash;
    expect(dummy).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('SES-1 treats a malformed stored hash as a wrong password, not an error', async () => {
    await expect(new PasswordHasher().verify('not-a-hash', 'whatever')).resolves.toBe(false);
  });
});
