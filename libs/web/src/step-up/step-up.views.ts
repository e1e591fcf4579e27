import { FactorSummary } from '@sitepass/auth';
import { FieldErrors, noticePage } from '../forms';
import { html, Html } from '../html';
import { PageContent, PageContext } from '../layout';
import { chooseFactorPage, codePage, passkeyStepPage } from '../sign-in/sign-in.views';
import type { ClockSkew } from '../page-errors';

/** WEB-6: what the step-up confirms, in words, above its form. */
export function operationIntro(context: PageContext, operation: string, message?: Html | false): Html {
  return html`${message}
    <p>${context.t('page.step_up.intro')}</p>
    <p class="operation"><strong>${operation}</strong></p>`;
}

/** The factors this step-up may be proven with (PAY-3: a payor's app only). `operation` is already in words. */
export function stepUpChoicePage(
  context: PageContext,
  view: { operation: string; factors: FactorSummary[]; errors?: FieldErrors; message?: Html | false },
): PageContent {
  return chooseFactorPage(context, {
    factors: view.factors,
    recoveryCodeAvailable: false,
    errors: view.errors,
    heading: context.t('page.step_up.title'),
    intro: operationIntro(context, view.operation, view.message),
    action: '/pay/step-up/start',
  });
}

export interface StepUpCodeView {
  operation: string;
  factor: FactorSummary;
  expiresInSeconds: number;
  /** SMS: seconds until another code may be sent (SMS-5). */
  resendWaitSeconds?: number;
  otherMethods: boolean;
  errors?: FieldErrors;
  skew?: ClockSkew;
}

/** The code field of the step-up's challenge, as the sign-in's (WEB-1): one field, resend for SMS, the clock help. */
export function stepUpCodePage(context: PageContext, view: StepUpCodeView): PageContent {
  return codePage(context, {
    heading: context.t('page.step_up.title'),
    intro: operationIntro(context, view.operation),
    action: '/pay/step-up/verify',
    factor: view.factor,
    expiresInSeconds: view.expiresInSeconds,
    resend: view.resendWaitSeconds !== undefined ? { action: '/pay/step-up/resend', waitSeconds: view.resendWaitSeconds } : undefined,
    errors: view.errors,
    skew: view.skew,
    otherMethodsHref: view.otherMethods ? '/pay/step-up/verify?choose=1' : undefined,
  });
}

/** PASSKEY-4: the step-up's challenge answered with a passkey, as the sign-in's (PASSKEY-3). */
export function stepUpPasskeyPage(
  context: PageContext,
  view: { operation: string; challengeId: string; options: Record<string, unknown>; otherMethods: boolean; error?: string },
): PageContent {
  return passkeyStepPage(context, {
    heading: context.t('page.step_up.title'),
    intro: operationIntro(context, view.operation),
    action: '/pay/step-up/passkey',
    hidden: { challengeId: view.challengeId },
    options: view.options,
    error: view.error,
    otherMethodsHref: view.otherMethods ? '/pay/step-up/verify?choose=1' : undefined,
  });
}

/** A step-up that cannot start: a link that is not valid, a role that may not do it, no factor to prove. */
export function stepUpRefusedPage(context: PageContext, message: string): PageContent {
  return noticePage(context.t('page.step_up.title'), message);
}
