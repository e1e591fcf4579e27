import type { AuditEventType, CompanyAuditEvent, Page } from '@sitepass/database';
import type { MessageKey } from '@sitepass/i18n';
import { html, Html } from '../html';
import { PageContext, PageContent } from '../layout';
import { consoleBase, ConsoleFrame, consolePage } from './console.views';
import { listQuery, pagination } from './paging';
import { formatInstant, UTC } from './time-zones';

/** What each audited event (AUD-1) is called on the page; the stable type name stays beside it for operators. */
const EVENT_WORDS: Record<AuditEventType, MessageKey> = {
  'sign_in.succeeded': 'page.admin.audit.event.sign_in_succeeded',
  'sign_in.mfa_required': 'page.admin.audit.event.sign_in_mfa_required',
  'sign_in.enrollment_required': 'page.admin.audit.event.sign_in_enrollment_required',
  'sign_in.failed': 'page.admin.audit.event.sign_in_failed',
  'sign_in.federated': 'page.admin.audit.event.sign_in_federated',
  'authorization_code.exchanged': 'page.admin.audit.event.authorization_code_exchanged',
  'authorization_code.replayed': 'page.admin.audit.event.authorization_code_replayed',
  'session.signed_out': 'page.admin.audit.event.session_signed_out',
  'session.signed_out_everywhere': 'page.admin.audit.event.session_signed_out_everywhere',
  'session.refresh_reused': 'page.admin.audit.event.session_refresh_reused',
  'trusted_device.revoked': 'page.admin.audit.event.trusted_device_revoked',
  'mfa.verified': 'page.admin.audit.event.mfa_verified',
  'mfa.failed': 'page.admin.audit.event.mfa_failed',
  'enrollment.started': 'page.admin.audit.event.enrollment_started',
  'enrollment.confirmed': 'page.admin.audit.event.enrollment_confirmed',
  'factor.revoked': 'page.admin.audit.event.factor_revoked',
  'factor.clone_suspected': 'page.admin.audit.event.factor_clone_suspected',
  'recovery_code.issued': 'page.admin.audit.event.recovery_code_issued',
  'recovery_code.redeemed': 'page.admin.audit.event.recovery_code_redeemed',
  'account.mfa_locked': 'page.admin.audit.event.account_mfa_locked',
  'sms.delivery_failed': 'page.admin.audit.event.sms_delivery_failed',
  'sms.test_requested': 'page.admin.audit.event.sms_test_requested',
  'sms.prefix_blocked': 'page.admin.audit.event.sms_prefix_blocked',
  'sms.prefix_released': 'page.admin.audit.event.sms_prefix_released',
  'step_up.verified': 'page.admin.audit.event.step_up_verified',
  'authorization.allowed': 'page.admin.audit.event.authorization_allowed',
  'policy.changed': 'page.admin.audit.event.policy_changed',
  'mfa.reset': 'page.admin.audit.event.mfa_reset',
};

/** WEB-5, AUD-2: the company's audit trail, newest first, a page at a time, times in the admin's zone. */
export function auditPage(context: PageContext, view: { frame: ConsoleFrame; page: Page<CompanyAuditEvent> }): PageContent {
  const { t } = context;
  const { frame, page } = view;
  const zone = frame.viewerZone ?? UTC;
  const path = `${consoleBase(frame.company.id)}/audit`;
  return consolePage(
    context,
    frame,
    html`<section class="card" aria-labelledby="audit-list">
      <h2 id="audit-list">${t('page.admin.audit.heading', { total: page.total })}</h2>
      ${
        page.items.length === 0
          ? html`<p>${t('page.admin.audit.empty')}</p>`
          : html`<div class="table-scroll">
            <table>
              <caption>
                ${t('page.admin.audit.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('page.admin.audit.time', { timeZone: zone })}</th>
                  <th scope="col">${t('page.admin.audit.event')}</th>
                  <th scope="col">${t('page.admin.audit.actor')}</th>
                  <th scope="col">${t('page.admin.audit.subject')}</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map((event) => eventRow(context, event, zone))}
              </tbody>
            </table>
          </div>`
      }
      ${pagination(context, { ...page, href: (number) => `${path}${listQuery({ page: number, pageSize: page.pageSize })}` })}
    </section>`,
  );
}

function eventRow(context: PageContext, event: CompanyAuditEvent, zone: string): Html {
  const words = EVENT_WORDS[event.type as AuditEventType];
  return html`<tr>
    <td><time datetime="${event.occurredAt.toISOString()}">${formatInstant(context.locale, event.occurredAt, zone, 'short')}</time></td>
    <td>${words ? context.t(words) : event.type} <code class="muted">${event.type}</code></td>
    <td>${event.actorEmail ?? '—'}</td>
    <td>${event.subjectEmail ?? '—'}</td>
  </tr>`;
}
