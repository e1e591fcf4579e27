import { KeyedHasher } from '@sitepass/common';
import { cookiesOf } from '@sitepass/http';
import type { CookieOptions, Request, Response } from 'express';

/**
 * A value a page keeps in the browser between two requests, as base64url JSON with an HMAC under HASH_PEPPER
 * (its own purpose per cookie): any instance reads it, nothing is stored server-side, and the browser cannot
 * change it. A tampered or unreadable cookie reads as absent. It holds no secret of the user's: the browser
 * can read what it carries.
 */
export class SignedCookie<T extends object> {
  constructor(
    private readonly hasher: KeyedHasher,
    readonly name: string,
    private readonly purpose: string,
    private readonly options: CookieOptions,
  ) {}

  read(request: Request): T | undefined {
    const value = cookiesOf(request).get(this.name);
    const dot = value?.lastIndexOf('.') ?? -1;
    if (!value || dot < 0) return undefined;
    const [encoded, mac] = [value.slice(0, dot), value.slice(dot + 1)];
    if (!this.hasher.matches(this.purpose, encoded, mac)) return undefined;
    try {
      return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  write(response: Response, value: T): void {
    const encoded = Buffer.from(JSON.stringify(value)).toString('base64url');
    response.cookie(this.name, `${encoded}.${this.hasher.hash(this.purpose, encoded)}`, this.options);
  }

  clear(response: Response): void {
    const { maxAge: _maxAge, expires: _expires, ...attributes } = this.options;
    response.clearCookie(this.name, attributes);
  }
}
