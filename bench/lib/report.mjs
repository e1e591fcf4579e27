import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

/** What the numbers were measured on: they only compare within one run on one machine. */
export function machineInfo() {
  const cpus = os.cpus();
  const version = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout?.trim() ?? null;
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: version('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'SHOW server_version']),
    redis: version('redis-cli', ['-h', '127.0.0.1', 'INFO', 'server'])?.match(/redis_version:(\S+)/)?.[1] ?? null,
    loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
    commit: version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  };
}

/** Prints rows (objects; a key missing from a row leaves its cell empty) as an aligned text table. */
export function printTable(title, rows) {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index].length)));
  const line = (values) =>
    values.map((value, index) => (index === 0 ? value.padEnd(widths[index]) : value.padStart(widths[index]))).join('  ');
  process.stdout.write(`\n${title}\n${line(columns)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
}

function formatCell(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : 2);
  if (typeof value === 'boolean') return value ? 'yes' : 'NO';
  return String(value ?? '');
}

/** Writes bench/results/<name>-<timestamp>.json and returns its path. */
export function writeResult(name, result) {
  const directory = join(ROOT, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
  const file = join(directory, `${name}-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: name, measuredAt: new Date().toISOString(), machine: machineInfo(), ...result }, null, 2)}\n`,
  );
  process.stdout.write(`\nwrote ${file.slice(ROOT.length)}\n`);
  return file;
}
