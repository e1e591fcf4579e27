import type { MemberStatusTotals, PolicyView } from '@sitepass/auth';
import { REAUTH_INTERVALS, ReauthInterval } from '@sitepass/database';
import type { MessageKey } from '@sitepass/i18n';
import { checkboxField, errorList, FieldErrors, input, selectField } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContext, PageContent } from '../layout';
import { consoleBase, ConsoleFrame, consolePage } from './console.views';
import { formatInstant, timeZoneOptions, UTC } from './time-zones';

/** The policy form's fields as shown: the saved policy, or what the admin sent when it was refused. */
export interface PolicyForm {
  required: boolean;
  enforcementDate: string;
  timeZone: string;
  reauthInterval: string;
  /** No zone was ever saved: the script may put the browser's zone in place of UTC. */
  zoneIsFallback: boolean;
  /** PASSKEY-3, only where passkeys are offered: members may sign in with a passkey alone. */
  passwordlessAllowed?: boolean;
}

export interface PolicyPageView {
  frame: ConsoleFrame;
  policy: PolicyView;
  totals: MemberStatusTotals;
  form: PolicyForm;
  errors?: FieldErrors;
}

export const INTERVAL_WORDS: Record<ReauthInterval, MessageKey> = {
  every_login: 'page.admin.policy.interval.every_login',
  '12h': 'page.admin.policy.interval.12h',
  '7d': 'page.admin.policy.interval.7d',
  '30d': 'page.admin.policy.interval.30d',
};

export function policyFormOf(policy: PolicyView): PolicyForm {
  return {
    required: policy.required,
    enforcementDate: policy.enforcementDate ?? '',
    timeZone: policy.timeZone ?? UTC,
    reauthInterval: policy.reauthInterval,
    zoneIsFallback: policy.timeZone === null,
    passwordlessAllowed: policy.passwordlessAllowed,
  };
}

/** WEB-5, POL-1 to POL-3: the policy now, its enforcement instant in three zones, and the form that changes it. */
export function policyPage(context: PageContext, view: PolicyPageView): PageContent {
  return consolePage(context, view.frame, html`${currentPolicy(context, view)} ${policyEditor(context, view)}`);
}

function currentPolicy(context: PageContext, { frame, policy, totals }: PolicyPageView): Html {
  const { t } = context;
  const base = consoleBase(frame.company.id);
  return html`<section class="card" aria-labelledby="policy-now">
    <h2 id="policy-now">${t('page.admin.policy.now')}</h2>
    ${policy.version === 0 && html`<p>${t('page.admin.policy.never_set')}</p>`}
    <dl class="facts">
      <dt>${t('page.admin.policy.state.label')}</dt>
      <dd>${t('page.admin.policy.state', { state: policy.state })}</dd>
      ${
        policy.required &&
        policy.enforcementStartsAt &&
        html`<dt>${t('page.admin.policy.starts')}</dt>
        <dd>${enforcementInstant(context, policy.enforcementStartsAt, policy.timeZone ?? UTC, frame.viewerZone)}</dd>`
      }
      <dt>${t('page.admin.policy.interval')}</dt>
      <dd>${t(INTERVAL_WORDS[policy.reauthInterval])}</dd>
      ${
        policy.passwordlessAllowed !== undefined &&
        html`<dt>${t('page.admin.policy.passwordless.label')}</dt>
          <dd>${t('page.admin.policy.passwordless.value', { allowed: String(policy.passwordlessAllowed) })}</dd>`
      }
      <dt>${t('page.admin.policy.members')}</dt>
      <dd>
        ${t('page.admin.policy.members.ready', { enrolled: totals.enrolled, members: totals.members })}
        ${
          totals.notEnrolled > 0 &&
          html`<a href="${base}/members?enrolled=false">${t('page.admin.policy.members.not_enrolled', { count: totals.notEnrolled })}</a>`
        }
      </dd>
      ${
        policy.updatedAt &&
        html`<dt>${t('page.admin.policy.updated')}</dt>
        <dd>${formatInstant(context.locale, policy.updatedAt, frame.viewerZone ?? UTC)}</dd>`
      }
    </dl>
  </section>`;
}

/**
 * POL-2's instant, read three ways (WEB-5): in the policy's zone, where it is 00:00 of the date; in the admin's
 * own zone, when they chose one; and in UTC, as stored and as the API answers it.
 */
function enforcementInstant(context: PageContext, instant: string, policyZone: string, viewerZone: string | null): Html {
  const { t } = context;
  const line = (zone: string, where: string) =>
    html`<li><time datetime="${instant}">${formatInstant(context.locale, instant, zone)}</time> <span class="muted">${where}</span></li>`;
  return html`<ul class="instants">
    ${line(policyZone, t('page.admin.policy.instant.policy_zone', { timeZone: policyZone }))}
    ${
      viewerZone
        ? line(viewerZone, t('page.admin.policy.instant.your_zone', { timeZone: viewerZone }))
        : html`<li class="muted"><a href="#your-time-zone">${t('page.admin.policy.instant.choose_zone')}</a></li>`
    }
    ${line(UTC, t('page.admin.policy.instant.utc'))}
  </ul>`;
}

function policyEditor(context: PageContext, { frame, form, errors = {} }: PolicyPageView): Html {
  const { t } = context;
  return html`<section class="card" aria-labelledby="policy-edit">
    <h2 id="policy-edit">${t('page.admin.policy.edit')}</h2>
    ${errorList(context, errors)}
    <form method="post" action="${consoleBase(frame.company.id)}/policy" novalidate>
      ${csrfField(context)}
      ${checkboxField(
        { name: 'required', label: t('page.admin.policy.required'), hint: t('page.admin.policy.required.hint'), checked: form.required },
        errors,
      )}
      ${input(
        {
          name: 'enforcementDate',
          label: t('page.admin.policy.date'),
          type: 'date',
          value: form.enforcementDate,
          hint: t('page.admin.policy.date.hint'),
        },
        errors,
      )}
      ${selectField(
        {
          name: 'timeZone',
          label: t('page.admin.policy.zone'),
          hint: t('page.admin.policy.zone.hint'),
          options: timeZoneOptions(form.timeZone),
          attributes: form.zoneIsFallback && html` data-default-browser-zone="${UTC}"`,
        },
        errors,
      )}
      ${selectField(
        {
          name: 'reauthInterval',
          label: t('page.admin.policy.interval'),
          hint: t('page.admin.policy.interval.hint'),
          options: REAUTH_INTERVALS.map(
            (interval) =>
              html`<option value="${interval}"${interval === form.reauthInterval && html` selected`}>${t(INTERVAL_WORDS[interval])}</option>`,
          ),
        },
        errors,
      )}
      ${
        form.passwordlessAllowed !== undefined &&
        checkboxField(
          {
            name: 'passwordlessAllowed',
            label: t('page.admin.policy.passwordless'),
            hint: t('page.admin.policy.passwordless.hint'),
            checked: form.passwordlessAllowed,
          },
          errors,
        )
      }
      <div class="actions"><button type="submit">${t('page.admin.policy.save')}</button></div>
    </form>
  </section>`;
}
