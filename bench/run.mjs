// `npm run bench [name…]`: runs the benchmarks one after another, each in its own process, against
// the built apps (run `npm run build` first). Names: startup-memory, password-sign-in, totp-verify,
// sms-delivery; none given runs them all. Results land in bench/results/<name>-<time>.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY, ROOT } from './lib/env.mjs';

const ALL = ['startup-memory', 'password-sign-in', 'totp-verify', 'sms-delivery', 'pay-authorization'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${ALL.join(', ')}\n`);
  process.exit(2);
}
const missing = Object.values(ENTRY).filter((entry) => !existsSync(join(ROOT, entry)));
if (missing.length > 0) {
  process.stderr.write(`the apps are not built (${missing[0]} is missing): run \`npm run build\` first\n`);
  process.exit(2);
}

const failed = [];
for (const name of chosen.length > 0 ? chosen : ALL) {
  process.stdout.write(`\n===== ${name} =====\n`);
  const result = spawnSync(process.execPath, [join(ROOT, 'bench', `${name}.mjs`)], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
