// Preloaded (node --import) to see what a process loaded: after BENCH_MODULES_AFTER_MS (default 8000)
// it writes to $BENCH_MODULES_LOG the CommonJS modules in the require cache, grouped by package, with
// their source size. Explains start-up time and resident memory without touching the app.
import { statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
const timer = setTimeout(
  () => {
    const packages = new Map();
    for (const file of Object.keys(cache)) {
      const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const name = match ? match[1] : file.includes('/dist/') ? '(app dist)' : '(other)';
      const entry = packages.get(name) ?? { files: 0, kib: 0 };
      entry.files += 1;
      try {
        entry.kib += statSync(file).size / 1024;
      } catch {
        // a built-in or a virtual module
      }
      packages.set(name, entry);
    }
    const sorted = [...packages.entries()]
      .sort((a, b) => b[1].kib - a[1].kib)
      .map(([name, { files, kib }]) => ({ name, files, kib: Math.round(kib) }));
    writeFileSync(process.env.BENCH_MODULES_LOG ?? '/dev/stderr', `${JSON.stringify(sorted, null, 2)}\n`);
  },
  Number(process.env.BENCH_MODULES_AFTER_MS ?? 8000),
);
timer.unref();
