import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface KeyringKey {
  id: string;
  key: Buffer;
}

export interface SealedSecret {
  keyId: string;
  ciphertext: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key ring (TOTP-6): the newest key seals, any configured key opens, so keys rotate
 * without downtime. The associated data binds a ciphertext to its row: a secret copied onto another
 * row does not decrypt.
 */
export class SecretKeyring {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: KeyringKey[]) {
    if (keys.length === 0) throw new Error('The key ring needs at least one key');
    this.byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0]!.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    return { keyId: this.currentKeyId, ciphertext: sealed };
  }

  open(secret: SealedSecret, associatedData: string): string {
    const key = this.byId.get(secret.keyId);
    if (!key) throw new Error(`Encryption key "${secret.keyId}" is not configured`);
    const raw = Buffer.from(secret.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
