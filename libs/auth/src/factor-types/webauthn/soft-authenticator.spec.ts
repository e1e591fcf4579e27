import { createPublicKey } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { SoftAuthenticator, type SoftAuthenticatorOptions } from '../../../../../test/support/soft-authenticator';

const ORIGIN = 'https://sitepass.test';
const RP_ID = 'sitepass.test';

/** The server's side of a registration: options, the authenticator's answer, and the credential it would store. */
async function registerWith(authenticator: SoftAuthenticator, expectedOrigin = ORIGIN) {
  const options = await generateRegistrationOptions({ rpName: 'Sitepass', rpID: RP_ID, userName: 'ana@example.com' });
  const response = authenticator.register(options);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin,
    expectedRPID: RP_ID,
  });
  return { options, response, verification };
}

async function registeredCredential(authenticator: SoftAuthenticator): Promise<WebAuthnCredential> {
  const { verification } = await registerWith(authenticator);
  if (!verification.verified) throw new Error('registration did not verify');
  return verification.registrationInfo.credential;
}

/** The server's side of a sign-in with a stored credential; a verified one moves the stored counter on, as a server would. */
async function signInWith(authenticator: SoftAuthenticator, credential: WebAuthnCredential) {
  const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: credential.id }] });
  const response = authenticator.authenticate(options);
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
  });
  if (verification.verified) credential.counter = verification.authenticationInfo.newCounter;
  return { response, verification };
}

/** The signature counter an assertion carries: authenticatorData bytes 33 to 36. */
function signedCounter(response: AuthenticationResponseJSON): number {
  return Buffer.from(response.response.authenticatorData, 'base64url').readUInt32BE(33);
}

function authenticator(options: Partial<SoftAuthenticatorOptions> = {}): SoftAuthenticator {
  return new SoftAuthenticator({ origin: ORIGIN, ...options });
}

describe('SoftAuthenticator against @simplewebauthn/server', () => {
  it('registers an ES256 passkey the server verifies with its own challenge, origin and RP ID', async () => {
    const device = authenticator();
    const { options, response, verification } = await registerWith(device);

    expect(verification.verified).toBe(true);
    expect(verification.registrationInfo).toMatchObject({
      fmt: 'none',
      credential: { id: response.id, counter: 0 },
      userVerified: true,
      credentialDeviceType: 'singleDevice',
      credentialBackedUp: false,
      origin: ORIGIN,
      rpID: RP_ID,
    });
    expect(response).toMatchObject({ type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {} });
    expect(response.response).toMatchObject({ transports: ['internal'], publicKeyAlgorithm: -7 });
    const publicKey = createPublicKey({ key: Buffer.from(response.response.publicKey!, 'base64url'), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'))).toEqual({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: false,
    });
    expect(device.credentials).toEqual([{ id: response.id, counter: 0, userHandle: options.user.id }]);
  });

  it('takes its RP ID from the origin’s host when given none, port left out', async () => {
    const device = new SoftAuthenticator({ origin: 'https://sitepass.test:8443' });
    await expect(registerWith(device, 'https://sitepass.test:8443')).resolves.toMatchObject({ verification: { verified: true } });
  });

  it('is refused at registration when it answers from another origin', async () => {
    const phished = authenticator({ origin: 'https://sitepass.example' });
    await expect(registerWith(phished)).rejects.toThrow(/origin/);
  });

  it('refuses to register a second passkey where the options exclude the one it holds', async () => {
    const device = authenticator();
    const { id } = (await registerWith(device)).response;
    const options = await generateRegistrationOptions({
      rpName: 'Sitepass',
      rpID: RP_ID,
      userName: 'ana@example.com',
      excludeCredentials: [{ id }],
    });
    expect(() => device.register(options)).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  });

  it('signs in with user verification, its counter at 1 and then 2, naming the user it was made for', async () => {
    const device = authenticator();
    const credential = await registeredCredential(device);

    const first = await signInWith(device, credential);
    expect(first.verification).toMatchObject({ verified: true, authenticationInfo: { userVerified: true, newCounter: 1 } });
    expect(first.response.response.userHandle).toBe(device.credentials[0]!.userHandle);

    const second = await signInWith(device, credential);
    expect(second.verification).toMatchObject({ verified: true, authenticationInfo: { newCounter: 2 } });
    expect(device.credentials[0]!.counter).toBe(2);
  });

  it('answers a passkey sign-in (no allowCredentials) with the most recent passkey it holds for the RP', async () => {
    const device = authenticator();
    await registeredCredential(device);
    const latest = await registeredCredential(device);
    const options = await generateAuthenticationOptions({ rpID: RP_ID });

    const response = device.authenticate(options);
    expect(response.id).toBe(latest.id);
    await expect(
      verifyAuthenticationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: latest,
      }),
    ).resolves.toMatchObject({ verified: true });
  });

  it('leaves a clone behind: its stale counter is what a later sign-in carries, and the server refuses it', async () => {
    const device = authenticator();
    const credential = await registeredCredential(device);
    await signInWith(device, credential);
    const cloned = device.clone();
    await signInWith(device, credential);
    expect(credential.counter).toBe(2);

    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: credential.id }] });
    const response = cloned.authenticate(options);
    expect(signedCounter(response)).toBe(2);
    expect(cloned.credentials).toEqual([expect.objectContaining({ id: credential.id, counter: 2 })]);
    await expect(
      verifyAuthenticationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      }),
    ).rejects.toThrow(/counter/i);
  });

  it('as a synced passkey (backupEligible) is multi-device and backed up, at registration and sign-in', async () => {
    const device = authenticator({ backupEligible: true });
    const { verification } = await registerWith(device);
    expect(verification.registrationInfo).toMatchObject({ credentialDeviceType: 'multiDevice', credentialBackedUp: true });

    const { verification: signIn } = await signInWith(device, verification.registrationInfo!.credential);
    expect(signIn.authenticationInfo).toMatchObject({ credentialDeviceType: 'multiDevice', credentialBackedUp: true });
  });

  it('without user verification is refused where the server requires it', async () => {
    await expect(registerWith(authenticator({ userVerification: false }))).rejects.toThrow(/verif/i);

    const device = authenticator();
    const credential = await registeredCredential(device);
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: credential.id }] });
    const response = device.authenticate(options, { userVerification: false });
    const expected = { response, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential };
    await expect(verifyAuthenticationResponse(expected)).rejects.toThrow(/verif/i);
    await expect(verifyAuthenticationResponse({ ...expected, requireUserVerification: false })).resolves.toMatchObject({
      verified: true,
      authenticationInfo: { userVerified: false },
    });
  });

  it('signs the overridden counter and origin, which the server then judges', async () => {
    const device = authenticator();
    const credential = await registeredCredential(device);
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: credential.id }] });

    const jumped = device.authenticate(options, { counter: 7 });
    await expect(
      verifyAuthenticationResponse({
        response: jumped,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      }),
    ).resolves.toMatchObject({ authenticationInfo: { newCounter: 7 } });
    expect(device.credentials[0]!.counter).toBe(7);

    const phished = device.authenticate(options, { origin: 'https://sitepass.example' });
    await expect(
      verifyAuthenticationResponse({
        response: phished,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      }),
    ).rejects.toThrow(/origin/);
  });

  it('holds no credential for options that allow none of its own', async () => {
    const device = authenticator();
    await registeredCredential(device);
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: 'c29tZW9uZS1lbHNl' }] });
    expect(() => device.authenticate(options)).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
  });
});
