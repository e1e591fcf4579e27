import type { PageRequest } from '@sitepass/database';
import { html, Html } from '../html';
import type { PageContext } from '../layout';

/** The API's default page size (POL-7, AUD-2). */
export const PAGE_SIZE = 20;

/**
 * `page` and `pageSize` of a list page's address: whole numbers in the API's ranges (pages from 1, 1 to 100
 * a page), else the defaults. These come from the page's own links, so a bad one shows the first page.
 */
export function pageRequestOf(query: Record<string, unknown>): PageRequest {
  return { page: wholeNumber(query.page, 100_000) ?? 1, pageSize: wholeNumber(query.pageSize, 100) ?? PAGE_SIZE };
}

function wholeNumber(value: unknown, max: number): number | undefined {
  if (typeof value !== 'string' || !/^[0-9]{1,6}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 && number <= max ? number : undefined;
}

/** The query string of a list page; the page size only when it is not the default. */
export function listQuery(request: PageRequest, extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) query.set(name, value);
  if (request.page > 1) query.set('page', String(request.page));
  if (request.pageSize !== PAGE_SIZE) query.set('pageSize', String(request.pageSize));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export interface Paging extends PageRequest {
  total: number;
  /** The address of another page of the same list. */
  href: (page: number) => string;
}

/**
 * Links to the list's other pages (WEB-8): previous and next, the first, the last and the current page's
 * neighbours, the current one marked with aria-current; plain links, so they work without scripts (WEB-9).
 */
export function pagination(context: PageContext, paging: Paging): Html | false {
  const { t } = context;
  const pages = Math.max(1, Math.ceil(paging.total / paging.pageSize));
  if (pages === 1 && paging.page === 1) return false;
  const numbers = [...new Set([1, paging.page - 1, paging.page, paging.page + 1, pages])]
    .filter((page) => page >= 1 && page <= pages)
    .sort((a, b) => a - b);
  const links = numbers.map((page, index) => {
    const gap = index > 0 && page - numbers[index - 1]! > 1 && html`<li aria-hidden="true">…</li>`;
    const label = t('page.admin.paging.page', { page });
    const current = page === paging.page && html` aria-current="page"`;
    return html`${gap}<li><a href="${paging.href(page)}" aria-label="${label}"${current}>${page}</a></li>`;
  });
  const previous = Math.min(paging.page - 1, pages);
  return html`<nav class="pagination" aria-label="${t('page.admin.paging.label')}">
    <p>${t('page.admin.paging.position', { page: paging.page, pages })}</p>
    <ul>
      ${previous >= 1 && html`<li><a href="${paging.href(previous)}" rel="prev">${t('page.admin.paging.previous')}</a></li>`}
      ${links}
      ${paging.page < pages && html`<li><a href="${paging.href(paging.page + 1)}" rel="next">${t('page.admin.paging.next')}</a></li>`}
    </ul>
  </nav>`;
}
