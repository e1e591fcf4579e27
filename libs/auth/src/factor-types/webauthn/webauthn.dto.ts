import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { fieldRule } from '@sitepass/i18n';
import { Transform, Type } from 'class-transformer';
import { Equals, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** PASSKEY-2: what the user calls the new passkey; "Passkey" when they give no name. */
export class WebAuthnEnrollmentPayload {
  @ApiPropertyOptional({ description: 'Passkeys only: a name the user will recognise', example: 'MacBook Touch ID', maxLength: 64 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 64)
  // Letters, marks, numbers, punctuation, symbols and spaces: no control or format characters in a name shown back.
  @Matches(/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$/u, fieldRule('validation.passkey_name'))
  name?: string;
}

/** A PublicKeyCredential as JSON (WebAuthn Level 3 `toJSON()`, or @simplewebauthn/browser's answer). */
export class PublicKeyCredentialDto {
  @ApiProperty({ description: 'The credential id, base64url' })
  @IsString()
  @MaxLength(1400)
  id!: string;

  @ApiProperty({ description: 'The same id, base64url' })
  @IsString()
  @MaxLength(1400)
  rawId!: string;

  @ApiProperty({ enum: ['public-key'] })
  @Equals('public-key')
  type!: 'public-key';

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Registration: clientDataJSON, attestationObject (and transports); authentication: clientDataJSON, authenticatorData, signature, userHandle. All binary values base64url.',
  })
  @IsObject()
  response!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  clientExtensionResults?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['platform', 'cross-platform'] })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  authenticatorAttachment?: string;
}

/** The proof of a passkey: the browser's answer to the creation (confirm) or request (verify) options. */
export class WebAuthnProofDto {
  @ApiProperty({ type: PublicKeyCredentialDto, description: 'Passkeys: navigator.credentials.create() or .get(), as JSON' })
  @IsObject()
  @ValidateNested()
  @Type(() => PublicKeyCredentialDto)
  credential!: PublicKeyCredentialDto;
}

/** PASSKEY-5: a started passkey registration, under `webauthn`: the options for navigator.credentials.create(). */
export class WebAuthnEnrollmentAnswer {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'PublicKeyCredentialCreationOptionsJSON (challenge and ids base64url), valid for 5 minutes',
  })
  publicKey!: Record<string, unknown>;

  @ApiProperty({ example: 'MacBook Touch ID' })
  name!: string;
}

/** PASSKEY-5: a passkey challenge, under `webauthn`: the options for navigator.credentials.get(). */
export class WebAuthnChallengeAnswer {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'PublicKeyCredentialRequestOptionsJSON (challenge and ids base64url), valid for 5 minutes',
  })
  publicKey!: Record<string, unknown>;
}
