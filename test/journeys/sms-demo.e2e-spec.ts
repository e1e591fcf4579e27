import { JsonLogger } from '@sitepass/common';
import { DEMO_PASSWORD, seedDemoDirectory } from '../../apps/worker/src/commands/demo-directory';
import { signIn } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';

describe('journey: the demo with texted codes printed by the worker', () => {
  const env = useTestEnvironment();

  it('SMS-6 SMS-3 LOGIN-3 a user adds a phone, reads the code in the worker log, confirms it, and later signs in by SMS', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const app = await env.standard();
    // Nest keeps one process-wide logger, the last app's: start the worker last so its lines are captured.
    await env.start(
      'worker',
      { SMS_PROVIDER: 'log', OUTBOX_POLL_MS: '50' },
      { logger: new JsonLogger('info', (line) => lines.push(JSON.parse(line))) },
    );
    await seedDemoDirectory({ get: app.get } as never);
    const codeInLog = (to: string, skip = 0) =>
      eventually(() => {
        const texts = lines.filter((line) => line.context === 'SmsLog' && line.to === to);
        const match = String(texts[skip]?.msg ?? '').match(/code is (\d{6})/);
        if (!match) throw new Error('no SMS in the log yet');
        return match[1]!;
      });

    const first = await signIn(app, 'erin@acme.example', DEMO_PASSWORD);
    const started = await app.http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+1 415 555 0142' },
      { token: first.body.mfaToken },
    );
    expect(started.status).toBe(202);
    const confirmed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: await codeInLog('+14155550142') },
      { token: first.body.mfaToken },
    );
    expect(confirmed.body.status).toBe('authenticated');

    env.clock.advance(3600);
    const later = await signIn(app, 'erin@acme.example', DEMO_PASSWORD);
    expect(later.body.factors).toEqual([{ id: started.body.enrollmentId, type: 'sms', maskedPhoneNumber: '+1******0142' }]);
    const challenge = await app.http.post('/v1/challenges', { factorId: started.body.enrollmentId }, { token: later.body.mfaToken });
    expect(challenge.status).toBe(202);
    const verified = await app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { code: await codeInLog('+14155550142', 1) },
      { token: later.body.mfaToken },
    );
    expect(verified.body.status).toBe('authenticated');
  });
});
