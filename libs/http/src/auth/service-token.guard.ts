import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { constantTimeEquals } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import type { Request } from 'express';
import { DomainError } from '@sitepass/auth';

/** DIR-4: the internal API takes the service token, compared in constant time; no token configured, no API. */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: SitepassConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.internalApiToken;
    if (!expected) throw new DomainError('internal_api_disabled', 'The internal API is disabled: no service token is configured.');
    const header = context.switchToHttp().getRequest<Request>().header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!presented) throw new DomainError('authentication_required', 'This request needs the service token.');
    if (!constantTimeEquals(presented, expected)) throw new DomainError('invalid_token', 'The service token is not valid.');
    return true;
  }
}
