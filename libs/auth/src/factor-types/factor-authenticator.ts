import { Type } from '@nestjs/common';
import { SitepassConfig } from '@sitepass/config';
import { Amr, Challenge, Factor, User } from '@sitepass/database';
import { Phrase } from '@sitepass/i18n';
import { EntityManager } from 'typeorm';
import type { ErrorMessageKey } from '../errors/domain.error';
import type { MfaRequirement } from '../sign-in/product-policy';

/** A proof that matched. `claim` makes it single-use with one atomic, conditional write (TOTP-4, SMS-2). */
export interface CodeMatch {
  kind: 'match';
  claim(manager: EntityManager): Promise<boolean>;
  /** The method this proof showed, where it depends on the factor rather than its type (a passkey: `hwk` or `swk`). */
  amr?: Amr;
}

export interface CodeMismatch {
  kind: 'mismatch';
  code: 'verification_failed' | 'clock_skew_suspected';
  /** A sentence for the person, when the generic one for `code` says too little. */
  message?: Phrase<ErrorMessageKey>;
  details?: Record<string, unknown>;
  /** Spends a refused proof in the transaction that refuses it, so that it is never accepted later (ABUSE-6). */
  spend?(manager: EntityManager): Promise<void>;
}

export type CodeCheck = CodeMatch | CodeMismatch;

/** The type-specific part of a request body: what the factor type's DTO class validated at the edge. */
export type FactorPayload = Record<string, unknown>;

export interface EnrollmentContext {
  user: User;
  /** What the product accepts from this user: the countries a number may be in, say. */
  requirement: MfaRequirement;
  /** The type-specific fields of the request, already validated against `enrollmentPayload`. */
  payload: FactorPayload;
}

/** What starting an enrollment of a type makes: the new factor's columns, and what to show the user once. */
export interface PreparedEnrollment {
  /** The type's columns of the pending factor; the id is given so that a secret can be sealed to it. */
  columns(factorId: string): Partial<Factor>;
  /** Shown once, under the type's name in the answer (`totp: {secret, otpauthUri, …}`, `sms: {challengeId, …}`). */
  present(factor: Factor, challenge: Challenge): Promise<Record<string, unknown>>;
}

/**
 * What is known of a factor type without an instance, as static members of its authenticator class: its
 * name, the DTO classes its requests are validated with at the edge (and documented with in /docs), and
 * the DTO class of its part of the enrollment answer.
 */
export interface FactorTypeDescription {
  readonly type: string;
  /** The DTO class that validates the type's fields in `POST …/enrollments` (class-validator, at the edge). */
  readonly enrollmentPayload: Type<object>;
  /** The DTO class that validates a proof of this type (`POST …/verify`, `…/confirm`). */
  readonly proofPayload: Type<object>;
  /** The DTO class of what a started enrollment shows once under the type's name (`present`), for /docs. */
  readonly enrollmentAnswer: Type<object>;
  /** The DTO class of what a challenge of this type shows under the type's name (`presentChallenge`), for /docs. */
  readonly challengeAnswer?: Type<object>;
  /** Whether this deployment's configuration lets the type be offered at all; every type is, unless it says. */
  enabledBy?(config: SitepassConfig): boolean;
}

/** An authenticator class: injectable, and described by its static members. */
export type FactorAuthenticatorClass = Type<FactorAuthenticator> & FactorTypeDescription;

/**
 * One factor type, whole: how it enrolls, how it is challenged and verified, what it proves. A new type is
 * a folder under factor-types/ with a class implementing this (and FactorTypeDescription as statics) and
 * its payload DTOs, and one line in registry.ts; nothing else names types (docs/architecture.md).
 */
export interface FactorAuthenticator {
  readonly type: string;
  /** The RFC 8176 method this factor proves (SES-2). */
  readonly amr: Amr;
  /** Starting an enrollment or a challenge sends something (a text): the API answers 202, not 201. */
  readonly sendsCode: boolean;
  /** Replacing this factor with a new one of its type issues a new recovery code (REC-2: a new authenticator app). */
  readonly reissuesRecoveryCodeOnReplace: boolean;
  /** A user may hold several of the type (passkeys, PASSKEY-2); otherwise a new one replaces the old (TOTP-5, SMS-9). */
  readonly severalPerUser: boolean;
  /** How long its challenges may be answered, where the type's differs from the default 10 minutes. */
  readonly challengeLifetimeSeconds?: number;

  /** Checks the type's enrollment fields and prepares the new factor (a generated secret, a parsed number). */
  prepareEnrollment(context: EnrollmentContext): Promise<PreparedEnrollment>;
  /** Runs in the transaction that creates a challenge, and at each resend; SMS writes its code and outbox row here. */
  prepareChallenge(challenge: Challenge, factor: Factor, manager: EntityManager): Promise<void>;
  /** Checks a proof; matching is not acceptance: the caller claims the match in the accepting transaction. */
  check(challenge: Challenge, factor: Factor, proof: FactorPayload): Promise<CodeCheck>;
  /** What a client needs to answer a challenge, shown under the type's name (a passkey: the request options). */
  presentChallenge?(challenge: Challenge, factor: Factor): Promise<Record<string, unknown>>;
  /** After a verification of this factor committed: SMS counts it for its prefix's conversion (SMS-10). */
  afterVerification?(factor: Factor): Promise<void>;
}
