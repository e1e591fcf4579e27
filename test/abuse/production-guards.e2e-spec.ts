import { JsonLogger } from '@sitepass/common';
import { ConfigError, loadConfig } from '@sitepass/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSeedRefused, refuseDemoSeedInProduction, seedDemoDirectory } from '../../apps/worker/src/commands/demo-directory';
import { useTestEnvironment } from '../support/harness';

/** Everything production requires besides the secrets: a configuration that starts with NODE_ENV=production. */
const PRODUCTION = {
  NODE_ENV: 'production',
  SMS_PROVIDER: 'twilio',
  TWILIO_BASE_URL: 'http://127.0.0.1:9',
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
  TWILIO_AUTH_TOKEN: 'not-a-real-twilio-token',
  TWILIO_FROM: '+15005550006',
  SMTP_URL: 'smtp://127.0.0.1:9',
  PUBLIC_HOST: 'sitepass.test',
  JWT_ISSUER: 'https://sitepass.test',
  MAIL_FROM: 'Sitepass <no-reply@sitepass.test>',
};

const SECRETS = {
  JWT_SIGNING_KEYS: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  HASH_PEPPER: randomBytes(32).toString('base64'),
};

const WITHOUT_SECRETS = { JWT_SIGNING_KEYS: undefined, ENCRYPTION_KEYS: undefined, HASH_PEPPER: undefined };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { port: 0 });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** A logger at the default LOG_LEVEL (info) that keeps the JSON lines it writes. */
function recordingLogger(): { logger: JsonLogger; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  return { logger: new JsonLogger('info', (line) => lines.push(line)), entries: () => lines.map((line) => JSON.parse(line)) };
}

/**
 * The entries of every `ports:` list in a compose file: short syntax as a string ("127.0.0.1:8080:80"),
 * long syntax as its key/value pairs. Enough YAML for docker-compose.yml, not a general reader.
 */
function publishedPorts(yaml: string): Array<string | Record<string, string>> {
  const entries: Array<string | Record<string, string>> = [];
  let listIndent: number | null = null;
  let current: Record<string, string> | null = null;
  for (const raw of yaml.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '');
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (/^\s*ports:\s*$/.test(line)) {
      listIndent = indent;
      current = null;
      continue;
    }
    if (listIndent === null) continue;
    if (indent <= listIndent && !line.trimStart().startsWith('-')) {
      listIndent = null;
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    const pair = /^(?:\s*-)?\s*([A-Za-z_]+):\s*(.*)$/;
    if (item && !pair.test(line)) {
      entries.push(item[1]!.trim().replace(/^["']|["']$/g, ''));
      current = null;
    } else if (pair.test(line)) {
      const [, key, value] = pair.exec(line)!;
      if (item) entries.push((current = {}));
      if (current) current[key!] = value!.trim().replace(/^["']|["']$/g, '');
    }
  }
  return entries;
}

describe('ABUSE-14 production guards', () => {
  const env = useTestEnvironment();

  it('ABUSE-14 OPS-2 an INTERNAL_API_TOKEN under 32 characters stops the configuration with a message naming it', () => {
    expect(problemsOf({ ...PRODUCTION, ...SECRETS, INTERNAL_API_TOKEN: 'x'.repeat(31) })).toEqual([
      'INTERNAL_API_TOKEN: must be at least 32 characters long',
    ]);
    expect(problemsOf({ ...SECRETS, INTERNAL_API_TOKEN: 'demo-internal-token' })).toEqual([
      'INTERNAL_API_TOKEN: must be at least 32 characters long',
    ]);
    expect(loadConfig({ ...PRODUCTION, ...SECRETS, INTERNAL_API_TOKEN: 'x'.repeat(32) }, { port: 0 }).internalApiToken).toBe(
      'x'.repeat(32),
    );
  });

  it('ABUSE-14 OPS-2 an app given a short INTERNAL_API_TOKEN does not start', async () => {
    await expect(env.start('standard', { INTERNAL_API_TOKEN: 'short-internal-token' })).rejects.toThrow(
      /INTERNAL_API_TOKEN: must be at least 32 characters/,
    );
  });

  it('ABUSE-14 OPS-2 production requires PUBLIC_HOST, JWT_ISSUER and MAIL_FROM instead of their local-development defaults', () => {
    const { PUBLIC_HOST: _host, JWT_ISSUER: _issuer, MAIL_FROM: _from, ...withoutThem } = PRODUCTION;
    const problems = problemsOf({ ...withoutThem, ...SECRETS });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PUBLIC_HOST: is required in production/),
        expect.stringMatching(/^JWT_ISSUER: is required in production/),
        expect.stringMatching(/^MAIL_FROM: is required in production/),
      ]),
    );
    expect(problemsOf({ ...PRODUCTION, ...SECRETS })).toEqual([]);
  });

  it('ABUSE-14 seed:demo refuses NODE_ENV=production and leaves the database untouched', async () => {
    const app = await env.start('standard', PRODUCTION);
    expect(app.config.environment).toBe('production');
    // The command's own check, made before it connects to the database.
    expect(() => refuseDemoSeedInProduction(app.config)).toThrow(DemoSeedRefused);
    await expect(seedDemoDirectory({ get: app.get } as never)).rejects.toThrow(/seed:demo refuses to run with NODE_ENV=production/);
    const counts = await env.db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM companies)::int AS companies`,
    );
    expect(counts.rows[0]).toEqual({ users: 0, companies: 0 });
  });

  it('ABUSE-14 a process that generates development secrets warns at start, naming the file, and one that reuses them warns too', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sitepass-dev-secrets-'));
    try {
      const file = join(directory, 'dev-secrets.json');
      const first = recordingLogger();
      await env.start('standard', WITHOUT_SECRETS, { logger: first.logger, devSecretsDirectory: directory });
      const generated = first.entries().find((entry) => entry.level === 'warn' && String(entry.msg).includes(file));
      expect(generated).toMatchObject({ file, generated: true, variables: ['JWT_SIGNING_KEYS', 'ENCRYPTION_KEYS', 'HASH_PEPPER'] });
      expect(generated?.msg).toMatch(/^Generated development secrets/);
      expect(generated?.msg).toMatch(/must never be used in production/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('hashPepper');

      const second = recordingLogger();
      await env.start('worker', { HASH_PEPPER: undefined }, { logger: second.logger, devSecretsDirectory: directory });
      const reused = second.entries().find((entry) => entry.level === 'warn' && String(entry.msg).includes(file));
      expect(reused).toMatchObject({ file, generated: false, variables: ['HASH_PEPPER'] });
      expect(reused?.msg).toMatch(/^Reused development secrets/);
      expect(reused?.msg).toMatch(/must never be used in production/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('ABUSE-14 the compose stack publishes every port on 127.0.0.1 only', () => {
    const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    const ports = publishedPorts(compose);
    expect(ports.length).toBeGreaterThanOrEqual(3);
    for (const port of ports) {
      if (typeof port === 'string') expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+(\/(tcp|udp))?$/);
      else expect(port).toMatchObject({ host_ip: '127.0.0.1' });
    }
    expect(compose).not.toMatch(/network_mode:\s*["']?host/);
  });
});
