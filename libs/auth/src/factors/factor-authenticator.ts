import { EntityManager } from 'typeorm';
import { Amr, Challenge, Factor, FactorType } from '@sitepass/database';

/** A code that matched. `claim` makes it single-use with one atomic, conditional write (TOTP-4, SMS-2). */
export interface CodeMatch {
  kind: 'match';
  claim(manager: EntityManager): Promise<boolean>;
}

export interface CodeMismatch {
  kind: 'mismatch';
  code: 'verification_failed' | 'clock_skew_suspected';
  /** A sentence for the person, when the generic one for `code` says too little. */
  message?: string;
  details?: Record<string, unknown>;
  /** Spends a refused code in the transaction that refuses it, so that it is never accepted later (ABUSE-6). */
  spend?(manager: EntityManager): Promise<void>;
}

export type CodeCheck = CodeMatch | CodeMismatch;

export const FACTOR_AUTHENTICATORS = Symbol('FactorAuthenticators');

/** The per-type part of factor → challenge → verify, chosen by factor type. */
export interface FactorAuthenticator {
  readonly type: FactorType;
  /** The RFC 8176 method this factor proves. */
  readonly amr: Amr;
  /** Runs in the transaction that creates a challenge; SMS writes its code and outbox row here. */
  prepareChallenge(challenge: Challenge, factor: Factor, manager: EntityManager): Promise<void>;
  check(challenge: Challenge, factor: Factor, code: string): Promise<CodeCheck>;
}
