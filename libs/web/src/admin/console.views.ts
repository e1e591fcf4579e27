import type { Company } from '@sitepass/database';
import type { MessageKey } from '@sitepass/i18n';
import { notice, selectField } from '../forms';
import { html, Html, HtmlValue } from '../html';
import { csrfField, PageContext, PageContent } from '../layout';
import { AdminNotice } from './admin-notice';
import { timeZoneOptions, UTC } from './time-zones';

export type ConsoleSection = 'policy' | 'members' | 'reset' | 'audit';

/** What every page of a company's console shows around its own content (WEB-5). */
export interface ConsoleFrame {
  company: Pick<Company, 'id' | 'name'>;
  section: ConsoleSection;
  /** The admin's own time zone, null until they choose one. */
  viewerZone: string | null;
  /** This page's address, to come back to after choosing a time zone. */
  path: string;
  notice?: AdminNotice;
}

const SECTIONS: ReadonlyArray<{ section: ConsoleSection; path: string; title: MessageKey }> = [
  { section: 'policy', path: '', title: 'page.admin.policy.title' },
  { section: 'members', path: '/members', title: 'page.admin.members.title' },
  { section: 'reset', path: '/reset', title: 'page.admin.reset.title' },
  { section: 'audit', path: '/audit', title: 'page.admin.audit.title' },
];

export function consoleBase(companyId: string): string {
  return `/admin/companies/${companyId}`;
}

export function sectionPath(companyId: string, section: ConsoleSection): string {
  return `${consoleBase(companyId)}${SECTIONS.find((candidate) => candidate.section === section)!.path}`;
}

/** The console's frame: where the admin is, the sections, the notice of the last form, the admin's time zone. */
export function consolePage(context: PageContext, frame: ConsoleFrame, main: HtmlValue): PageContent {
  const { t } = context;
  const current = SECTIONS.find((section) => section.section === frame.section)!;
  const title = t(current.title);
  const base = consoleBase(frame.company.id);
  return {
    title: `${title} · ${frame.company.name}`,
    wide: true,
    main: html`<nav class="breadcrumb" aria-label="${t('page.admin.breadcrumb')}">
        <ol>
          <li><a href="/admin">${t('page.admin.title')}</a></li>
          <li>${frame.company.name}</li>
        </ol>
      </nav>
      <h1>${title}</h1>
      <nav class="tabs" aria-label="${t('page.admin.sections', { companyName: frame.company.name })}">
        <ul>
          ${SECTIONS.map(
            (section) =>
              html`<li>
                <a href="${base}${section.path}"${section.section === frame.section && html` aria-current="page"`}>${t(section.title)}</a>
              </li>`,
          )}
        </ul>
      </nav>
      ${frame.notice && notice(noticeText(context, frame.notice), 'success')} ${main} ${viewerZoneForm(context, frame)}`,
  };
}

function noticeText(context: PageContext, notice: AdminNotice): string {
  if (notice.kind === 'policy_saved') return context.t('page.admin.policy.saved');
  return context.t('page.admin.reset.done', {
    email: notice.email,
    factors: notice.factorsRevoked,
    sessions: notice.sessionsRevoked,
  });
}

/**
 * The admin's own time zone, for the times on these pages: chosen here and kept in a cookie; until then the
 * script preselects the browser's zone (`data-default-browser-zone`), and the pages show UTC.
 */
function viewerZoneForm(context: PageContext, frame: ConsoleFrame): Html {
  const { t } = context;
  return html`<section class="card" id="your-time-zone" aria-labelledby="your-time-zone-title">
    <h2 id="your-time-zone-title">${t('page.admin.zone.title')}</h2>
    <p>${frame.viewerZone ? t('page.admin.zone.current', { timeZone: frame.viewerZone }) : t('page.admin.zone.unset')}</p>
    <form method="post" action="/admin/time-zone">
      ${csrfField(context)}
      <input type="hidden" name="next" value="${frame.path}" />
      ${selectField({
        name: 'zone',
        label: t('page.admin.zone.label'),
        options: timeZoneOptions(frame.viewerZone ?? UTC),
        attributes: !frame.viewerZone && html` data-default-browser-zone="${UTC}"`,
      })}
      <div class="actions"><button class="secondary" type="submit">${t('page.admin.zone.submit')}</button></div>
    </form>
  </section>`;
}

/** GET /admin: the companies the signed-in person administers. */
export function companiesPage(context: PageContext, companies: Array<Pick<Company, 'id' | 'name'>>): PageContent {
  const { t } = context;
  return {
    title: t('page.admin.title'),
    main: html`<div class="card">
      <h1>${t('page.admin.title')}</h1>
      ${
        companies.length === 0
          ? html`<p>${t('page.admin.companies.none')}</p>`
          : html`<p>${t('page.admin.companies.intro')}</p>
            <ul class="links">
              ${companies.map((company) => html`<li><a href="${consoleBase(company.id)}">${company.name}</a></li>`)}
            </ul>`
      }
    </div>`,
  };
}
