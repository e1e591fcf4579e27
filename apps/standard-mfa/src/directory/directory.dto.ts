import { ApiProperty } from '@nestjs/swagger';
import { fieldRule } from '@sitepass/i18n';
import { ArrayMaxSize, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MembershipRole, MembershipStatus, PAY_ROLES, PayKind, PayRole, UserStatus } from '@sitepass/database';
import { LocaleField } from '@sitepass/http';
import { Locale } from '@sitepass/i18n';

const PASSWORD_RULE = fieldRule('validation.password_length');

export class CreateUserDto {
  @IsEmail({}, fieldRule('validation.email_address'))
  @MaxLength(254)
  email!: string;

  /** Absent for users who only sign in through their company's identity provider. */
  @IsOptional()
  @IsString()
  @Length(12, 1024, PASSWORD_RULE)
  password?: string;

  @IsOptional()
  @IsIn(['active', 'inactive'])
  status?: UserStatus;

  @IsOptional()
  @IsBoolean()
  alwaysRequireMfa?: boolean;

  @IsOptional()
  @IsBoolean()
  support?: boolean;

  @LocaleField()
  locale?: Locale | null;
}

/**
 * A change leaves out what stays as it is. @IsOptional would also wave `null` through, and the update then
 * writes it: null is a wrong type here, refused like any other (SEC-2).
 */
const Omittable = () => ValidateIf((_change: object, value: unknown) => value !== undefined);

export class UpdateUserDto {
  @Omittable()
  @IsString()
  @Length(12, 1024, PASSWORD_RULE)
  password?: string;

  @Omittable()
  @IsIn(['active', 'inactive'])
  status?: UserStatus;

  @Omittable()
  @IsBoolean()
  alwaysRequireMfa?: boolean;

  @Omittable()
  @IsBoolean()
  support?: boolean;

  @LocaleField()
  locale?: Locale | null;
}

export class CreateCompanyDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, { each: true, ...fieldRule('validation.sso_domain') })
  ssoDomains?: string[];

  @IsOptional()
  @IsIn(['none', 'payor', 'payee'])
  payKind?: PayKind;
}

export class SetMembershipDto {
  @IsIn(['admin', 'member'])
  role!: MembershipRole;

  @IsOptional()
  @IsIn(['active', 'inactive'])
  status?: MembershipStatus;

  @IsOptional()
  @ArrayMaxSize(PAY_ROLES.length)
  @IsIn(PAY_ROLES, { each: true })
  payRoles?: PayRole[];
}

export class CreatedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
}

/** DIR-6: a company's OpenID Connect provider for Pay (PAY-11). */
export class IdentityProviderDto {
  @ApiProperty({ example: 'https://login.acme.example', description: 'Exactly the `iss` of its ID tokens; https (http only on loopback)' })
  @IsString()
  @MaxLength(2048)
  issuer!: string;

  @ApiProperty({ example: 'sitepass-pay', description: 'The client id Sitepass is registered under: the `aud` of its ID tokens' })
  @IsString()
  @Length(1, 255)
  clientId!: string;

  @ApiProperty({ example: 'https://login.acme.example/.well-known/jwks.json', description: 'https (http only on loopback)' })
  @IsString()
  @MaxLength(2048)
  jwksUri!: string;
}

export class IdentityProviderViewDto extends IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
