import { TwilioSettings } from '@sitepass/config';
import { SmsMessage, SmsProvider, SmsProviderError, SmsReceipt } from './sms-provider';

/**
 * Twilio's Programmable Messaging REST API (SMS-6): `POST {base}/2010-04-01/Accounts/{Sid}/Messages.json`
 * with form fields To, From or MessagingServiceSid, Body and HTTP Basic auth. A 5xx, a 429 or a timeout
 * is worth retrying; any other 4xx (a bad number, a blocked destination) fails the delivery at once.
 */
export class TwilioProvider extends SmsProvider {
  readonly name = 'twilio';

  /** `stopping`: aborts a request in flight when the worker stops waiting for it (REL-6). */
  constructor(
    private readonly settings: TwilioSettings,
    private readonly stopping?: AbortSignal,
  ) {
    super();
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const { baseUrl, accountSid, authToken, from, messagingServiceSid, timeoutMs } = this.settings;
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
    else form.set('From', from!);
    const url = `${baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid!)}/Messages.json`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: form.toString(),
        signal: this.stopping ? AbortSignal.any([AbortSignal.timeout(timeoutMs), this.stopping]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SmsProviderError(`Twilio unreachable: ${(error as Error).name}`, false);
    }
    const payload = (await response.json().catch(() => ({}))) as { sid?: string; status?: string; code?: number; message?: string };
    if (response.ok && payload.sid) return { messageId: payload.sid, status: payload.status ?? 'queued' };
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
    throw new SmsProviderError(
      `Twilio answered ${response.status}${payload.code ? ` (error ${payload.code})` : ''}`,
      permanent,
      response.status,
    );
  }
}
