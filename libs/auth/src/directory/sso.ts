import { emailDomain } from './email';
import { Membership } from '@sitepass/database';
import { User } from '@sitepass/database';

/**
 * DIR-5: a user whose email domain is an SSO domain of a company they actively belong to proves their
 * identity, MFA included, at that company's identity provider: no password sign-in or enrollment here.
 */
export function isSsoUser(user: Pick<User, 'email'>, memberships: Membership[]): boolean {
  const domain = emailDomain(user.email);
  return memberships.some((membership) => membership.status === 'active' && membership.company?.ssoDomains.includes(domain));
}
