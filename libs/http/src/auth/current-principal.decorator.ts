import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal } from '@sitepass/auth';

/** The principal the access token authenticated; only on routes that require an access token. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ user: Principal }>().user;
});
