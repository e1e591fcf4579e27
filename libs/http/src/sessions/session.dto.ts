import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class PasswordSignInDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(1, 1024)
  password!: string;

  /** The device token from an earlier MFA sign-in on this device (SES-6). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  deviceToken?: string;
}

export class RefreshDto {
  @IsString()
  @Length(1, 256)
  refreshToken!: string;
}

export class TokensDto {
  @ApiProperty({ enum: ['authenticated'] })
  status!: 'authenticated';

  @ApiProperty({ description: 'ES256 JWT; verify with /.well-known/jwks.json' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; rotated on every use (SES-4)' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiPropertyOptional({ description: 'Present after an MFA sign-in on the standard product (SES-6)' })
  deviceToken?: string;
}

/** The session an access token belongs to, as the token says. */
export class CurrentSessionDto {
  sessionId!: string;
  userId!: string;
  @ApiProperty({ enum: ['standard', 'pay'] })
  audience!: string;
  @ApiProperty({ enum: ['aal1', 'aal2'] })
  acr!: string;
  @ApiProperty({ type: [String], description: 'RFC 8176: pwd, otp, sms, rc' })
  amr!: string[];
  authTime!: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  mfaTime!: string | null;
}
