import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Company } from './company.entity';
import { normalizeEmail } from './email';
import { Membership } from './membership.entity';
import { User } from './user.entity';

/** Queries over users, companies and memberships, named for what the domain asks of them. */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findUserById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: normalizeEmail(email) });
  }

  findCompanyById(id: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { id });
  }

  findCompanyByName(name: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { name });
  }

  findMembership(userId: string, companyId: string): Promise<Membership | null> {
    return this.db.manager.findOne(Membership, { where: { userId, companyId }, relations: { company: true } });
  }

  /** An active member of the company, by login email, or null: resets name members this way (RESET-1, PAY-10). */
  async findActiveMemberByEmail(companyId: string, email: string): Promise<User | null> {
    const user = await this.findUserByEmail(email);
    const membership = user && (await this.findMembership(user.id, companyId));
    return user && membership?.status === 'active' ? user : null;
  }

  /** Active memberships with their companies: inactive memberships never count (LOGIN-2). */
  activeMembershipsOf(userId: string, manager: EntityManager = this.db.manager): Promise<Membership[]> {
    return manager.find(Membership, { where: { userId, status: 'active' }, relations: { company: true } });
  }

  /** Companies that have the email's domain among their SSO domains (DIR-5). */
  async companiesWithSsoDomain(domain: string): Promise<Company[]> {
    return this.db.manager
      .createQueryBuilder(Company, 'company')
      .where(':domain = ANY(company.sso_domains)', { domain })
      .getMany();
  }
}
