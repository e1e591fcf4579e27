import { ApiProperty } from '@nestjs/swagger';

/** One verification key (RFC 7517): a P-256 public key for ES256 signatures. */
export class JwkDto {
  @ApiProperty({ enum: ['EC'] })
  kty!: string;

  @ApiProperty({ enum: ['P-256'] })
  crv!: string;

  @ApiProperty({ description: 'base64url' })
  x!: string;

  @ApiProperty({ description: 'base64url' })
  y!: string;

  @ApiProperty({ description: 'The key id access tokens name in their header: the key’s RFC 7638 thumbprint' })
  kid!: string;

  @ApiProperty({ enum: ['ES256'] })
  alg!: string;

  @ApiProperty({ enum: ['sig'] })
  use!: string;
}

/** SES-3: every key that verifies access tokens, the current one and those still valid after a rotation. */
export class JwksDto {
  @ApiProperty({ type: [JwkDto] })
  keys!: JwkDto[];
}
