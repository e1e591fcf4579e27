import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

/**
 * A passkey authenticator in software, for tests that run without a browser. It is written from the WebAuthn
 * and CTAP2 specifications alone and only borrows @simplewebauthn/server's JSON types (erased at compile time),
 * so a test that passes proves that the server reads what a real authenticator sends, not that it agrees with itself.
 */
export interface SoftAuthenticatorOptions {
  /** The page's origin the browser would write into clientDataJSON, e.g. `https://sitepass.test`. */
  origin: string;
  /** The relying party the credentials are scoped to when the options name none; by default the origin's host. */
  rpId?: string;
  /** A synced passkey (iCloud Keychain, Google Password Manager): sets the BE and BS flags. Default false. */
  backupEligible?: boolean;
  /** Whether the user unlocks the authenticator (PIN, biometrics): sets the UV flag. Default true. */
  userVerification?: boolean;
}

/** What register() reads of PublicKeyCredentialCreationOptionsJSON, so the server's options can be passed as they are. */
export interface RegistrationRequest {
  challenge: string;
  rp?: { id?: string };
  user: { id: string };
  excludeCredentials?: ReadonlyArray<{ id: string }>;
}

/** What authenticate() reads of PublicKeyCredentialRequestOptionsJSON. */
export interface AuthenticationRequest {
  challenge: string;
  rpId?: string;
  allowCredentials?: ReadonlyArray<{ id: string }>;
}

/** Departures from an honest ceremony, for the tests that the server refuses them. */
export interface AuthenticationOverrides {
  /** The signature counter to sign (and keep) instead of the next one: a stale or frozen counter. */
  counter?: number;
  /** The origin written into clientDataJSON instead of the authenticator's: a phishing page. */
  origin?: string;
  /** Sign with this credential whatever the options allow, e.g. another user's passkey. */
  credentialId?: string;
  /** Set or clear the UV flag for this assertion only. */
  userVerification?: boolean;
}

/** A credential as a test may see it: never its private key. */
export interface SoftCredential {
  id: string;
  counter: number;
  userHandle: string;
}

interface HeldCredential extends SoftCredential {
  rpId: string;
  privateKey: KeyObject;
}

/** Authenticator data flags (WebAuthn §6.1). */
const FLAG = {
  userPresent: 0x01,
  userVerified: 0x04,
  backupEligible: 0x08,
  backedUp: 0x10,
  attestedCredentialData: 0x40,
} as const;

/** COSE identifiers for an EC2 P-256 key used with ES256 (RFC 9053). */
const COSE = { keyType: 1, algorithm: 3, curve: -1, x: -2, y: -3, ec2: 2, es256: -7, p256: 1 } as const;

/** "none" attestation: the authenticator claims no model, so its AAGUID is all zeros. */
const NO_AAGUID = Buffer.alloc(16);

export class SoftAuthenticator {
  private readonly origin: string;
  private readonly rpId: string;
  private readonly backupEligible: boolean;
  private readonly userVerification: boolean;
  /** In the order they were made: the last one is the most recent. */
  private readonly held: HeldCredential[] = [];

  constructor(private readonly options: SoftAuthenticatorOptions) {
    this.origin = options.origin;
    this.rpId = options.rpId ?? new URL(options.origin).hostname;
    this.backupEligible = options.backupEligible ?? false;
    this.userVerification = options.userVerification ?? true;
  }

  /** Copies, so that a test cannot move a counter behind the authenticator's back. */
  get credentials(): ReadonlyArray<SoftCredential> {
    return this.held.map(({ id, counter, userHandle }) => ({ id, counter, userHandle }));
  }

