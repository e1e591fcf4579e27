import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CompanyProvider, DomainError, FederatedSignInService, isLoopbackHost, ProviderDiscovery, SignInResult } from '@sitepass/auth';
import { Public } from '@sitepass/common';
import type { Request, Response } from 'express';
import { notice } from '../forms';
import { field, Form } from '../form-input';
import { PageFlows } from '../flow/page-flow';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { messageOf, statusOf } from '../page-errors';
import { SignInContinuation } from '../sign-in/sign-in-continuation';
import { PasswordPages } from '../sign-in/password-pages';
import { PasswordForm } from '../sign-in/sign-in.views';
import { continueToProviderPage } from './company-sign-in.views';
import { SsoAttempts } from './sso-attempts';

const BASE = '/pay';
/** Where the provider posts its answer. The app lists it in PagesOptions.crossSitePosts (see the callback). */
export const COMPANY_SIGN_IN_CALLBACK = '/pay/signin/sso/callback';
/** A host as browsers send it: a name or an IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** The DTO of POST /v1/pay/sessions/sso allows ID tokens this long. */
const MAX_ID_TOKEN_LENGTH = 16384;

/**
 * PAY-11 in the browser: "Sign in with your company" on /pay/signin, OpenID Connect's implicit flow with
 * `response_type=id_token` and `response_mode=form_post` (Core 1.0 §3.2, OAuth 2.0 Form Post Response Mode),
 * with `state` and `nonce`. The work email finds the company's provider (ProviderDiscovery); the browser goes
 * to its authorization endpoint; the provider posts the ID token back to the callback, which checks `state`
 * against the attempt's cookie and then signs in through FederatedSignInService, exactly as
 * `POST /v1/pay/sessions/sso` does, and continues as the password step does (SignInContinuation): the MFA step,
 * an enrollment, or a session. Pay only: the standard product's SSO users sign in at their provider (DIR-5).
 */
@ApiExcludeController()
@Controller()
export class CompanySignInPages {
  constructor(
    private readonly pages: Pages,
    private readonly passwordPages: PasswordPages,
    private readonly flows: PageFlows,
    private readonly attempts: SsoAttempts,
    private readonly discovery: ProviderDiscovery,
    private readonly federated: FederatedSignInService,
    private readonly continuation: SignInContinuation,
  ) {}

  /** The work email's company provider, then the page that leads there with a new attempt's state and nonce. */
  @Public()
  @Post('pay/signin/sso')
  async startCompanySignIn(@Req() request: Request, @Res() response: Response, @Body() form: Form): Promise<void> {
    const context = await this.pages.context(request, response, BASE);
    const email = field(form, 'ssoEmail').slice(0, 254);
    const refuse = async (message: string, status: number) =>
      this.pages.send(
        response,
        context,
        await this.passwordPages.render(context, { sso: { email, errors: { ssoEmail: message } } }),
        status,
      );
    if (!email.includes('@')) return refuse(context.t('page.sso.email.required'), 400);
    const origin = publicOrigin(request);
    if (!origin) return refuse(context.t('page.sso.bad_callback'), 400);
    let provider: CompanyProvider | null;
    try {
      provider = await this.discovery.forEmail(email);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse(messageOf(context, error), statusOf(error));
    }
    if (!provider) return refuse(context.t('page.sso.no_provider'), 400);
    const { returnTo, codeChallenge, state, next } = this.flows.read(request);
    const attempt = this.attempts.start(response, email, { returnTo, codeChallenge, state, next });
    const authorization = new URL(provider.authorizationEndpoint);
    for (const [name, value] of Object.entries({
      response_type: 'id_token',
      response_mode: 'form_post',
      scope: 'openid email',
      client_id: provider.clientId,
      redirect_uri: `${origin}${COMPANY_SIGN_IN_CALLBACK}`,
      state: attempt.state,
      nonce: attempt.nonce,
      login_hint: email,
    })) {
      authorization.searchParams.set(name, value);
    }
    this.pages.send(response, context, continueToProviderPage(context, authorization.toString()));
  }

  /**
   * The provider's `form_post` answer: a POST from the provider's site, which cannot carry our CSRF token, so
   * the pages' CSRF check lets exactly this path through (PagesOptions.crossSitePosts). Its protection is the
   * `state`: it must match the attempt this browser started (the SameSite=None cookie), or nothing happens, so
   * another site cannot sign this browser in to someone else's account. The attempt is then spent (a replayed
   * answer finds none), and the ID token's nonce must be the attempt's and is spent by the verifier.
   */
  @Public()
  @Post('pay/signin/sso/callback')
  async receiveProviderAnswer(@Req() request: Request, @Res() response: Response, @Body() form: Form): Promise<void> {
    const attempt = this.attempts.matching(request, field(form, 'state'));
    if (!attempt) {
      return this.signInAgain(request, response, 400, (context) => ({ message: notice(context.t('page.sso.bad_callback'), 'error') }));
    }
    this.attempts.end(response);
    const refused = (status: number, message: (context: PageContext) => string) =>
      this.signInAgain(request, response, status, (context) => ({ sso: { email: attempt.email, errors: { ssoEmail: message(context) } } }));
    const idToken = typeof form.id_token === 'string' ? form.id_token.slice(0, MAX_ID_TOKEN_LENGTH) : '';
    if (field(form, 'error') || !idToken) return refused(401, (context) => context.t('page.sso.provider_refused'));
    let result: SignInResult;
    try {
      result = await this.federated.signInWithIdToken({ idToken, nonce: attempt.nonce });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refused(statusOf(error), (context) => messageOf(context, error));
    }
    await this.continuation.afterFirstStep(request, response, BASE, result, attempt.flow);
  }

  /**
   * The sign-in page again, with why. Its context (and so a CSRF cookie) is made only here: the provider's POST
   * came without our Lax cookies, and a redirect onwards must not replace the browser's CSRF cookie for nothing.
   */
  private async signInAgain(
    request: Request,
    response: Response,
    status: number,
    form: (context: PageContext) => PasswordForm,
  ): Promise<void> {
    const context = await this.pages.context(request, response, BASE);
    this.pages.send(response, context, await this.passwordPages.render(context, form(context)), status);
  }
}

/**
 * The origin the browser reached this app at, for the provider's `redirect_uri`, which the provider compares
 * with the URIs registered for Pay's client. The host is the request's Host, or X-Forwarded-Host from a proxy
 * in TRUSTED_PROXIES (Express's trust proxy decides, as for client IPs); the scheme is https, as pages need
 * (their `__Host-` cookies are Secure), except on a loopback host, where development and tests run plain
 * HTTP. A forged Host only sends the forger's own browser to a redirect_uri the provider refuses. Undefined
 * for a Host no browser sends.
 */
function publicOrigin(request: Request): string | undefined {
  const host = request.host;
  if (!host || !HOST.test(host)) return undefined;
  const scheme = isLoopbackHost(request.hostname) ? request.protocol : 'https';
  return `${scheme}://${host}`;
}
