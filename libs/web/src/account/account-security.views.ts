import type { FactorView, MfaOverview, TrustedDeviceView } from '@sitepass/auth';
import { Locale, localeName, MessageKey, SUPPORTED_LOCALES } from '@sitepass/i18n';
import { FieldErrors, notice } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContent, PageContext } from '../layout';
import { errorList } from '../forms';
import { ACCOUNT, ENROLLED_HERE } from './account-routes';
import { deviceName } from './user-agent';

/** What the account page shows (WEB-4): the MFA overview of /v1/me/mfa, the trusted devices, the saved language. */
export interface SecurityOverview {
  mfa: MfaOverview;
  /** The zone of the company whose deadline the overview names (POL-1): the deadline is shown in it (I18N-3). */
  deadlineZone: string;
  devices: TrustedDeviceView[];
  savedLocale: Locale | null;
  now: Date;
  /** The types a user may hold several of (passkeys, PASSKEY-2): always one more to add, never one to change. */
  severalPerUser: readonly string[];
}

/** A success notice after a redirect, or errors beside the buttons and fields of the page's forms. */
export interface OverviewState {
  done?: MessageKey;
  errors?: FieldErrors;
}

export function securityPage(context: PageContext, view: SecurityOverview, state: OverviewState = {}): PageContent {
  const { t } = context;
  const errors = state.errors ?? {};
  return {
    title: t('page.account.title'),
    wide: true,
    main: html`<h1>${t('page.account.title')}</h1>
      ${state.done && notice(t(state.done), 'success')} ${errorList(context, errors)} ${mfaSection(context, view)}
      ${factorsSection(context, view, errors)} ${recoverySection(context, view.mfa)} ${devicesSection(context, view, errors)}
      ${languageSection(context, view.savedLocale, errors)} ${signOutSection(context, errors)}`,
  };
}

/** Whether MFA is required and why; the company's deadline in its zone and how often it asks again (POL-3, POL-6). */
function mfaSection(context: PageContext, { mfa, deadlineZone }: SecurityOverview): Html {
  const { t } = context;
  const status = mfa.mfaRequired
    ? t('page.account.mfa.required')
    : mfa.enrollmentAvailable
      ? t('page.account.mfa.optional')
      : t('page.account.mfa.unavailable');
  const enforcement = mfa.enforcement;
  const deadline = enforcement && {
    companyName: enforcement.companyName,
    deadline: new Date(enforcement.enforcementStartsAt),
    timeZone: deadlineZone,
  };
  return html`<section class="card" aria-labelledby="mfa-title">
    <h2 id="mfa-title">${t('page.account.mfa.title')}</h2>
    <p>${status}</p>
    ${mfa.mfaRequired && html`<ul>${mfa.reasons.map((reason) => html`<li>${t('page.account.mfa.reason', { reason })}</li>`)}</ul>`}
    ${
      enforcement &&
      deadline &&
      html`<p>
        ${
          enforcement.state === 'enforced'
            ? t('page.account.mfa.enforced', deadline, { timeZone: deadlineZone })
            : t('page.account.mfa.scheduled', deadline, { timeZone: deadlineZone })
        }
      </p>
      <p>${t('page.account.mfa.interval', { companyName: enforcement.companyName, interval: enforcement.reauthInterval })}</p>`
    }
  </section>`;
}

/**
 * The factors (type, masked number or passkey name, added), with change, remove and SMS-8's test message; then
 * what may be added: a type not held yet, or one more of a type held several times (PASSKEY-2).
 */