  /**
   * navigator.credentials.create(): makes a discoverable ES256 credential for the options' user and returns it as
   * a browser's PublicKeyCredential.toJSON() would, with "none" attestation. Like a browser, it refuses with an
   * InvalidStateError when it already holds one of the excluded credentials.
   */
  register(request: RegistrationRequest): RegistrationResponseJSON {
    const rpId = request.rp?.id ?? this.rpId;
    const excluded = new Set((request.excludeCredentials ?? []).map((credential) => credential.id));
    if (this.held.some((credential) => credential.rpId === rpId && excluded.has(credential.id))) {
      throw webauthnError('InvalidStateError', `this authenticator already holds an excluded credential for ${rpId}`);
    }

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rawId = randomBytes(16);
    const credential: HeldCredential = { id: rawId.toString('base64url'), counter: 0, userHandle: request.user.id, rpId, privateKey };

    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(rawId.length);
    const authenticatorData = Buffer.concat([
      this.authenticatorDataHead(rpId, credential.counter, this.userVerification, FLAG.attestedCredentialData),
      NO_AAGUID,
      credentialIdLength,
      rawId,
      coseEs256Key(publicKey),
    ]);
    const attestationObject = encodeCbor(
      new Map<CborValue, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authenticatorData],
      ]),
    );
    this.held.push(credential);

    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientDataJson('webauthn.create', request.challenge, this.origin).toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        transports: ['internal'],
        publicKeyAlgorithm: COSE.es256,
        publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
      },
    };
  }

  /**
   * navigator.credentials.get(): picks the most recent credential the options allow (any of the relying party's
   * when they list none, as passkey sign-in does), moves its counter on by one and signs the assertion.
   */
  authenticate(request: AuthenticationRequest, overrides: AuthenticationOverrides = {}): AuthenticationResponseJSON {
    const rpId = request.rpId ?? this.rpId;
    const credential = this.pick(rpId, request.allowCredentials ?? [], overrides.credentialId);
    const counter = overrides.counter ?? credential.counter + 1;
    credential.counter = counter;

    const authenticatorData = this.authenticatorDataHead(rpId, counter, overrides.userVerification ?? this.userVerification, 0);
    const clientData = clientDataJson('webauthn.get', request.challenge, overrides.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientData)]), credential.privateKey);

    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: credential.userHandle,
      },
    };
  }

  /** Another device with the same keys and counters: each then counts on its own, as a cloned authenticator would. */
  clone(): SoftAuthenticator {
    const copy = new SoftAuthenticator(this.options);
    copy.held.push(...this.held.map((credential) => ({ ...credential })));
    return copy;
  }

  private pick(rpId: string, allowed: ReadonlyArray<{ id: string }>, forcedId: string | undefined): HeldCredential {
    if (forcedId !== undefined) {
      const forced = this.held.find((credential) => credential.id === forcedId);
      if (!forced) throw webauthnError('NotAllowedError', `this authenticator holds no credential ${forcedId}`);
      return forced;
    }
    const allowedIds = new Set(allowed.map((credential) => credential.id));
    const candidates = this.held.filter(
      (credential) => credential.rpId === rpId && (allowedIds.size === 0 || allowedIds.has(credential.id)),
    );
    const chosen = candidates.at(-1);
    if (!chosen) throw webauthnError('NotAllowedError', `this authenticator holds no credential the options allow for ${rpId}`);
    return chosen;
  }

  /** The part every authenticatorData starts with: rpIdHash ‖ flags ‖ signCount. */
  private authenticatorDataHead(rpId: string, counter: number, userVerified: boolean, extraFlags: number): Buffer {
    if (!Number.isInteger(counter) || counter < 0 || counter > 0xffffffff) throw new RangeError(`not a 32-bit counter: ${counter}`);
    let flags = FLAG.userPresent | extraFlags;
    if (userVerified) flags |= FLAG.userVerified;
    if (this.backupEligible) flags |= FLAG.backupEligible | FLAG.backedUp;
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    return Buffer.concat([sha256(Buffer.from(rpId, 'utf8')), Buffer.of(flags), signCount]);
  }
}

/** Browsers reject with DOMExceptions; a test can tell them apart by name just the same. */
function webauthnError(name: 'InvalidStateError' | 'NotAllowedError', message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Members in the order browsers write them: WebAuthn's limited verification algorithm (§5.8.1.2) relies on it. */
function clientDataJson(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The public key as COSE_Key, entries in CTAP2 canonical order as an authenticator writes them. */
function coseEs256Key(publicKey: KeyObject): Buffer {
  const { x, y } = publicKey.export({ format: 'jwk' });
  if (!x || !y) throw new Error('a P-256 public key exports x and y');
  return encodeCbor(
    new Map<CborValue, CborValue>([
      [COSE.keyType, COSE.ec2],
      [COSE.algorithm, COSE.es256],
      [COSE.curve, COSE.p256],
      [COSE.x, Buffer.from(x, 'base64url')],
      [COSE.y, Buffer.from(y, 'base64url')],
    ]),
  );
}

/** The CBOR this file needs: integers, byte and text strings, arrays and maps (RFC 8949 §3.1). */
type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

const CBOR_MAJOR = { unsigned: 0, negative: 1, bytes: 2, text: 3, array: 4, map: 5 } as const;

/** Maps are written in insertion order: callers insert their keys in canonical order. */
function encodeCbor(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR here encodes integers only: ${value}`);
    return value >= 0 ? cborHead(CBOR_MAJOR.unsigned, value) : cborHead(CBOR_MAJOR.negative, -1 - value);
  }
  if (typeof value === 'string') {
    const utf8 = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(CBOR_MAJOR.text, utf8.length), utf8]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(CBOR_MAJOR.bytes, value.length), value]);
  if (value instanceof Map) {
    const entries = [...value].flatMap(([key, entry]) => [encodeCbor(key), encodeCbor(entry)]);
    return Buffer.concat([cborHead(CBOR_MAJOR.map, value.size), ...entries]);
  }
  return Buffer.concat([cborHead(CBOR_MAJOR.array, value.length), ...value.map(encodeCbor)]);
}

/** A data item's initial byte and its argument, in the shortest form the argument fits. */
function cborHead(major: number, argument: number): Buffer {
  const type = major << 5;
  if (argument < 24) return Buffer.of(type | argument);
  if (argument <= 0xff) return Buffer.of(type | 24, argument);
  if (argument <= 0xffff) {
    const head = Buffer.alloc(3);
    head[0] = type | 25;
    head.writeUInt16BE(argument, 1);
    return head;
  }
  if (argument <= 0xffffffff) {
    const head = Buffer.alloc(5);
    head[0] = type | 26;
    head.writeUInt32BE(argument, 1);
    return head;
  }
  const head = Buffer.alloc(9);
  head[0] = type | 27;
  head.writeBigUInt64BE(BigInt(argument), 1);
  return head;
}
