import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackChild } from './cleanup.mjs';
import { ENTRY, NODE_ARGS, ROOT } from './env.mjs';

/** A free TCP port on loopback (the kernel picks; the tiny race until the app binds it is acceptable here). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function probe(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1000, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(0));
    request.on('timeout', () => request.destroy());
  });
}

/** Resident memory of a process in KiB, from /proc (the node process itself, never a wrapper). */
export function rssKiB(pid) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return match ? Number(match[1]) : NaN;
}

/**
 * Spawns a built app (`standard`, `pay`, `worker`) or a floor server (`script`) with `node` directly (no npm wrapper, so the pid is
 * the app's), waits until `GET /health/ready` answers 200, and returns how long that took from spawn.
 * Output is kept (last 200 lines) to explain a failed start.
 */
export async function startApp(kind, env, { port, nodeArgs = NODE_ARGS[kind] ?? [], script = ENTRY[kind], readyTimeoutMs = 30_000 } = {}) {
  port ??= await freePort();
  const spawnedAt = performance.now();
  const child = trackChild(
    spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const output = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output.push(...chunk.split('\n').filter(Boolean));
      if (output.length > 200) output.splice(0, output.length - 200);
    });
  }
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  while ((await probe(`${url}/health/ready`)) !== 200) {
    if (exited) throw new Error(`${kind} exited (${JSON.stringify(exited)}) before it was ready:\n${output.join('\n')}`);
    if (performance.now() - spawnedAt > readyTimeoutMs)
      throw new Error(`${kind} not ready after ${readyTimeoutMs} ms:\n${output.join('\n')}`);
    await sleep(10);
  }
  const readyMs = performance.now() - spawnedAt;
  return {
    kind,
    pid: child.pid,
    port,
    url,
    readyMs,
    output,
    rssKiB: () => rssKiB(child.pid),
    signal: (name) => child.kill(name),
    async stop(timeoutMs = 10_000) {
      if (exited) return exited;
      const done = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      child.kill('SIGTERM');
      const outcome = await Promise.race([done, sleep(timeoutMs).then(() => null)]);
      if (outcome) return outcome;
      child.kill('SIGKILL');
      return done;
    },
  };
}

/** Runs a bench script in its own node process (like an app, not sharing the bench's event loop) and parses its last JSON line. */
export function runNodeScript(file, args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = trackChild(
      spawn(process.execPath, [file, ...args.map(String)], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1)));
      } catch (error) {
        reject(new Error(`${file} printed no JSON result: ${error.message}`));
      }
    });
  });
}
