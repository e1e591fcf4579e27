// Preloaded into an app by a benchmark in investigation mode (node --import) to count the SQL
// statements it sends, without touching the app's code. The first SIGWINCH starts counting from zero;
// the next one writes the counts to $BENCH_QUERY_LOG and starts again. (Nest's shutdown hooks own
// SIGUSR2, so a signal nobody else listens to is used.)
import fs from 'node:fs';
import pg from 'pg';

const counts = new Map();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (text) {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return original.call(this, config, ...rest);
};

// BENCH_COUNT_FROM_START=1: count from the start of the process, so the first signal already writes.
let signals = process.env.BENCH_COUNT_FROM_START === '1' ? 1 : 0;
process.on('SIGWINCH', () => {
  signals += 1;
  if (signals % 2 === 0 && process.env.BENCH_QUERY_LOG) {
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    fs.writeFileSync(process.env.BENCH_QUERY_LOG, `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`);
  }
  counts.clear();
});
