import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, MemberReset, MemberResetRequest, PRODUCT_POLICY, ProductPolicy } from '@sitepass/auth';
import { KeyedHasher } from '@sitepass/common';
import { HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Request, Response } from 'express';
import { SignedCookie } from '../flow/signed-cookie';
import { FieldErrors, notice } from '../forms';
import { field, Form } from '../form-input';
import { Html } from '../html';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { messageOf, statusOf } from '../page-errors';
import { MAX_NOTE_LENGTH, ResetDone, resetDoneNotice, ResetFormView, resetPage, resetUnavailablePage } from './reset.views';

/** A reset form as sent: what the reset services take (RESET-5, PAY-10). */
export function resetRequestOf(form: Form): MemberResetRequest & { identityCheckNote: string } {
  return {
    email: field(form, 'email').slice(0, 254),
    identityVerified: field(form, 'identityVerified') === 'yes',
    identityCheckNote: field(form, 'identityCheckNote'),
  };
}

/** What the page itself sees before asking the service: no email typed, a note longer than the API takes. */
export function formProblems(context: PageContext, request: MemberResetRequest): FieldErrors | undefined {
  const errors: FieldErrors = {};
  if (!request.email) errors.email = context.t('page.resets.email.required');
  if ((request.identityCheckNote ?? '').length > MAX_NOTE_LENGTH) errors.identityCheckNote = context.t('page.resets.note.too_long');
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** The refusals about the named user: shown beside the email field. */
const ABOUT_THE_USER: readonly ErrorCode[] = ['not_found', 'cannot_reset_self', 'support_user', 'pay_support_required', 'sso_user'];

/**
 * A refused reset beside the field it is about (WEB-8): the user named, the attestation, the note. Undefined
 * for a refusal about the caller (a session without MFA, a role they lack), which the page shows above the form.
 */
export function resetFieldErrors(context: PageContext, error: DomainError): FieldErrors | undefined {
  if (ABOUT_THE_USER.includes(error.code)) return { email: messageOf(context, error) };
  if (error.code !== 'validation_failed') return undefined;
  const fields = (error.details.errors as Array<{ field: string }> | undefined) ?? [];
  const errors: FieldErrors = {};
  for (const { field: name } of fields) {
    if (name === 'identityVerified') errors.identityVerified = context.t('page.resets.identity_verified.required');
    else if (name === 'identityCheckNote') errors.identityCheckNote = context.t('page.resets.note.required');
    else errors.email = messageOf(context, error);
  }
  return errors;
}

/**
 * Runs the caller's check before the form is shown (`authorize`); a session that proved no second factor gets a
 * page saying so rather than a redirect to the sign-in, which would give it the same session again. Other
 * refusals (a role the caller lacks, a company that is not theirs) are the error page's.
 */
export async function unlessUnavailable<T>(
  pages: Pages,
  response: Response,
  context: PageContext,
  authorize: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await authorize();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'reauthentication_required') throw error;
    pages.send(response, context, resetUnavailablePage(context, messageOf(context, error)), statusOf(error));
    return undefined;
  }
}

/** Where a reset form posts, and the words around it: everything but the form as sent. */
export type ResetFrame = Pick<ResetFormView, 'action' | 'intro' | 'noteHint'>;

/**
 * The reset pages' common steps (RESET-5, PAY-10): the form with the last reset's outcome above it; the form
 * sent, checked for what the page sees itself, then given to the product's reset service, whose refusals are
 * shown beside their fields. A reset answers with a redirect (post, redirect, get: a reload never resets
 * again); what it did rides to the next page in a signed `__Host-` cookie of the product, read once.
 */
@Injectable()
export class ResetForms {
  private readonly outcome: SignedCookie<ResetDone>;

  constructor(
    @Inject(PRODUCT_POLICY) policy: ProductPolicy,
    hasher: KeyedHasher,
    private readonly pages: Pages,
  ) {
    this.outcome = new SignedCookie(hasher, `__Host-sitepass-${policy.audience}-reset`, 'reset-outcome', {
      ...HOST_COOKIE_OPTIONS,
      maxAge: 60 * 1000,
    });
  }

  /** The empty form; above it, what the last reset did. */
  show(request: Request, response: Response, context: PageContext, frame: ResetFrame): void {
    const done = this.outcome.read(request);
    if (done) this.outcome.clear(response);
    this.pages.send(response, context, resetPage(context, { ...frame, message: done && resetDoneNotice(context, done) }));
  }

  async submit(
    response: Response,
    context: PageContext,
    frame: ResetFrame,
    form: Form,
    reset: (request: MemberResetRequest) => Promise<MemberReset>,
  ): Promise<void> {
    const request = resetRequestOf(form);
    const again = (errors: FieldErrors, status: number, message?: Html) => {
      const view = { ...frame, email: request.email, note: request.identityCheckNote, identityVerified: request.identityVerified };
      this.pages.send(response, context, resetPage(context, { ...view, errors, message }), status);
    };
    const problems = formProblems(context, request);
    if (problems) return again(problems, 400);
    try {
      const done = await reset(request);
      this.outcome.write(response, { email: request.email, factorsRevoked: done.factorsRevoked, sessionsRevoked: done.sessionsRevoked });
      response.redirect(303, frame.action);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = resetFieldErrors(context, error);
      again(errors ?? {}, statusOf(error), errors ? undefined : notice(messageOf(context, error), 'error'));
    }
  }
}
