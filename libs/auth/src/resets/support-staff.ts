import { User } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';

/**
 * ABUSE-12: platform support staff, whose MFA guards every company's users, are reset only by support,
 * never by a company admin or a payee admin.
 */
export function assertNotSupportStaff(target: Pick<User, 'support'>): void {
  if (target.support) throw DomainError.of('error.support_user');
}
