import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MembershipRole, MembershipStatus, PAY_ROLES, PayKind, PayRole, UserStatus } from '@sitepass/database';

const PASSWORD_RULE = 'password must be 12 to 1024 characters';

export class CreateUserDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  /** Absent for users who only sign in through their company's identity provider. */
  @IsOptional()
  @IsString()
  @Length(12, 1024, { message: PASSWORD_RULE })
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
}

/**
 * A change leaves out what stays as it is. @IsOptional would also wave `null` through, and the update then
 * writes it: null is a wrong type here, refused like any other (SEC-2).
 */
const Omittable = () => ValidateIf((_change: object, value: unknown) => value !== undefined);

export class UpdateUserDto {
  @Omittable()
  @IsString()
  @Length(12, 1024, { message: PASSWORD_RULE })
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
}

export class CreateCompanyDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, { each: true, message: 'each SSO domain must be a domain name' })
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
