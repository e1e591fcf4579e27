import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  describeFactorType,
  DomainError,
  EmailCodeDto,
  EnrollmentRequest,
  FACTOR_ENROLLMENT_PAYLOADS,
  FACTOR_PROOF_PAYLOADS,
  FACTOR_TYPE_NAMES,
  FactorPayload,
} from '@sitepass/auth';
import { phrase } from '@sitepass/i18n';
import { getMetadataStorage, IsOptional, IsString, Length } from 'class-validator';
import { StrictValidationPipe } from '../errors/validation.pipe';

/** The fields every enrollment start has, whatever the type. */
class EnrollmentBase {
  @ApiProperty({ enum: FACTOR_TYPE_NAMES, description: 'The type of factor to enroll; its own fields sit beside this one' })
  @IsString()
  factorType!: string;

  @ApiPropertyOptional({ description: 'Required in self-service (with an access token), not inside a sign-in' })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  currentPassword?: string;
}

/** For /docs: the base fields and every type's own fields (each type accepts only its own). */
export class StartEnrollmentDto extends IntersectionType(EnrollmentBase, ...FACTOR_ENROLLMENT_PAYLOADS) {}

const strict = new StrictValidationPipe();

function validateAs<T>(payload: Type<T>, value: unknown): Promise<T> {
  return strict.transform(value, { type: 'body', metatype: payload }) as Promise<T>;
}

/** A type whose payload has no fields (an authenticator app) takes none; class-validator cannot say so itself. */
async function validatePayload(payload: Type<object>, value: Record<string, unknown>): Promise<FactorPayload> {
  if (getMetadataStorage().getTargetValidationMetadatas(payload, '', false, false).length > 0)
    return { ...(await validateAs(payload, value)) };
  const unknown = Object.keys(value);
  if (unknown.length > 0) throw DomainError.validation(unknown.map((field) => ({ field, problem: phrase('validation.unknown_property') })));
  return {};
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw DomainError.validation([{ field: 'body', problem: phrase('validation.json_object') }]);
  }
  return value as Record<string, unknown>;
}

/**
 * An enrollment start body (SEC-2): `factorType` must name a registered type, `currentPassword` is
 * optional, and the rest is validated by the type's own payload DTO, with the same field errors as any DTO.
 */
@Injectable()
export class EnrollmentRequestPipe implements PipeTransform<unknown, Promise<EnrollmentRequest>> {
  async transform(value: unknown): Promise<EnrollmentRequest> {
    const { factorType, currentPassword, ...payload } = asObject(value);
    const base = await validateAs(EnrollmentBase, { factorType, currentPassword });
    const description = describeFactorType(base.factorType);
    if (!description) {
      throw DomainError.validation([
        { field: 'factorType', problem: phrase('validation.one_of', { values: FACTOR_TYPE_NAMES.join(', ') }) },
      ]);
    }
    return {
      factorType: base.factorType,
      currentPassword: base.currentPassword,
      payload: await validatePayload(description.enrollmentPayload, payload),
    };
  }
}

/** The fields a DTO class declares. */
function fieldsOf(payload: Type<object>): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(payload, '', false, false)
    .map((rule) => rule.propertyName);
}

/**
 * A proof body (`…/verify`, `…/confirm`, SEC-2): valid when it is a valid proof of one of the registered
 * types; the authenticator of the challenge's type reads it. Otherwise the field errors of the proof DTO
 * whose fields the body uses (a `credential` is a passkey's), else the first's ("code must be 6 digits").
 */
@Injectable()
export class FactorProofPipe implements PipeTransform<unknown, Promise<FactorPayload>> {
  async transform(value: unknown): Promise<FactorPayload> {
    const body = asObject(value);
    const refusals = new Map<Type<object>, unknown>();
    for (const payload of FACTOR_PROOF_PAYLOADS) {
      try {
        return await validatePayload(payload, body);
      } catch (error) {
        refusals.set(payload, error);
      }
    }
    const meant = FACTOR_PROOF_PAYLOADS.find((payload) => fieldsOf(payload).some((field) => field in body)) ?? FACTOR_PROOF_PAYLOADS[0]!;
    throw refusals.get(meant);
  }
}

/** For /docs: a proof is a code (an app, a text message) or a passkey's credential; each type reads its own field. */
export class FactorProofDto extends IntersectionType(...FACTOR_PROOF_PAYLOADS.map((payload) => PartialType(payload))) {}

/** A confirmation body: the factor's proof, and the code emailed to the account when the enrollment needs it (ABUSE-16). */
export interface EnrollmentConfirmation {
  proof: FactorPayload;
  emailCode?: string;
}

/** `…/confirm` (SEC-2): `emailCode`, if given, is 6 digits (spaces ignored); the rest is a proof as FactorProofPipe reads it. */
@Injectable()
export class EnrollmentConfirmationPipe implements PipeTransform<unknown, Promise<EnrollmentConfirmation>> {
  private readonly proofs = new FactorProofPipe();

  async transform(value: unknown): Promise<EnrollmentConfirmation> {
    const { emailCode, ...proof } = asObject(value);
    const checked = await validateAs(EmailCodeDto, { emailCode });
    return { proof: await this.proofs.transform(proof), ...(checked.emailCode ? { emailCode: checked.emailCode } : {}) };
  }
}

/** For /docs: a confirmation is a proof, with the emailed code where the enrollment asked for it (ABUSE-16). */
export class EnrollmentConfirmationDto extends IntersectionType(FactorProofDto, EmailCodeDto) {}
