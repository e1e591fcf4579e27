import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Company } from '../companies/company.entity';

/**
 * DIR-6: a company's OpenID Connect provider for Pay (PAY-11). Its ID tokens carry `issuer` as `iss` and
 * `clientId` in `aud`; their signing keys are published at `jwksUri`.
 */
@Entity('company_identity_providers')
export class IdentityProvider {
  @PrimaryColumn('uuid')
  companyId!: string;

  @Column('text')
  issuer!: string;

  @Column('text')
  clientId!: string;

  @Column('text')
  jwksUri!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  /** The company, joined in where a query asks for it (its SSO domains decide whose emails it vouches for). */
  company?: Company;
}
