import { DomainError } from '@sitepass/auth';
import { input, FieldErrors } from '../forms';
import { Html } from '../html';
import { PageContext } from '../layout';
import { messageOf } from '../page-errors';

/** Where ABUSE-16's code was emailed, when the enrollment on the page needs it. */
export interface EmailProofField {
  maskedEmail: string;
}

/** The email proof of a pending or started enrollment, for its page: undefined when it needs none. */
export function emailProofOf(enrollment: { emailProofRequired?: true; maskedEmail?: string }): EmailProofField | undefined {
  return enrollment.emailProofRequired && enrollment.maskedEmail ? { maskedEmail: enrollment.maskedEmail } : undefined;
}

/**
 * ABUSE-16 on the pages: "Code from the email we sent to j•••@example.com", a second one-time-code field beside
 * the factor's, with its hint and its error tied to it.
 */
export function emailCodeField(context: PageContext, proof: EmailProofField, errors: FieldErrors): Html {
  return input(
    {
      name: 'emailCode',
      label: context.t('page.enroll.email_code', { maskedEmail: proof.maskedEmail }),
      hint: context.t('page.enroll.email_code.hint'),
      autocomplete: 'one-time-code',
      inputmode: 'numeric',
      pattern: '[0-9]*',
      maxlength: 6,
      className: 'code',
    },
    errors,
  );
}

const EMAIL_CODE_ERRORS = ['email_code_invalid', 'email_code_expired'];

/** The email code's own error, to show on its field: a missing or mistyped code, a wrong or spent one. */
export function emailCodeError(context: PageContext, error: DomainError): FieldErrors | undefined {
  if (EMAIL_CODE_ERRORS.includes(error.code)) return { emailCode: messageOf(context, error) };
  const fields = (error.details.errors as Array<{ field: string }> | undefined) ?? [];
  if (error.code === 'validation_failed' && fields.some((problem) => problem.field === 'emailCode'))
    return { emailCode: context.t('page.enroll.email_code.required') };
  return undefined;
}
