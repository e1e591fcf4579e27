import { Type } from '@nestjs/common';
import { AccountSecurityPages } from './account-security.pages';
import { CredentialPages } from './credential.pages';
import { EnrollmentPages } from './enrollment.pages';
import { ReverificationPages } from './reverification.pages';

/** WEB-4: the controllers of the standard product's account security page, under `/account/security`. */
export const ACCOUNT_SECURITY_PAGES: Type<unknown>[] = [AccountSecurityPages, EnrollmentPages, CredentialPages, ReverificationPages];
