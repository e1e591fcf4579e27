#!/usr/bin/env node
// `npm run demo`: everything locally in one command. Starts PostgreSQL and Redis when they are installed but
// stopped, installs dependencies when they are missing, builds, migrates, seeds the demo directory, then runs
// both apps and the worker until Ctrl-C. `npm run demo -- --check-services` only says what it would do about
// PostgreSQL and Redis.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureServices, reportServices, ServiceError } from './services.mjs';

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  // A fixed token so the README can show it; 32+ characters, as the configuration requires (ABUSE-14).
  INTERNAL_API_TOKEN: process.env.INTERNAL_API_TOKEN ?? 'demo-internal-token-not-for-production',
  SMS_PROVIDER: process.env.SMS_PROVIDER ?? 'log',
  OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS ?? '200',
  // The demo product (scripts/demo-product.mjs) is where the hosted pages hand a sign-in back (WEB-2).
  WEB_RETURN_URLS: process.env.WEB_RETURN_URLS ?? 'http://localhost:3005/callback',
  // Passkeys on the pages of both apps (PASSKEY-1); open them at localhost, not 127.0.0.1: an RP ID is a name.
  WEBAUTHN_ORIGINS: process.env.WEBAUTHN_ORIGINS ?? 'http://localhost:3000,http://localhost:3001',
};
const processes = [
  { name: 'standard', command: ['npm', 'run', 'start:standard-mfa', '--silent'], port: 3000 },
  { name: 'pay', command: ['npm', 'run', 'start:pay-mfa', '--silent'], port: 3001 },
  { name: 'worker', command: ['npm', 'run', 'start:worker', '--silent'], port: 3002 },
  { name: 'product', command: ['node', 'scripts/demo-product.mjs'], port: 3005 },
];

function step(title, args) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync('npm', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n"npm ${args.join(' ')}" failed. Is PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379? (see README)\n`);
    process.exit(result.status ?? 1);
  }
}

/** PostgreSQL and Redis answer before anything is built: started if installed; if not, one message and status 1. */
async function prepareServices() {
  process.stdout.write('\n== Checking PostgreSQL and Redis\n');
  try {
    await ensureServices(env);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    process.stderr.write(`\n${error.message}\n`);
    process.exit(1);
  }
}

async function waitUntilReady(port) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return false;
}

if (process.argv.includes('--check-services')) process.exit((await reportServices(env)) ? 0 : 1);
await prepareServices();
if (!existsSync('node_modules')) step('Installing dependencies', ['ci']);
step('Building', ['run', 'build', '--silent']);
step('Applying migrations', ['run', 'migration:run', '--silent']);
step('Loading the demo directory', ['run', 'seed:demo', '--silent']);

const children = processes.map(({ name, command, port }) => {
  const child = spawn(command[0], command.slice(1), { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(11);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) process.stdout.write(`${prefix}exited with code ${code}\n`);
  });
  return child;
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve)))).then(() => process.exit(0));
  });
}

const ready = await Promise.all(processes.map(({ port }) => waitUntilReady(port)));
if (ready.every(Boolean)) {
  process.stdout.write(`
== Sitepass is running (Ctrl-C stops everything)
   Open http://localhost:3000/signin and sign in as bob@acme.example (password sitepass-demo-password):
   Acme Builders requires two-step sign-in, so Sitepass asks Bob to set up an authenticator app.
   A product signing in through Sitepass: http://localhost:3005 (the demo product)

   standard app   http://localhost:3000   pages /signin, /account/security   API docs /docs
   Pay app        http://localhost:3001   pages /pay/signin                   API docs /docs
   worker         http://localhost:3002/health/ready   (SMS and emails are printed in this log)
   internal API   Authorization: Bearer ${env.INTERNAL_API_TOKEN}
`);
} else {
  process.stderr.write('\nA process did not become ready; see its log above.\n');
}
