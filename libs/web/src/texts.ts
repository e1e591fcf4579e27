/**
 * The words of the pages. Until the pages' keys join the ICU catalogs of libs/i18n, English only, with
 * `{name}` arguments. A page asks `t(key, args)`; a missing key is a compile error.
 */
export const PAGE_TEXTS = {
  'page.skip_to_content': 'Skip to content',
  'page.nav.label': 'Account',
  'page.nav.account': 'Account security',
  'page.nav.sign_out': 'Sign out',
  'page.error_summary.title': 'There is a problem',
  'page.back': 'Back',
  'page.start_again': 'Start again',
  'page.continue': 'Continue',

  'page.signin.title': 'Sign in',
  'page.signin.title.pay': 'Sign in to Pay',
  'page.signin.email': 'Email address',
  'page.signin.password': 'Password',
  'page.signin.submit': 'Sign in',
  'page.signin.sso_required': 'Your company signs you in through its own identity provider. Use your company’s sign-in page.',
  'page.signin.bad_link': 'This sign-in link is not valid: ask the application that sent you here to start again.',
  'page.signin.signed_out': 'You are signed out.',
  'page.signin.done.title': 'You are signed in',
  'page.signin.done.body': 'You can close this page, or go to your account security.',

  'page.verify.title': 'Verify your identity',
  'page.verify.choose': 'Choose how to verify',
  'page.verify.choose.totp': 'Authenticator app',
  'page.verify.choose.sms': 'Text message to {number}',
  'page.verify.send': 'Continue',
  'page.verify.code': 'Verification code',
  'page.verify.code.hint.totp': 'Enter the 6-digit code your authenticator app shows for Sitepass.',
  'page.verify.code.hint.sms': 'We sent a 6-digit code to {number}. It expires in {minutes} minutes.',
  'page.verify.submit': 'Verify',
  'page.verify.resend': 'Send a new code',
  'page.verify.resend.wait': 'You can ask for a new code in',
  'page.verify.other_method': 'Use another method',
  'page.verify.recovery_link': 'Use my recovery code',
  'page.verify.code.required': 'Enter the 6-digit code.',
  'page.verify.attempts_left': '{count} attempts left.',
  'page.verify.skew.title': 'Your phone’s clock seems to be {minutes} minutes {direction}',
  'page.verify.skew.ahead': 'ahead',
  'page.verify.skew.behind': 'behind',
  'page.verify.skew.body': 'Authenticator codes depend on the time. Set your phone to take its time from the network, then try a new code.',
  'page.verify.skew.ios': 'iPhone: Settings › General › Date & Time › turn on Set Automatically.',
  'page.verify.skew.android': 'Android: Settings › System › Date & time › turn on Set time automatically.',

  'page.recovery.title': 'Use your recovery code',
  'page.recovery.code': 'Recovery code',
  'page.recovery.hint': 'The code you saved when you set up two-step verification. It works once.',
  'page.recovery.submit': 'Sign in',

  'page.enroll.title': 'Set up two-step verification',
  'page.enroll.intro': 'Your account needs a second step when you sign in. Choose how you want to confirm it is you.',
  'page.enroll.method': 'Method',
  'page.enroll.totp': 'Authenticator app (recommended)',
  'page.enroll.totp.hint': 'Google Authenticator, Microsoft Authenticator, 1Password and others.',
  'page.enroll.sms': 'Text message',
  'page.enroll.sms.hint': 'A code is texted to your mobile phone.',
  'page.enroll.proof': 'First confirm it is you with a method you already have; then set up one this product accepts.',
  'page.enroll.totp.title': 'Set up your authenticator app',
  'page.enroll.totp.scan': 'Scan this QR code with your authenticator app.',
  'page.enroll.totp.qr_alt': 'QR code to add Sitepass to an authenticator app',
  'page.enroll.totp.cant_scan': 'Can’t scan the code?',
  'page.enroll.totp.manual': 'In your app, choose to enter a setup key, and type this key. Use a time-based code.',
  'page.enroll.totp.copy': 'Copy key',
  'page.enroll.totp.copied': 'Copied',
  'page.enroll.totp.confirm': 'Enter the 6-digit code the app now shows.',
  'page.enroll.totp.shown_once': 'For your security the QR code is shown only once. If you did not add it to your app, start again.',
  'page.enroll.sms.title': 'Set up text messages',
  'page.enroll.sms.country': 'Country',
  'page.enroll.sms.number': 'Mobile number',
  'page.enroll.sms.number.hint': 'Without the country code, as you would dial it at home.',
  'page.enroll.sms.send': 'Text me a code',
  'page.enroll.sms.code.title': 'Enter the code we texted you',
  'page.enroll.confirm': 'Confirm',

  'page.recovery_code.title': 'Save your recovery code',
  'page.recovery_code.body': 'If you lose your phone, this code lets you sign in once. We will not show it again.',
  'page.recovery_code.copy': 'Copy',
  'page.recovery_code.download': 'Download as a text file',
  'page.recovery_code.saved': 'I have saved my recovery code',
  'page.recovery_code.saved.required': 'Confirm that you saved the code before you go on.',
  'page.recovery_code.file': 'Sitepass recovery code for {email}: {code}',
} as const;

export type PageTextKey = keyof typeof PAGE_TEXTS;
export type Texts = (key: PageTextKey, args?: Record<string, string | number>) => string;

/** The pages' words in a language (English for now). */
export function textsFor(_locale: string): Texts {
  return (key, args = {}) => PAGE_TEXTS[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}
