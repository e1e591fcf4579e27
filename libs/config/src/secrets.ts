import { createPrivateKey } from 'node:crypto';
import { EnvReader } from './env-reader';
import { EncryptionKey } from './config.types';

const PEM_BLOCK = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/g;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** JWT_SIGNING_KEYS: one or more ES256 (P-256) private keys in PEM, newest first; "\n" escapes allowed. */
export function parseSigningKeys(reader: EnvReader, name: string, value: string): string[] {
  const keys = value.replace(/\\n/g, '\n').match(PEM_BLOCK) ?? [];
  if (keys.length === 0) return reader.fail(name, 'must hold at least one PEM private key', []);
  for (const [index, pem] of keys.entries()) {
    try {
      const key = createPrivateKey(pem);
      if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        reader.fail(name, `key ${index + 1} is not a P-256 EC key (ES256 needs one)`, null);
      }
    } catch {
      reader.fail(name, `key ${index + 1} is not a readable PEM private key`, null);
    }
  }
  return keys;
}

/** ENCRYPTION_KEYS: "keyId:base64key" entries separated by commas, newest first; each key is 32 bytes. */
export function parseEncryptionKeys(reader: EnvReader, name: string, value: string): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !KEY_ID.test(id)) {
      reader.fail(name, `"${id || entry.slice(0, 8)}…" needs an id of letters, digits, "_" or "-" before ":"`, null);
    } else if (key.length !== 32) {
      reader.fail(name, `key "${id}" must be 32 bytes of base64 (AES-256)`, null);
    } else if (keys.some((existing) => existing.id === id)) {
      reader.fail(name, `key id "${id}" appears twice`, null);
    } else {
      keys.push({ id, key });
    }
  }
  if (keys.length === 0 && reader.problems.every((problem) => !problem.startsWith(name))) {
    reader.fail(name, 'must hold at least one key', null);
  }
  return keys;
}

/** HASH_PEPPER: the HMAC key for codes and tokens; at least 32 characters. */
export function parsePepper(reader: EnvReader, name: string, value: string): Buffer {
  if (value.length < 32) return reader.fail(name, 'must be at least 32 characters long', Buffer.alloc(0));
  return Buffer.from(value, 'utf8');
}
