// The services `npm run demo` needs, PostgreSQL and Redis: does each answer where its URL says, and if not, can
// the demo start it (as .ci/run does on Debian, or with Homebrew on macOS), or must the developer install it?
// `planService` decides from facts alone, so that it is tested without touching the machine's services.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const SERVICES = [
  {
    name: 'PostgreSQL',
    variable: 'DATABASE_URL',
    defaultUrl: 'postgres://postgres@127.0.0.1:5432/sitepass',
    defaultPort: 5432,
    packages: { debian: 'postgresql', macos: 'postgresql@16' },
    brewFormula: /^postgresql(@\d+)?$/,
  },
  {
    name: 'Redis',
    variable: 'REDIS_URL',
    defaultUrl: 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    packages: { debian: 'redis-server', macos: 'redis' },
    brewFormula: /^redis(@[\d.]+)?$/,
  },
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const START_TIMEOUT_MS = 30_000;

/** Where a service is expected: the host and port of its URL in the environment, or of the default. */
export function endpointOf(service, env) {
  const url = new URL(env[service.variable] || service.defaultUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return { host, port: Number(url.port) || service.defaultPort, local: LOOPBACK.has(host) };
}

/** Whether something accepts TCP connections there: enough to tell a stopped service from a running one. */
export function answers({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The facts about this machine that decide how a service is installed and started: Debian (and Ubuntu), macOS
 * or another system; root or not; the programs on PATH, Homebrew's formulas, Debian's PostgreSQL cluster.
 */
export function detectMachine(env = process.env) {
  const kind = process.platform === 'darwin' ? 'macos' : existsSync('/etc/debian_version') ? 'debian' : 'other';
  const programs = ['pg_ctlcluster', 'redis-server', 'sudo', 'brew'].filter((program) => onPath(program, env));
  return {
    kind,
    root: process.getuid?.() === 0,
    programs,
    brewFormulas: kind === 'macos' && programs.includes('brew') ? brewFormulas() : [],
    postgresCluster: kind === 'debian' ? debianClusterVersion() : undefined,
  };
}

function onPath(program, env) {
  return (env.PATH ?? '').split(delimiter).some((directory) => isExecutable(join(directory, program)));
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function brewFormulas() {
  const listed = spawnSync('brew', ['list', '--formula', '-1'], { encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
}

/** The newest PostgreSQL cluster version Debian's postgresql-common knows (/etc/postgresql/<version>/main). */
function debianClusterVersion() {
  if (!existsSync('/etc/postgresql')) return undefined;
  const versions = readdirSync('/etc/postgresql').filter((version) => existsSync(join('/etc/postgresql', version, 'main')));
  return versions.sort((a, b) => Number(b) - Number(a))[0];
}

/** How this machine starts a stopped, installed service; undefined when it is not installed (or not here). */
export function startCommand(service, machine, endpoint) {
  if (machine.kind === 'debian') return debianStartCommand(service, machine, endpoint);
  if (machine.kind === 'macos') {
    const [newest] = machine.brewFormulas
      .filter((formula) => service.brewFormula.test(formula))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    return newest ? ['brew', 'services', 'start', newest] : undefined;
  }
  return undefined;
}

/** As .ci/run starts them. */
function debianStartCommand(service, machine, endpoint) {
  if (service.name === 'Redis') {
    if (!machine.programs.includes('redis-server')) return undefined;
    return [
      'redis-server',
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      String(endpoint.port),
      '--save',
      '',
      '--appendonly',
      'no',
    ];
  }
  if (!machine.programs.includes('pg_ctlcluster') || !machine.postgresCluster) return undefined;
  // pg_ctlcluster runs as root or as the cluster's owner; --skip-systemctl-redirect works with or without systemd.
  const command = ['pg_ctlcluster', '--skip-systemctl-redirect', machine.postgresCluster, 'main', 'start'];
  return machine.root || !machine.programs.includes('sudo') ? command : ['sudo', ...command];
}

/**
 * What to do about one service: nothing (it answers), start it (installed here, expected on this machine), or
 * stop the demo with a message: install it, or make the remote one answer.
 */
export function planService(service, { endpoint, answering, machine }) {
  if (answering) return { action: 'none' };
  if (!endpoint.local)
    return { action: 'fail', message: `${where(service, endpoint)} does not answer. Start it there, or unset ${service.variable}.` };
  const command = startCommand(service, machine, endpoint);
  return command ? { action: 'start', command } : { action: 'install' };
}

/** What to tell a person whose machine lacks services (each with its endpoint): the one command that installs them. */
export function installMessage(missing, machine) {
  const names = missing.map((service) => service.name).join(' and ');
  const them = missing.length > 1 ? 'them' : 'it';
  if (machine.kind === 'other') {
    const places = missing.map(({ endpoint }) => `${endpoint.host}:${endpoint.port}`).join(' and ');
    return `${names} must answer on ${places}: install and start ${them}, then run npm run demo again.`;
  }
  const command =
    machine.kind === 'debian'
      ? `sudo apt-get install -y ${missing.map((service) => service.packages.debian).join(' ')}`
      : `brew install ${missing.map((service) => service.packages.macos).join(' ')}`;
  return `${names} ${missing.length > 1 ? 'are' : 'is'} not installed. Install ${them} with:\n\n    ${command}\n\nthen run npm run demo again: it starts ${them}.`;
}

/** A command as a person would type it into a shell (the empty `--save ""` included). */
export function commandLine(command) {
  return command.map((arg) => (arg === '' || /[\s"'$\\]/.test(arg) ? JSON.stringify(arg) : arg)).join(' ');
}

function where(service, endpoint) {
  return `${service.name} on ${endpoint.host}:${endpoint.port}`;
}

/** Every service with where it is expected, whether it answers, and what to do about it. */
export async function inspectServices(env = process.env, machine = detectMachine(env)) {
  return Promise.all(
    SERVICES.map(async (service) => {
      const endpoint = endpointOf(service, env);
      const plan = planService(service, { endpoint, answering: await answers(endpoint), machine });
      return { ...service, endpoint, plan };
    }),
  );
}

/** `npm run demo -- --check-services`: says what the demo would do about each service, and does nothing; true when all answer. */
export async function reportServices(env = process.env, log = console.log) {
  const machine = detectMachine(env);
  const services = await inspectServices(env, machine);
  for (const service of services) {
    const { plan } = service;
    if (plan.action === 'none') log(`${where(service, service.endpoint)}: answers`);
    if (plan.action === 'start')
      log(`${where(service, service.endpoint)}: does not answer; the demo would start it: ${commandLine(plan.command)}`);
    if (plan.action === 'fail') log(plan.message);
  }
  const missing = services.filter((service) => service.plan.action === 'install');
  if (missing.length > 0) log(installMessage(missing, machine));
  return services.every((service) => service.plan.action === 'none');
}

/**
 * Before the demo builds: starts each installed service that does not answer and waits for it. Throws a
 * ServiceError, whose message is all a person needs, when one is missing, will not start or is remote and down.
 */
export async function ensureServices(env = process.env, log = console.log) {
  const machine = detectMachine(env);
  const services = await inspectServices(env, machine);
  const failed = services.find((service) => service.plan.action === 'fail');
  if (failed) throw new ServiceError(failed.plan.message);
  const missing = services.filter((service) => service.plan.action === 'install');
  if (missing.length > 0) throw new ServiceError(installMessage(missing, machine));
  for (const service of services.filter(({ plan }) => plan.action === 'start')) await start(service, env, log);
}

async function start(service, env, log) {
  const [command, ...args] = service.plan.command;
  log(`Starting ${service.name}: ${commandLine(service.plan.command)}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new ServiceError(`Could not start ${service.name}: ${commandLine(service.plan.command)} failed.`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(service.endpoint))) {
    if (Date.now() > deadline) throw new ServiceError(`${where(service, service.endpoint)} was started but does not answer.`);
    await sleep(250);
  }
}

/** A failure to explain to a person, without a stack trace. */
export class ServiceError extends Error {}
