import { OperationRule } from '@sitepass/auth';
import { MessageKey } from '@sitepass/i18n';

/**
 * The Payments operations the gateway asks about. The five money-moving ones of PAY-6 each need a
 * step-up; `payments_tool.request` is every other request inside the Payments tool: no step-up, but the
 * session must have proven MFA and not be idle (PAY-8).
 */
export const PAY_OPERATIONS = [
  'payments_tool.request',
  'payments_tool.open',
  'disbursement.authorize',
  'funding_account.change',
  'beneficiary_account.approve',
  'agreement.accept',
] as const;

export type PayOperation = (typeof PAY_OPERATIONS)[number];

/**
 * Who may do what. The spec names the operations and the roles; which role does which operation is
 * Sitepass's reading of the role names (see the README).
 */
export const PAY_OPERATION_RULES: Record<PayOperation, OperationRule> = {
  'payments_tool.request': {
    permittedRoles: ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver', 'payee_admin'],
    stepUp: false,
  },
  'payments_tool.open': {
    permittedRoles: ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver', 'payee_admin'],
    stepUp: true,
  },
  'disbursement.authorize': { permittedRoles: ['payments_admin', 'payments_disburser'], stepUp: true },
  'funding_account.change': { permittedRoles: ['payments_admin'], stepUp: true },
  'beneficiary_account.approve': { permittedRoles: ['payments_admin', 'payments_beneficiary_approver'], stepUp: true },
  'agreement.accept': { permittedRoles: ['payments_admin', 'payee_admin'], stepUp: true },
};

/** The operations that need a step-up (PAY-6): `stepUp: true` above. */
export type StepUpOperation = Exclude<PayOperation, 'payments_tool.request'>;

/** WEB-6: each step-up operation in words, as the step-up page shows it; a new one must be worded to compile. */
export const STEP_UP_OPERATION_WORDS = {
  'payments_tool.open': 'page.step_up.operation.payments_tool_open',
  'disbursement.authorize': 'page.step_up.operation.disbursement_authorize',
  'funding_account.change': 'page.step_up.operation.funding_account_change',
  'beneficiary_account.approve': 'page.step_up.operation.beneficiary_account_approve',
  'agreement.accept': 'page.step_up.operation.agreement_accept',
} as const satisfies Record<StepUpOperation, MessageKey>;
