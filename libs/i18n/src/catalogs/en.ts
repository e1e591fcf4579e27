import { accountPages } from './pages/account';
import { adminPages } from './pages/admin';
import { enrollmentEmailProofTexts } from './enrollment-email-proof';
import { passkeyPages } from './pages/passkeys';
import { payAndSupportPages } from './pages/pay-and-support';
import { signInPages } from './pages/sign-in';
import { smsPausedPages } from './pages/sms-paused';
/**
 * The source catalog: every key Sitepass uses, in English, as ICU MessageFormat. Keys are namespaced:
 * `error.<code>` (and `error.<code>.<variant>`) for the API's error messages, `validation.*` for field errors,
 * `sms.*`, `email.<template>.*` and `page.*`. Every other catalog has exactly these keys (I18N-3).
 *
 * ICU syntax to mind when writing one: `{name}` is an argument, `'` before `{` or `}` quotes it (write
 * `''` for a lone apostrophe there), and `#` is the number inside a plural branch.
 */
export const en = {
  ...signInPages.en,
  ...accountPages.en,
  ...adminPages.en,
  ...payAndSupportPages.en,
  ...passkeyPages.en,
  ...enrollmentEmailProofTexts.en,
  ...smsPausedPages.en,
  // Errors the edge answers for the framework (SEC-2) and for any code without a more precise sentence.
  'error.validation_failed': 'The request has invalid fields.',
  'error.validation_failed.request': 'The request is not valid.',
  'error.invalid_json': 'The request body is not valid JSON.',
  'error.payload_too_large': 'The request body is larger than 16 KiB.',
  'error.unsupported_media_type': 'The request body has a charset or content encoding this service does not read.',
  'error.not_found': 'There is nothing at this address.',
  'error.internal_error': 'Something went wrong on our side. Try again later.',
  'error.service_unavailable': 'The service is briefly unavailable. Try again in a few seconds.',
  'error.service_unavailable.revocation': 'The revocation could not be recorded. Try again in a moment.',
  'error.authentication_required': 'This request needs authentication.',
  'error.too_many_attempts': 'Too many requests. Try again later.',
  'error.forbidden': 'You may not do this.',
  'error.not_found.factor': 'The factor was not found.',
  'error.not_found.sms_factor': 'The SMS factor was not found.',
  'error.not_found.enrollment': 'The enrollment was not found.',
  'error.not_found.challenge': 'The challenge was not found.',
  'error.not_found.step_up': 'The step-up was not found.',
  'error.not_found.company': 'The company was not found.',
  'error.not_found.user': 'The user was not found.',
  'error.not_found.trusted_device': 'The trusted device was not found.',
  'error.not_found.active_member': 'An active member with this email was not found.',
  // Sessions and tokens (SES)
  'error.authentication_required.access_token': 'This request needs an access token.',
  'error.authentication_required.mfa_token': 'This request needs the mfaToken of your sign-in.',
  'error.authentication_required.service_token': 'This request needs the service token.',
  'error.authentication_required.recovery_code': 'Redeem a recovery code with the mfaToken of your sign-in.',
  'error.invalid_token.access_token': 'The access token is not valid.',
  'error.invalid_token.access_token_expired': 'The access token has expired.',
  'error.invalid_token.service_token': 'The service token is not valid.',
  'error.invalid_token.mfa_token': 'The MFA token is not valid.',
  'error.invalid_token.mfa_token_spent': 'The MFA token has expired or was already used. Sign in again.',
  'error.invalid_token.sign_in_ended': 'This sign-in has ended. Sign in again.',
  'error.invalid_token.sign_in_completed': 'This sign-in was already completed. Sign in again.',
  'error.invalid_token.refresh_token': 'The refresh token is not valid.',
  'error.invalid_credentials': 'The email or password is not correct.',
  'error.session_revoked': 'The session has been revoked.',
  'error.session_revoked.account_inactive': 'The account is no longer active.',
  'error.session_revoked.refresh_token_reused': 'This refresh token was already used; the session has been revoked.',
  'error.session_revoked.step_up_failures': 'Too many failed step-ups: this session has been signed out.',
  'error.session_expired': 'The session has ended; sign in again.',
  'error.mfa_reauth_required': 'Sign in again and confirm with your second factor.',
  'error.mfa_reauth_required.pay': 'Sign in to Pay again and confirm with your second factor.',
  'error.mfa_reauth_required.pay_idle': 'The Payments tool was idle for too long. Sign in again with your second factor.',
  'error.too_many_attempts.passwords': 'Too many password attempts. Try again later.',
  'error.too_many_attempts.codes': 'Too many wrong codes. Wait before trying again.',
  'error.sso_required': 'This account signs in through your company’s identity provider.',
  'error.sso_required.enrollment': 'Your MFA is managed by your company’s identity provider.',
  // MFA step, enrollment and factors (LOGIN, TOTP, REC, POL-8, ABUSE-3)
  'error.verification_failed': 'The code is not correct.',
  'error.verification_failed.recovery_code': 'The recovery code is not correct.',
  'error.verification_failed.passkey': 'The passkey did not confirm it. Try again, or use another way to sign in.',
  'error.verification_failed.passkey_cloned':
    'This passkey was refused: its signature counter went backwards, which happens when a passkey has been copied. Use another way to sign in, and tell your administrator.',
  'error.clock_skew_suspected':
    'The code does not match the current time: your device clock seems about {minutes, plural, one {# minute} other {# minutes}} {direction, select, ahead {ahead} other {behind}}.',
  'error.clock_skew_suspected.advice':
    'Your device clock looks off. Set its date and time to automatic (network time), then try a new code.',
  'error.code_already_used': 'This code was already used. Wait for the next one.',
  'error.code_already_used.challenge_verified': 'This challenge was already verified.',
  'error.challenge_failed': 'Too many wrong codes for this challenge. Start a new one.',
  'error.challenge_failed.factor_unusable': 'This factor is no longer usable.',
  'error.challenge_failed.ended': 'This challenge has ended. Start a new one.',
  'error.challenge_expired': 'This challenge has expired. Start a new one.',
  'error.challenge_expired.passkey': 'This passkey request has expired or was already answered. Start again.',
  'error.passwordless_not_allowed': 'Your company asks you to sign in with your password first, then your passkey.',
  'error.factor_type_not_allowed.passkeys_off': 'Passkeys are not turned on for this service.',
  'error.invalid_credentials.passkey': 'This passkey is not registered here. Sign in with your password.',
  'error.mfa_attempts_exhausted': 'Too many wrong codes. Sign in again with your password.',
  'error.account_locked': 'MFA is locked for this account after too many wrong codes. Ask your company admin or support to reset it.',
  'error.account_locked.now': 'MFA is now locked for this account. Ask your company admin or support to reset it.',
  'error.enrollment_expired': 'This enrollment has expired. Start again.',
  'error.enrollment_not_available': 'MFA enrollment is not open for your account yet.',
  'error.enrollment_not_available.prove_existing_factor': 'Confirm with a factor you already have; add new ones after signing in.',
  'error.enrollment_not_available.recovery_code': 'Add a factor first: a recovery code stands in for one.',
  'error.factor_type_not_allowed': 'This {factorType} factor cannot be used here.',
  'error.factor_type_not_allowed.enrollment': 'A {factorType} factor cannot be enrolled here.',
  'error.factor_type_not_allowed.account': 'A {factorType} factor is not allowed for your account here.',
  'error.factor_type_not_allowed.unsupported': '{factorType} factors are not supported here.',
  'error.factor_type_not_allowed.resend': 'Only challenges that send a code can be resent.',
  'error.reauthentication_required': 'Confirm with your second factor first (POST /v1/challenges), then try again.',
  'error.reauthentication_required.reset': 'Sign in with your second factor before resetting anyone’s MFA.',
  'error.current_password_incorrect': 'Enter your current password to change your sign-in methods.',
  'error.last_factor_required': 'MFA is required for your account: add another factor before removing this one.',
  'error.factor_proof_required': 'This account already has a factor: prove one of them with this sign-in before adding another.',
  // SMS (SMS-1, SMS-5)
  'error.invalid_phone_number': 'This is not a valid phone number.',
  'error.invalid_phone_number.international_form': 'Enter the number in international form, starting with + and the country code.',
  'error.invalid_phone_number.not_mobile': 'This number cannot receive text messages: use a mobile number.',
  'error.phone_country_not_allowed': 'Numbers from {country} cannot be used here.',
  'error.phone_country_not_allowed.unknown_country': 'Numbers from this country cannot be used here.',
  'error.resend_too_soon': 'A code was just sent. Wait before asking for another.',
  'error.sms_quota_exceeded': 'Too many text messages. Try again later or use another factor.',
  'error.sms_temporarily_unavailable':
    'Text messages to numbers like this one are paused for now. Use another way: an authenticator app, a passkey or your recovery code.',
  'error.sms_temporarily_unavailable.enrollment':
    'Text messages to numbers like this one are paused for now. Set up another way instead, such as an authenticator app.',
  'error.resend_too_soon.backoff':
    'Several codes were sent to you in a short time. Wait {retryAfterSeconds, plural, one {# second} other {# seconds}} before asking for another.',
  'error.not_found.sms_prefix_block': 'No SMS block was found for this prefix.',
  // Pay (PAY)
  'error.role_required.payor_enrollment': 'This enrollment is for users with a payor role.',
  'error.role_required.payee_admin_enrollment': 'This enrollment is for users with the payee admin role.',
  'error.role_not_permitted': 'Your Pay roles do not allow this operation.',
  'error.step_up_required': 'Confirm this operation with your second factor (POST /v1/pay/step-ups with operation "{operation}").',
  // Directory, company policy and resets (DIR, POL, RESET)
  'error.internal_api_disabled': 'The internal API is disabled: no service token is configured.',
  'error.email_taken': 'A user with this email already exists.',
  'error.invalid_pay_role': '{payKind, select, none {A non-Pay} payor {A payor} other {A payee}} company cannot grant {roles}.',
  'error.invalid_enforcement_date': 'The enforcement date cannot be before today ({today} in {timeZone}).',
  'error.reset_not_available': 'MFA resets are available while the company’s MFA policy is scheduled or enforced.',
  'error.cannot_reset_self': 'You cannot reset your own MFA; ask another admin of your company or support.',
  'error.sso_user': 'This member signs in through the company’s identity provider, which manages their MFA.',
  'error.pay_support_required': 'This member holds a Pay payor role: only platform support can reset their MFA.',
  'error.pay_support_required.pay': 'This user holds a payor role: only platform support can reset their MFA.',
  'error.support_user': 'This user is platform support staff: only support can reset their MFA.',
  // Hosted pages (WEB-7)
  'error.csrf_failed': 'This form has expired or was not sent from this site. Reload the page and send it again.',

  // Field errors of validation_failed (SEC-2): {field} is the field's name in the request, as sent.
  'validation.well_formed_text': '{field} must be well-formed text',
  'validation.json_object': 'The body must be a JSON object.',
  'validation.unknown_property': 'property {field} should not exist',
  'validation.one_of': '{field} must be one of the following values: {values}',
  'validation.uuid': '{field} must be a UUID',
  'validation.email_address': '{field} must be an email address',
  'validation.password_length': '{field} must be 12 to 1024 characters',
  'validation.sso_domain': 'each SSO domain must be a domain name',
  'validation.code_digits': '{field} must be 6 digits',
  'validation.passkey_name': '{field} may hold letters, numbers, punctuation, symbols and spaces',
  'validation.date_format': '{field} must be a date as YYYY-MM-DD',
  'validation.calendar_date': '{field} must be a calendar date (YYYY-MM-DD)',
  'validation.time_zone': '{field} must be an IANA time zone name, such as America/Los_Angeles',
  'validation.whole_number': '{field} must be a whole number',
  'validation.boolean': '{field} must be true or false',
  'validation.purpose': '{field} must be sign_in or proof',
  'validation.purpose_proof': 'purpose "proof" is for the mfaToken of a sign-in',
  'validation.identity_verified': '{field} must be true: verify the member’s identity first',
  'validation.identity_check_note': '{field} is required to reset a payor: say how the identity was checked',
  'validation.phone_number_required': '{field} is required for an SMS factor',
  'validation.operation': '{field} must be one of {values}',
  'validation.operation_unknown': '{field} is not a known Payments operation',
  'validation.locale': '{field} must be a language Sitepass speaks: {values}, or null',

  // SMS (SMS-7, SMS-8). The WebOTP line (@host #code) follows the code's text after a blank line; each text
  // fits one SMS segment with it (I18N-4): GSM-7 characters only for Latin scripts.
  'sms.code': 'Your Sitepass code is {code}. It expires in 10 minutes.\nSitepass staff will never ask you for this code. Do not share it.',
  'sms.test_message': 'Sitepass test message: this phone can receive your sign-in codes. No action is needed.',

  // Emails (NOTE-1, NOTE-2, RESET-4). Plain text; the security notices end with email.not_you.
  'email.not_you': 'If this was not you, contact your company admin or Sitepass support right away.',
  'email.factor_added.subject': 'Sitepass: a sign-in method was added',
  'email.factor_added.body':
    '{factorType, select, totp {An authenticator app} sms {A phone number for text messages} webauthn {A passkey} other {A sign-in method}} was added to your account for two-step sign-in.',
  'email.factor_changed.subject': 'Sitepass: a sign-in method was changed',
  'email.factor_changed.body':
    'Your account now uses {factorType, select, totp {a new authenticator app} sms {a new phone number} webauthn {a new passkey} other {a new sign-in method}}; the previous one no longer works.',
  'email.factor_removed.subject': 'Sitepass: a sign-in method was removed',
  'email.factor_removed.body':
    '{factorType, select, totp {An authenticator app} sms {A phone number for text messages} webauthn {A passkey} other {A sign-in method}} was removed from your account.',
  'email.recovery_code_redeemed.subject': 'Sitepass: your recovery code was used',
  'email.recovery_code_redeemed.body':
    'Your recovery code was just used to sign in, and a new one was issued. We recommend setting up your authenticator app or phone again.',
  'email.recovery_code_regenerated.subject': 'Sitepass: you have a new recovery code',
  'email.recovery_code_regenerated.body': 'A new recovery code was created for your account; the previous one no longer works.',
  'email.account_locked.subject': 'Sitepass: two-step sign-in is locked',
  'email.account_locked.body':
    'After too many wrong codes, two-step sign-in to your account is locked. Your company admin or Sitepass support can reset it.',
  'email.mfa_reset.subject': 'Sitepass: your two-step sign-in was reset',
  'email.mfa_reset.body':
    'Your two-step sign-in was reset by {resetBy, select, support {Sitepass support} payee_admin {a payee admin of {companyName}} other {an administrator of {companyName}}} after verifying your identity. All your sessions were signed out; set up a sign-in method at your next sign-in.',
  // A deadline: {deadline} is its first instant, shown in the company's zone {timeZone}; English keeps the
  // ISO date the admin chose ({enforcementDate}), which translations may show in their own format instead.
  'email.policy_announcement.subject': '{companyName} requires two-step sign-in from {enforcementDate}',
  'email.policy_announcement.body':
    'From {enforcementDate} {deadline, time, ::HHmm} ({timeZone}), signing in to {companyName} requires two-step sign-in with an authenticator app or a text message.',
  'email.policy_reminder.subject': 'Reminder: set up two-step sign-in before {enforcementDate}',
  'email.policy_reminder.body': 'In {daysLeft} day(s), {companyName} starts requiring two-step sign-in. You have not set it up yet.',
  'email.policy.set_up_now':
    "Sign in and set it up now from your account's security settings, so that your first sign-in after the deadline goes smoothly.",

  // The HTML error page of the pages variant (WEB-7): its title is the status's name.
  'page.error.request_id': 'Request id:',
  'page.error.title.400': 'Bad Request',
  'page.error.title.401': 'Unauthorized',
  'page.error.title.403': 'Forbidden',
  'page.error.title.404': 'Not Found',
  'page.error.title.409': 'Conflict',
  'page.error.title.413': 'Payload Too Large',
  'page.error.title.415': 'Unsupported Media Type',
  'page.error.title.422': 'Unprocessable Entity',
  'page.error.title.429': 'Too Many Requests',
  'page.error.title.500': 'Internal Server Error',
  'page.error.title.503': 'Service Unavailable',
  'page.error.title.other': 'Error',
  'error.invalid_id_token': 'The ID token is not valid: sign in at your company’s identity provider again.',
  'error.unknown_provider': 'No company has set up this identity provider (issuer and client id) for Pay.',
  'error.email_not_verified': 'Your identity provider has not verified your email address, so Pay cannot use it.',
  'error.invalid_credentials.federated': 'No user of a company that uses this identity provider has this email here.',
  'error.service_unavailable.provider_keys': 'The identity provider’s signing keys could not be fetched. Try again shortly.',
  'error.not_found.identity_provider': 'The company’s identity provider was not found.',
  'error.not_found.user_with_email': 'A user with this email was not found.',
  'error.role_required.support_reset': 'Only platform support can reset a user’s MFA here.',
  'error.cannot_reset_self.support': 'You cannot reset your own MFA; ask another member of support.',
  'error.invalid_grant': 'This code is not valid: it expired, was already used, or does not match its verifier. Start again.',
  'validation.identity_check_note.user': '{field} is required to reset a user: say how the identity was checked',
  'validation.identity_verified.user': '{field} must be true: verify the user’s identity first',
  'validation.return_to': '{field} is not one of the configured return URLs',
  'validation.code_challenge': '{field} must be an S256 PKCE challenge',
  'validation.provider_url.not_absolute': '{field} must be an absolute URL',
  'validation.provider_url.credentials': '{field} must not carry a user name or password',
  'validation.provider_url.fragment': '{field} must not have a fragment',
  'validation.provider_url.not_https': '{field} must use https (plain http only on a loopback address)',
  'validation.provider_url.query': '{field} must not have a query',
  'validation.compact_jwt': '{field} must be a compact JWT',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** A catalog: every key of the source, no other. */
export type Catalog = Readonly<Record<MessageKey, string>>;
