import { User } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';

/**
 * ABUSE-12: platform support staff, whose MFA guards every company's users, are reset only by support,
 * never by a company admin or a payee admin.
 */
export function assertNotSupportStaff(target: Pick<User, 'support'>): void {
  if (target.support) throw new DomainError('support_user', 'This user is platform support staff: only support can reset their MFA.');
}