function factorsSection(context: PageContext, { mfa, now, severalPerUser }: SecurityOverview, errors: FieldErrors): Html {
  const { t } = context;
  const factors = mfa.factors.filter((factor) => factor.status === 'active' || Date.parse(factor.expiresAt ?? '') > now.getTime());
  const mayEnroll = (type: string) => mfa.enrollmentAvailable && mfa.allowedFactorTypes.includes(type) && ENROLLED_HERE.includes(type);
  const several = (type: string) => severalPerUser.includes(type);
  const has = (type: string) => mfa.factors.some((factor) => factor.status === 'active' && factor.type === type);
  const addable = mfa.allowedFactorTypes.filter((type) => mayEnroll(type) && (several(type) || !has(type)));
  return html`<section class="card" aria-labelledby="factors-title">
    <h2 id="factors-title">${t('page.account.factors.title')}</h2>
    ${
      factors.length === 0
        ? html`<p>${t('page.account.factors.none')}</p>`
        : table(
            [
              t('page.account.factors.method'),
              t('page.account.factors.details'),
              t('page.account.factors.added'),
              t('page.account.actions'),
            ],
            factors.map((factor) => factorRow(context, factor, mayEnroll(factor.type) && !several(factor.type), errors)),
          )
    }
    ${
      addable.length > 0 &&
      html`<div class="actions">
      ${addable.map(
        (type) => html`<a class="button secondary" href="${ACCOUNT}/${type}">${t('page.account.enroll.title', { type, change: 'no' })}</a>`,
      )}
    </div>`
    }
  </section>`;
}

function factorRow(context: PageContext, factor: FactorView, mayReplace: boolean, errors: FieldErrors): Html {
  const { t } = context;
  const type = factor.type;
  const pending = factor.status === 'pending';
  const testError = errors[`test-${factor.id}`];
  return html`<tr>
    <th scope="row">${t('page.account.factor.type', { type })}</th>
    <td>
      ${factor.maskedPhoneNumber ?? factor.name ?? ''}${pending && html` <span class="muted">${t('page.account.factor.pending')}</span>`}
    </td>
    <td>${t('page.account.date', { date: new Date(factor.activatedAt ?? factor.createdAt) })}</td>
    <td>
      <ul class="row-actions">
        ${
          pending
            ? html`<li><a href="${ACCOUNT}/enrollment?id=${factor.id}">${t('page.account.factor.finish')}</a></li>`
            : html`${
                factor.maskedPhoneNumber &&
                html`<li>
                ${actionForm(context, `${ACCOUNT}/factors/${factor.id}/test-message`, t('page.account.factor.test'), {
                  error: testError,
                  errorId: `test-${factor.id}-error`,
                })}
              </li>`
              }
            ${mayReplace && html`<li><a href="${ACCOUNT}/${type}">${t('page.account.enroll.title', { type, change: 'yes' })}</a></li>`}
            <li>
              <a href="${ACCOUNT}/factors/${factor.id}/remove">${t('page.account.factor.remove', { type, name: factor.name ?? '' })}</a>
            </li>`
        }
      </ul>
    </td>
  </tr>`;
}

/** REC-1, REC-2: whether a recovery code is there (never the code), and a new one on request. */
function recoverySection(context: PageContext, mfa: MfaOverview): Html {
  const { t } = context;
  const hasFactor = mfa.factors.some((factor) => factor.status === 'active');
  const status = mfa.recoveryCode.available
    ? t('page.account.recovery.available', { issued: new Date(mfa.recoveryCode.issuedAt ?? 0) })
    : t('page.account.recovery.missing');
  return html`<section class="card" aria-labelledby="recovery-title">
    <h2 id="recovery-title">${t('page.account.recovery.title')}</h2>
    <p>${hasFactor ? status : t('page.account.recovery.needs_factor')}</p>
    ${hasFactor && html`<p><a class="button secondary" href="${ACCOUNT}/recovery-code">${t('page.account.recovery.new')}</a></p>`}
  </section>`;
}

