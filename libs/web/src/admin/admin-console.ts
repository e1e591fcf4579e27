import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { CompanyAdminCheck, Principal } from '@sitepass/auth';
import { UuidPipe } from '@sitepass/http';
import type { Request, Response } from 'express';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { takeNotice } from './admin-notice';
import { ConsoleFrame, ConsoleSection, sectionPath } from './console.views';
import { viewerZoneOf } from './time-zones';

/** A request for a page of a company's console: who asks (the page session's principal), and for which company. */
export interface ConsoleCall {
  request: Request;
  principal: Principal;
  /** The path's company id: a UUID, as the API's paths take it, else `400 validation_failed` (SEC-2). */
  companyId: string;
}

/** `@ConsoleCall() call: ConsoleCall` in a console handler under `…/companies/:companyId`. */
export const ConsoleCall = createParamDecorator((_data: unknown, context: ExecutionContext): ConsoleCall => {
  const request = context.switchToHttp().getRequest<Request & { user: Principal }>();
  const companyId = new UuidPipe().transform(String(request.params.companyId), { type: 'param', data: 'companyId' });
  return { request, principal: request.user, companyId };
});

/**
 * Opens a page of a company's console (WEB-5): only for an admin of that company. Anyone else, for a company
 * that exists or not, gets the error the API gives, `404 not_found` (SEC-3), before anything is read or shown.
 */
@Injectable()
export class AdminConsole {
  constructor(
    private readonly pages: Pages,
    private readonly admins: CompanyAdminCheck,
  ) {}

  async open(call: ConsoleCall, response: Response, section: ConsoleSection): Promise<{ context: PageContext; frame: ConsoleFrame }> {
    const { request, principal, companyId } = call;
    const company = await this.admins.assertAdmin(principal.userId, companyId);
    const context = await this.pages.context(request, response, '', true);
    // A form re-rendered after a refusal was posted to an address that has no page: come back to the section's.
    const path = request.method === 'GET' ? request.originalUrl : sectionPath(companyId, section);
    const frame = { company, section, viewerZone: viewerZoneOf(request), path, notice: takeNotice(request, response) };
    return { context, frame };
  }
}
