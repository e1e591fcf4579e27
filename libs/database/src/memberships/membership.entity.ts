import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Company } from '../companies/company.entity';
import { PayRole } from './pay-roles';

export type MembershipRole = 'admin' | 'member';
export type MembershipStatus = 'active' | 'inactive';

/** DIR-3. A company admin is a member with role "admin" in that company. */
@Entity('memberships')
export class Membership {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('uuid')
  companyId!: string;

  @ManyToOne(() => Company, { eager: false })
  @JoinColumn({ name: 'company_id' })
  company?: Company;

  @Column('text')
  role!: MembershipRole;

  @Column('text')
  status!: MembershipStatus;

  @Column('text', { array: true })
  payRoles!: PayRole[];

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
