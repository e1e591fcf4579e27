import { PayKind } from '../companies/company.entity';

/** PAY-1: the Pay roles a membership can hold, by the kind of company that grants them. */
export const PAYOR_ROLES = ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver', 'disbursement_contributor'] as const;
export const PAYEE_ROLES = ['payee_admin'] as const;
export const PAY_ROLES = [...PAYOR_ROLES, ...PAYEE_ROLES] as const;

export type PayorRole = (typeof PAYOR_ROLES)[number];
export type PayeeRole = (typeof PAYEE_ROLES)[number];
export type PayRole = (typeof PAY_ROLES)[number];

/** Every Pay role but the disbursement contributor requires MFA (PAY-1). */
export const MFA_REQUIRED_PAY_ROLES: readonly PayRole[] = [
  'payments_admin',
  'payments_disburser',
  'payments_beneficiary_approver',
  'payee_admin',
];

/** The payor roles that require MFA: only platform support resets their holders (RESET-3, PAY-10). */
export const MFA_REQUIRED_PAYOR_ROLES: readonly PayorRole[] = ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver'];

export function holdsMfaRequiredPayorRole(payRoles: readonly PayRole[]): boolean {
  return payRoles.some((role) => (MFA_REQUIRED_PAYOR_ROLES as readonly PayRole[]).includes(role));
}

export function payRolesAllowedFor(kind: PayKind): readonly PayRole[] {
  if (kind === 'payor') return PAYOR_ROLES;
  if (kind === 'payee') return PAYEE_ROLES;
  return [];
}

/** The Pay roles a user holds through active memberships, each valid for its company's kind (PAY-1). */
export function payRolesOf(memberships: Array<{ status: string; payRoles: PayRole[]; company?: { payKind: PayKind } }>): PayRole[] {
  const roles = memberships
    .filter((membership) => membership.status === 'active' && membership.company)
    .flatMap((membership) => membership.payRoles.filter((role) => payRolesAllowedFor(membership.company!.payKind).includes(role)));
  return [...new Set(roles)];
}
