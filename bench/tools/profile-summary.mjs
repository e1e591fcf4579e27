// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by package (node_modules/<name>), by the
// app's own code, by Node internals, and the top functions. Usage: node bench/tools/profile-summary.mjs FILE [TOP]
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/tools/profile-summary.mjs FILE.cpuprofile [TOP]');
const profile = JSON.parse(readFileSync(file, 'utf8'));

const selfMicros = new Map();
const deltas = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index += 1) {
  selfMicros.set(profile.samples[index], (selfMicros.get(profile.samples[index]) ?? 0) + (deltas[index] ?? 0));
}

function owner(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (match) return match[1];
  if (url.includes('/dist/')) return 'app (dist)';
  if (url.includes('/bench/')) return 'bench';
  return url;
}

const byOwner = new Map();
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  total += micros;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  const who = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : owner(url);
  byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
  const key = `${name}  ${who}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}

const print = (title, map, limit) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, micros] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(6)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
print('self time by owner', byOwner, 30);
print('self time by function', byFunction, Number(top));
