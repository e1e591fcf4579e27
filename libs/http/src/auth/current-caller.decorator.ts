import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Caller } from '@sitepass/auth';

/** The caller of an MFA endpoint, set by the authentication guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
