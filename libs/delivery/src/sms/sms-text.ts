/**
 * SMS-7: the code, its lifetime, that staff never ask for it, and a last line in the WebOTP format
 * (`@<host> #<code>`) so browsers on the phone can fill the code in.
 */
export function codeMessage(code: string, host: string): string {
  return [
    `Your Sitepass code is ${code}. It expires in 10 minutes.`,
    'Sitepass staff will never ask you for this code. Do not share it.',
    '',
    `@${host} #${code}`,
  ].join('\n');
}

/** SMS-8: proves the phone receives texts; carries no code. */
export function testMessage(): string {
  return 'Sitepass test message: this phone can receive your sign-in codes. No action is needed.';
}
