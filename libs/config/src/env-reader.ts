import { isIP } from 'node:net';

export type Env = Record<string, string | undefined>;

/**
 * Reads variables from an environment and collects every problem instead of stopping at the first,
 * so that one failed start-up names all the variables an operator has to fix.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | null {
    return this.raw(name) ?? null;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      return this.fail(name, `must be a whole number from ${min} to ${max}`, fallback);
    }
    return parsed;
  }

  /** A decimal number such as `0.3` or `5`, within [min, max]. */
  decimal(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || parsed < min || parsed > max) {
      return this.fail(name, `must be a number from ${min} to ${max}`, fallback);
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      return this.fail(name, `must be one of ${allowed.join(', ')}`, fallback);
    }
    return value as T;
  }

  list(name: string, fallback: string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.string(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        return this.fail(name, `must be a ${protocols.join(' or ')} URL`, fallback);
      }
      return value;
    } catch {
      return this.fail(name, 'must be a URL', fallback);
    }
  }

  proxyList(name: string): string[] {
    const presets = ['loopback', 'linklocal', 'uniquelocal'];
    const entries = this.list(name, []);
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const family = isIP(address ?? '');
      const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
      if (!presets.includes(entry) && (family === 0 || !validBits)) {
        this.fail(name, `"${entry}" is not an IP address, a CIDR range or one of ${presets.join(', ')}`, null);
      }
    }
    return entries;
  }

  fail<T>(name: string, reason: string, fallback: T): T {
    this.problems.push(`${name}: ${reason}`);
    return fallback;
  }
}