/** SES-6, ABUSE-9: the devices that skip the MFA step, each with revoke, and revoke all. */
function devicesSection(context: PageContext, { devices }: SecurityOverview, errors: FieldErrors): Html {
  const { t } = context;
  return html`<section class="card" aria-labelledby="devices-title">
    <h2 id="devices-title">${t('page.account.devices.title')}</h2>
    <p>${t('page.account.devices.intro')}</p>
    ${
      devices.length === 0
        ? html`<p>${t('page.account.devices.none')}</p>`
        : html`${table(
            [
              t('page.account.devices.device'),
              t('page.account.devices.trusted'),
              t('page.account.devices.method'),
              t('page.account.devices.ip'),
              t('page.account.actions'),
            ],
            devices.map((device) => deviceRow(context, device, errors[`device-${device.id}`])),
          )}
          ${actionForm(context, `${ACCOUNT}/devices/revoke-all`, t('page.account.devices.revoke_all'), {
            error: errors.devices,
            errorId: 'devices-error',
          })}`
    }
  </section>`;
}

function deviceRow(context: PageContext, device: TrustedDeviceView, error: string | undefined): Html {
  const { t } = context;
  const name = deviceName(device.userAgent);
  const methods = device.amr.filter((method) => method !== 'pwd' && method !== 'fed');
  return html`<tr>
    <th scope="row">${name ? t('page.account.devices.browser', name) : (device.userAgent ?? t('page.account.devices.unknown'))}</th>
    <td>${t('page.account.date', { date: new Date(device.createdAt) })}</td>
    <td>${methods.map((method) => t('page.account.devices.amr', { method })).join(', ')}</td>
    <td>${device.ip ?? ''}</td>
    <td>
      ${actionForm(context, `${ACCOUNT}/devices/${device.id}/revoke`, t('page.account.devices.revoke'), {
        error,
        errorId: `device-${device.id}-error`,
      })}
    </td>
  </tr>`;
}

/** I18N-2: the saved language, each named in itself, or the browser's. */
function languageSection(context: PageContext, saved: Locale | null, errors: FieldErrors): Html {
  const { t } = context;
  const error = errors.locale;
  return html`<section class="card" aria-labelledby="language-title">
    <h2 id="language-title">${t('page.account.language.title')}</h2>
    <form method="post" action="${ACCOUNT}/language">
      ${csrfField(context)}
      <div class="field">
        <label for="field-locale">${t('page.account.language.label')}</label>
        <select id="field-locale" name="locale" ${error && html` aria-invalid="true" aria-describedby="field-locale-error"`}>
          <option value="" ${saved === null && html` selected`}>${t('page.account.language.browser')}</option>
          ${SUPPORTED_LOCALES.map(
            (locale) =>
              html`<option value="${locale}" lang="${locale}" ${saved === locale && html` selected`}>${localeName(locale)}</option>`,
          )}
        </select>
        ${error && html`<p class="error" id="field-locale-error">${error}</p>`}
      </div>
      <div class="actions"><button type="submit">${t('page.account.language.save')}</button></div>
    </form>
  </section>`;
}

/** ABUSE-9: every session of the user ends, on both products, with every trusted device. */
function signOutSection(context: PageContext, errors: FieldErrors): Html {
  const { t } = context;
  return html`<section class="card" aria-labelledby="signout-title">
    <h2 id="signout-title">${t('page.account.signout.title')}</h2>
    <p>${t('page.account.signout.intro')}</p>
    ${actionForm(context, `${ACCOUNT}/sign-out-everywhere`, t('page.account.signout.submit'), {
      error: errors.signout,
      errorId: 'signout-error',
      className: 'danger',
    })}
  </section>`;
}

/** A table that scrolls sideways on a narrow screen (WEB-8: 320 px), its columns headed; each row heads itself. */
function table(headings: string[], rows: Html[]): Html {
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          ${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** A form that is one button, its error beside it and tied to it (WEB-8). */
function actionForm(
  context: PageContext,
  action: string,
  label: string,
  options: { error?: string; errorId: string; className?: string },
): Html {
  return html`<form class="action-form" method="post" action="${action}">
    ${csrfField(context)}
    <button type="submit" class="${options.className ?? 'secondary'}" ${options.error && html` aria-describedby="${options.errorId}"`}>
      ${label}
    </button>
    ${options.error && html`<p class="error" id="${options.errorId}">${options.error}</p>`}
  </form>`;
}
