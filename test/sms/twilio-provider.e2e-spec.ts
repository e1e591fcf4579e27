import { SmsProviderError, TwilioProvider } from '@sitepass/delivery';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeTwilio } from '../support/fake-twilio';

describe('Twilio-compatible provider', () => {
  /** A timeout long enough for a loaded machine: only the silent server's test waits it out, with its own. */
  const settings = (baseUrl: string, timeoutMs = 10_000) => ({
    baseUrl,
    accountSid: 'AC123',
    authToken: 'token-xyz',
    from: '+15005550006',
    messagingServiceSid: null,
    timeoutMs,
  });

  it('SMS-6 posts To, From and Body as a form with Basic auth and returns the message sid', async () => {
    const twilio = await new FakeTwilio().start();
    const receipt = await new TwilioProvider(settings(`${twilio.url}/`)).send({ to: '+14155550123', body: 'hello' });
    expect(receipt).toEqual({ messageId: expect.stringMatching(/^SM/), status: 'queued' });
    expect(twilio.requests).toEqual([
      {
        method: 'POST',
        path: '/2010-04-01/Accounts/AC123/Messages.json',
        authorization: `Basic ${Buffer.from('AC123:token-xyz').toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        form: { To: '+14155550123', Body: 'hello', From: '+15005550006' },
        accepted: true,
      },
    ]);
    await twilio.close();
  });

  it('SMS-6 sends MessagingServiceSid instead of From when one is configured', async () => {
    const twilio = await new FakeTwilio().start();
    await new TwilioProvider({ ...settings(twilio.url), from: null, messagingServiceSid: 'MG42' }).send({ to: '+14155550123', body: 'x' });
    expect(twilio.requests[0]!.form).toEqual({ To: '+14155550123', Body: 'x', MessagingServiceSid: 'MG42' });
    await twilio.close();
  });

  it('SMS-6 treats a 4xx as permanent, and a 5xx, a 429 or a timeout as worth retrying', async () => {
    const twilio = await new FakeTwilio().start();
    const provider = new TwilioProvider(settings(twilio.url));
    for (const [status, permanent] of [
      [400, true],
      [404, true],
      [429, false],
      [500, false],
      [503, false],
    ] as const) {
      twilio.fail(1, status);
      const error = await provider.send({ to: '+1', body: 'x' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SmsProviderError);
      expect([status, (error as SmsProviderError).permanent]).toEqual([status, permanent]);
    }
    await twilio.close();

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const timeout = await new TwilioProvider(settings(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, 300))
      .send({ to: '+1', body: 'x' })
      .catch((caught: unknown) => caught);
    expect((timeout as SmsProviderError).permanent).toBe(false);
    silent.closeAllConnections();
    silent.close();
  });
});
