import type { MemberMfaStatus, MemberStatusPage } from '@sitepass/auth';
import type { MessageKey } from '@sitepass/i18n';
import { checkboxField, errorList, FieldErrors, input } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContext, PageContent } from '../layout';
import { consoleBase, ConsoleFrame, consolePage } from './console.views';
import { listQuery, pagination } from './paging';
import { formatInstant, UTC } from './time-zones';

/** POL-7's filter: everyone, the enrolled, or those not enrolled yet (the API's `enrolled` parameter). */
export type EnrolledFilter = boolean | undefined;

export function enrolledFilterOf(value: unknown): EnrolledFilter {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

export function filterQuery(filter: EnrolledFilter): string | undefined {
  return filter === undefined ? undefined : String(filter);
}

/** The member status table's headings, which the CSV's first line repeats in the reader's language. */
export const MEMBER_COLUMNS: readonly MessageKey[] = [
  'page.admin.members.email',
  'page.admin.members.role',
  'page.admin.members.methods',
  'page.admin.members.enrolled',
  'page.admin.members.last_mfa',
];

const FACTOR_WORDS: Record<string, MessageKey> = {
  totp: 'page.verify.choose.totp',
  sms: 'page.enroll.sms',
  webauthn: 'page.admin.members.passkey',
};

const FILTERS: ReadonlyArray<{ filter: EnrolledFilter; words: MessageKey; count: (page: MemberStatusPage) => number }> = [
  { filter: undefined, words: 'page.admin.members.filter.all', count: (page) => page.totals.members },
  { filter: true, words: 'page.admin.members.filter.enrolled', count: (page) => page.totals.enrolled },
  { filter: false, words: 'page.admin.members.filter.not_enrolled', count: (page) => page.totals.notEnrolled },
];

/** WEB-5, POL-7: who the policy binds and who is ready, a page at a time, with the filter and the CSV. */
export function membersPage(
  context: PageContext,
  view: { frame: ConsoleFrame; page: MemberStatusPage; filter: EnrolledFilter },
): PageContent {
  const { t } = context;
  const { frame, page, filter } = view;
  const path = `${consoleBase(frame.company.id)}/members`;
  const zone = frame.viewerZone ?? UTC;
  const href = (number: number) => `${path}${listQuery({ page: number, pageSize: page.pageSize }, { enrolled: filterQuery(filter) })}`;
  const csv = `${path}.csv${filter === undefined ? '' : `?enrolled=${filter}`}`;
  return consolePage(
    context,
    frame,
    html`<section class="card" aria-labelledby="members-list">
      <h2 id="members-list">${t('page.admin.members.totals', { ...page.totals })}</h2>
      <nav class="filters" aria-label="${t('page.admin.members.filter')}">
        <ul>
          ${FILTERS.map(
            (option) =>
              html`<li>
                <a href="${path}${listQuery({ page: 1, pageSize: page.pageSize }, { enrolled: filterQuery(option.filter) })}"${
                  option.filter === filter && html` aria-current="page"`
                }>${t(option.words, { count: option.count(page) })}</a>
              </li>`,
          )}
        </ul>
      </nav>
      <p><a class="button secondary" href="${csv}" download>${t('page.admin.members.download')}</a></p>
      ${
        page.items.length === 0
          ? html`<p>${t('page.admin.members.empty')}</p>`
          : html`<div class="table-scroll">
            <table>
              <caption>
                ${t('page.admin.members.caption', { total: page.total })}
              </caption>
              <thead>
                <tr>
                  ${MEMBER_COLUMNS.map(
                    (column) =>
                      html`<th scope="col">${t(column)}${column === 'page.admin.members.last_mfa' && html` <span class="muted">(${zone})</span>`}</th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${page.items.map((member) => memberRow(context, member, zone))}
              </tbody>
            </table>
          </div>`
      }
      ${pagination(context, { ...page, href })}
    </section>`,
  );
}

function memberRow(context: PageContext, member: MemberMfaStatus, zone: string): Html {
  const { t } = context;
  return html`<tr>
    <th scope="row">${member.email}</th>
    <td>${t('page.admin.members.role.value', { role: member.role })}</td>
    <td>${member.factorTypes.map((type) => (FACTOR_WORDS[type] ? t(FACTOR_WORDS[type]) : type)).join(', ') || t('page.admin.members.none')}</td>
    <td>${t('page.admin.members.enrolled.value', { enrolled: String(member.enrolled) })}</td>
    <td>${member.lastMfaAt ? formatInstant(context.locale, member.lastMfaAt, zone, 'short') : t('page.admin.members.never')}</td>
  </tr>`;
}

/** RESET-1 to RESET-4: the member named by their login email, and the admin's attestation. */
export function resetPage(
  context: PageContext,
  view: { frame: ConsoleFrame; email: string; identityVerified: boolean; errors?: FieldErrors },
): PageContent {
  const { t } = context;
  const errors = view.errors ?? {};
  return consolePage(
    context,
    view.frame,
    html`<section class="card" aria-labelledby="reset-form">
      <h2 id="reset-form">${t('page.admin.reset.heading')}</h2>
      <p>${t('page.admin.reset.intro')}</p>
      <p>${t('page.admin.reset.when')}</p>
      ${errorList(context, errors)}
      <form method="post" action="${consoleBase(view.frame.company.id)}/reset" novalidate>
        ${csrfField(context)}
        ${input(
          {
            name: 'email',
            label: t('page.admin.reset.email'),
            type: 'email',
            value: view.email,
            hint: t('page.admin.reset.email.hint'),
            autocomplete: 'off',
          },
          errors,
        )}
        ${checkboxField(
          {
            name: 'identityVerified',
            label: t('page.admin.reset.verified'),
            hint: t('page.admin.reset.verified.hint'),
            checked: view.identityVerified,
          },
          errors,
        )}
        <div class="actions"><button class="danger" type="submit">${t('page.admin.reset.submit')}</button></div>
      </form>
    </section>`,
  );
}
