import { User } from '../users/user.entity';
import { emailDomain } from '../users/email';
import { Membership } from './membership.entity';

/**
 * DIR-5, the one SSO rule, in its two forms. A user whose email domain is an SSO domain of a company
 * they actively belong to proves their identity, MFA included, at that company's identity provider: no
 * password sign-in, enrollment, policy or reset here. In TypeScript for loaded memberships, and as an SQL
 * condition for the queries that list members; a change to one is a change to both, here.
 */
export function isSsoUser(user: Pick<User, 'email'>, memberships: Membership[]): boolean {
  const domain = emailDomain(user.email);
  return memberships.some((membership) => membership.status === 'active' && membership.company?.ssoDomains.includes(domain));
}

/** `isSsoUser` for the user row aliased `user`, as an SQL condition. */
export const SSO_USER_SQL = (user: string) => `EXISTS (
  SELECT 1 FROM memberships sso_membership JOIN companies sso_company ON sso_company.id = sso_membership.company_id
  WHERE sso_membership.user_id = ${user}.id AND sso_membership.status = 'active'
    AND substring(${user}.email FROM '[^@]*$') = ANY (sso_company.sso_domains))`;

/** Whether the domain is an SSO domain of any company: a sign-in with an unknown email of it goes to the IdP (ABUSE-13). */
export const SSO_DOMAIN_IN_USE_SQL = (domainParameter: string) =>
  `EXISTS (SELECT 1 FROM companies WHERE sso_domains @> ARRAY[${domainParameter}::text])`;
