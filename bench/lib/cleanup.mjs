// Everything a benchmark starts is registered here and torn down however the process ends: normal
// exit, an exception, or Ctrl-C. `exit` handlers must be synchronous, so teardown uses kill() and
// spawnSync(), never promises.
const children = new Set();
const exitActions = [];

/** Kills this child (and only it, by its pid) when the benchmark process exits. */
export function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs `action` synchronously when the process exits, in reverse order of registration. */
export function onExit(action) {
  exitActions.unshift(action);
}

process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const action of exitActions) {
    try {
      action();
    } catch (error) {
      process.stderr.write(`cleanup failed: ${error.message}\n`);
    }
  }
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    process.exit(130);
  });
}

process.on('unhandledRejection', (error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
