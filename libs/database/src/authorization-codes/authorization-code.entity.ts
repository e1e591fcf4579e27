import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Acr, Amr, Audience } from '../sessions/assurance';

/** What a code grants: a session of the product, or a step-up for one operation (WEB-6). */
export type AuthorizationCodeKind = 'session' | 'step_up';

/** WEB-2: the single-use code a hosted page flow hands to the product's back end, stored as a keyed hash. */
@Entity('authorization_codes')
export class AuthorizationCode {
  @PrimaryColumn('text')
  codeHash!: string;

  @Column('text')
  kind!: AuthorizationCodeKind;

  @Column('uuid')
  userId!: string;

  @Column('text')
  audience!: Audience;

  /** The assurance the page flow reached, which the exchanged session carries (SES-2). */
  @Column('text')
  acr!: Acr;

  @Column('text', { array: true })
  amr!: Amr[];

  @Column({ type: 'timestamptz', nullable: true })
  mfaTime!: Date | null;

  /** The step-up's operation (PAY-6); null for a session. */
  @Column({ type: 'text', nullable: true })
  operation!: string | null;

  /** PKCE S256 (RFC 7636): base64url(SHA-256(code verifier)). */
  @Column('text')
  codeChallenge!: string;

  @Column('text')
  returnTo!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The session its exchange opened, revoked if the code is presented again. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;
}
