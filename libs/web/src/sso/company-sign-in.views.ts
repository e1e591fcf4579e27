import { FieldErrors, input } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContent, PageContext } from '../layout';

/** The company sign-in form as last sent: the email typed and its error. */
export interface CompanySignInForm {
  email?: string;
  errors?: FieldErrors;
}

/** PAY-11: the second way into Pay, under the password form: the work email finds the company's provider. */
export function companySignInSection(context: PageContext, form: CompanySignInForm = {}): Html {
  const { t } = context;
  return html`<section class="card" aria-labelledby="sso-title">
    <h2 id="sso-title">${t('page.sso.title')}</h2>
    <p>${t('page.sso.intro')}</p>
    <form method="post" action="/pay/signin/sso" novalidate>
      ${csrfField(context)}
      ${input({ name: 'ssoEmail', label: t('page.sso.email'), type: 'email', value: form.email ?? '', autocomplete: 'email' }, form.errors)}
      <div class="actions"><button class="secondary" type="submit">${t('page.sso.submit')}</button></div>
    </form>
  </section>`;
}

/**
 * The step between our form and the provider: a link, which the pages' script follows at once. A redirect
 * would be simpler, but it follows a form submission, and browsers check such redirects against the
 * submitting page's CSP `form-action` (Chrome does): the provider's origin would have to be listed on the
 * sign-in page for everyone, before anyone typed an email. A link is a navigation, which form-action does not
 * govern, so the pages' CSP allows nothing new; without scripts, the person follows it (WEB-9).
 */
export function continueToProviderPage(context: PageContext, authorizationUrl: string): PageContent {
  const { t } = context;
  const host = new URL(authorizationUrl).host;
  return {
    title: t('page.sso.continue.title'),
    main: html`<div class="card">
      <h1>${t('page.sso.continue.title')}</h1>
      <p>${t('page.sso.continue.body', { host })}</p>
      <div class="actions">
        <a class="button" href="${authorizationUrl}" data-auto-continue>${t('page.sso.continue.link', { host })}</a>
      </div>
    </div>`,
  };
}
