import { DomainError, FactorSummary } from '@sitepass/auth';
import { notice } from '../forms';
import { html, Html } from '../html';
import { csrfField, PageContent, PageContext } from '../layout';
import { messageOf } from '../page-errors';
import { factorLabel, hiddenFields } from '../sign-in/sign-in.views';

/**
 * The factors a person may use instead of the refused text message (SMS-10): those the page offers but the phone
 * (one per account, SMS-9), and only those the core still counts as usable when it names them (`otherFactors`:
 * a resend's refusal does not).
 */
export function otherFactorsThan(error: DomainError, offered: FactorSummary[]): FactorSummary[] {
  const usable = error.details.otherFactors as FactorSummary[] | undefined;
  return offered.filter((factor) => factor.type !== 'sms' && (!usable || usable.some((other) => other.id === factor.id)));
}

export interface OtherWaysView {
  /** The page's heading: the sign-in's, the re-verification's or the step-up's. */
  heading: string;
  /** What the page confirms, above the refusal (a step-up's operation). */
  intro?: Html | false;
  sectionTitle: string;
  factors: FactorSummary[];
  /** Where a factor's button posts its id (`factorId`), and the hidden fields that go with it. */
  action: string;
  hidden?: Record<string, string>;
  /** The sign-in's recovery code, where it may be used. */
  recoveryHref?: string;
  /** Where to go when nothing else is possible now (the account page). */
  backHref?: string;
}

/**
 * SMS-10 on the MFA step: the texts are paused for the person's number. The refusal is the page's alert; under
 * it, the other factors as one button each (a plain form post, WEB-9), and the recovery code where it may be
 * used. With no other factor the page says so and offers the recovery code alone.
 */
export function otherWaysPage(context: PageContext, error: DomainError, view: OtherWaysView): PageContent {
  const { t } = context;
  const none = view.recoveryHref ? t('page.sms_paused.none.recovery') : t('page.sms_paused.none');
  return {
    title: view.heading,
    main: html`<div class="card">
      <h1>${view.heading}</h1>
      ${view.intro} ${notice(messageOf(context, error), 'error')}
      <section aria-labelledby="other-ways-title">
        <h2 id="other-ways-title">${view.sectionTitle}</h2>
        ${view.factors.length === 0 && html`<p>${none}</p>`}
        ${view.factors.map(
          (factor) =>
            html`<form method="post" action="${view.action}">
              ${csrfField(context)} ${hiddenFields({ ...view.hidden, factorId: factor.id })}
              <div class="actions"><button type="submit">${factorLabel(context, factor)}</button></div>
            </form>`,
        )}
        ${view.recoveryHref && html`<p><a href="${view.recoveryHref}">${t('page.verify.recovery_link')}</a></p>`}
      </section>
      ${view.backHref && html`<p><a href="${view.backHref}">${t('page.back')}</a></p>`}
    </div>`,
  };
}

/** How a page lets a person start setting up another type: a button that posts it (the sign-in) or a link (the account page). */
export type EnrollInstead = { action: string } | { hrefOf: (type: string) => string };

/** The types the pages can set up in place of a phone. */
const OTHER_TYPES = ['totp', 'webauthn'];

/**
 * SMS-10 at an SMS enrollment: the refusal above the phone form, and the other types the person may set up
 * instead (`allowedFactorTypes` of the refusal), each a button or a link; the number can still be changed.
 */
export function enrollInsteadNotice(context: PageContext, error: DomainError, instead: EnrollInstead): Html {
  const { t } = context;
  const allowed = (error.details.allowedFactorTypes as string[] | undefined) ?? [];
  const types = OTHER_TYPES.filter((type) => allowed.includes(type));
  const offer = (type: string) => {
    const label = t('page.sms_paused.enroll', { type });
    if ('hrefOf' in instead) return html`<a class="button" href="${instead.hrefOf(type)}">${label}</a>`;
    return html`<form method="post" action="${instead.action}">
      ${csrfField(context)} ${hiddenFields({ factorType: type })}
      <button type="submit">${label}</button>
    </form>`;
  };
  return html`${notice(messageOf(context, error), 'error')}
    <section aria-labelledby="other-ways-title">
      <h2 id="other-ways-title">${t('page.sms_paused.other_ways.enroll')}</h2>
      ${types.length === 0 && html`<p>${t('page.sms_paused.enroll.none')}</p>`}
      ${types.length > 0 && html`<div class="actions">${types.map(offer)}</div>`}
    </section>`;
}
