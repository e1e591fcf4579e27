/**
 * Runs a TypeScript entry point (an app's main.ts) in a plain Node process, for tests that need a real
 * process to signal: `node test/support/run-typescript.mjs apps/worker/src/main.ts`. Each .ts file is
 * compiled by SWC with the options Jest uses (jest.config.js), and `@sitepass/<lib>` resolves to
 * libs/<lib>/src as in tsconfig.json. Node 20.19+ loads the ES-module-only packages through require().
 */
import swc from '@swc/core';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = createRequire(import.meta.url);
const [, swcOptions] = load(join(ROOT, 'jest.config.js')).projects[0].transform['^.+\\.ts$'];

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const library = /^@sitepass\/([a-z0-9-]+)$/.exec(request);
  return resolveFilename.call(this, library ? join(ROOT, 'libs', library[1], 'src') : request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};

load(resolve(process.argv[2]));
