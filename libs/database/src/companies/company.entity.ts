import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CompanyPolicy } from '../company-policies/company-policy.entity';

export type PayKind = 'none' | 'payor' | 'payee';

/** DIR-2. Members whose email domain is in ssoDomains sign in through the company's identity provider. */
@Entity('companies')
export class Company {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { array: true })
  ssoDomains!: string[];

  @Column('text')
  payKind!: PayKind;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  /** The company's MFA policy, joined in only where a query asks for it (a subject's facts); null when none was set. */
  policy?: CompanyPolicy | null;
}
