import { ASSET_URLS } from './assets/assets.controller';
import { html, Html, HtmlValue } from './html';
import type { Texts } from './texts';
import type { Locale } from '@sitepass/i18n';

/** What every page needs to render: its language and words, and the CSRF token of its forms (WEB-7). */
export interface PageContext {
  locale: Locale;
  t: Texts;
  csrfToken: string;
  /** The product's page prefix: '' for the standard product, '/pay' for Pay. */
  base: string;
  /** Whether a page session is live, for the header's links. */
  signedIn?: boolean;
}

export interface PageContent {
  title: string;
  main: HtmlValue;
  /** Tables and consoles take the wider column. */
  wide?: boolean;
  /** The page runs a passkey ceremony (PASSKEY-2, PASSKEY-3): it loads the WebAuthn browser library too. */
  passkeys?: boolean;
}

/**
 * The document around every page (WEB-8): `lang`, one `<h1>` per page (the views write it), a skip link,
 * landmarks, the stylesheet and the deferred script from this origin. No inline script or style (WEB-7).
 */
export function renderPage(context: PageContext, content: PageContent): Html {
  const { t } = context;
  return html`<!doctype html>
    <html lang="${context.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${content.title} · Sitepass</title>
        <link rel="stylesheet" href="${ASSET_URLS.stylesheet}" />
        ${content.passkeys && html`<script src="${ASSET_URLS.webauthn}" defer></script>`}
        <script src="${ASSET_URLS.script}" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t('page.skip_to_content')}</a>
        <header class="site">
          <a class="brand" href="${context.base || '/'}${context.base ? '' : 'account/security'}">Sitepass</a>
          ${context.signedIn && siteNavigation(context)}
        </header>
        <main id="main" tabindex="-1" ${content.wide ? html` class="wide"` : ''}>${content.main}</main>
      </body>
    </html> `;
}

function siteNavigation(context: PageContext): Html {
  const { t } = context;
  return html`<nav aria-label="${t('page.nav.label')}">
    <ul>
      ${!context.base && html`<li><a href="/account/security">${t('page.nav.account')}</a></li>`}
      <li>
        <form class="inline-form" method="post" action="${context.base}/signout">
          ${csrfField(context)}<button class="secondary" type="submit">${t('page.nav.sign_out')}</button>
        </form>
      </li>
    </ul>
  </nav>`;
}

/** The hidden field every form carries (WEB-7). */
export function csrfField(context: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${context.csrfToken}" />`;
}
