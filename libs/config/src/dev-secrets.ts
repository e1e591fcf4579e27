import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DevSecrets {
  jwtSigningKeys: string;
  encryptionKeys: string;
  hashPepper: string;
}

export interface LoadedDevSecrets {
  secrets: DevSecrets;
  /** The file's absolute path, for the start-up warning. */
  file: string;
  /** True when this process wrote the file, false when another process (or an earlier run) had. */
  generated: boolean;
}

/**
 * Outside production, unset secrets come from a file that the first local process creates, so that
 * every local process (both apps, the worker, the seed command) signs and encrypts with the same keys.
 * The file is published with link(), which never overwrites: concurrent first starts agree on one file.
 */
export function loadDevSecrets(directory: string): LoadedDevSecrets {
  const file = resolve(directory, 'dev-secrets.json');
  let generated = false;
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, JSON.stringify(generateDevSecrets(), null, 2), { mode: 0o600 });
    try {
      linkSync(draft, file);
      generated = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return { secrets: JSON.parse(readFileSync(file, 'utf8')) as DevSecrets, file, generated };
}

function generateDevSecrets(): DevSecrets {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    jwtSigningKeys: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    encryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
    hashPepper: randomBytes(32).toString('base64'),
  };
}
