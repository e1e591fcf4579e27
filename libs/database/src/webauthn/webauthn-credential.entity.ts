import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A passkey's device kind, as WebAuthn's backup-eligible flag tells it: bound to one device, or synced. */
export type CredentialDeviceType = 'singleDevice' | 'multiDevice';

/** The public half of a passkey (PASSKEY-1): what checks its signatures. Nothing here is secret. */
@Entity('webauthn_credentials')
export class WebAuthnCredential {
  /** The passkey's factor row: its status, name and owner's rules live there. */
  @PrimaryColumn('uuid')
  factorId!: string;

  @Column('uuid')
  userId!: string;

  /** base64url, as the browser names the credential. */
  @Column('text')
  credentialId!: string;

  /** COSE_Key. */
  @Column('bytea')
  publicKey!: Buffer;

  /** The authenticator's signature counter as last seen; a later one must be higher unless both are 0. */
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  signCount!: number;

  @Column({ type: 'text', array: true })
  transports!: string[];

  @Column('text')
  deviceType!: CredentialDeviceType;

  @Column('boolean')
  backedUp!: boolean;

  /** Which model of authenticator made it (all zeros when it does not say). */
  @Column('text')
  aaguid!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
