// Types of services.mjs, for the tests that import it (TypeScript does not read the script's JavaScript).

export interface Service {
  name: 'PostgreSQL' | 'Redis';
  variable: string;
  defaultUrl: string;
  defaultPort: number;
  packages: { debian: string; macos: string };
  brewFormula: RegExp;
}

export interface Endpoint {
  host: string;
  port: number;
  /** On this machine's loopback: a service the demo may start. */
  local: boolean;
}

export interface Machine {
  kind: 'debian' | 'macos' | 'other';
  root: boolean;
  /** Which of pg_ctlcluster, redis-server, sudo and brew are on PATH. */
  programs: string[];
  brewFormulas: string[];
  /** Debian: the newest PostgreSQL cluster version under /etc/postgresql. */
  postgresCluster: string | undefined;
}

export type Plan =
  { action: 'none' } | { action: 'start'; command: string[] } | { action: 'install' } | { action: 'fail'; message: string };

export type Env = Record<string, string | undefined>;

export const SERVICES: readonly Service[];
export function endpointOf(service: Service, env: Env): Endpoint;
export function answers(endpoint: { host: string; port: number }, timeoutMs?: number): Promise<boolean>;
export function detectMachine(env?: Env): Machine;
export function startCommand(service: Service, machine: Machine, endpoint: Endpoint): string[] | undefined;
export function planService(service: Service, facts: { endpoint: Endpoint; answering: boolean; machine: Machine }): Plan;
export function installMessage(missing: Array<Service & { endpoint: Endpoint }>, machine: Machine): string;
export function commandLine(command: string[]): string;
export function inspectServices(env?: Env, machine?: Machine): Promise<Array<Service & { endpoint: Endpoint; plan: Plan }>>;
export function reportServices(env?: Env, log?: (line: string) => void): Promise<boolean>;
export function ensureServices(env?: Env, log?: (line: string) => void): Promise<void>;
export class ServiceError extends Error {}
