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
    if (!expected) throw DomainError.of('error.internal_api_disabled');
    const header = context.switchToHttp().getRequest<Request>().header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!presented) throw DomainError.of('error.authentication_required.service_token');
    if (!constantTimeEquals(presented, expected)) throw DomainError.of('error.invalid_token.service_token');
    return true;
  }
}
