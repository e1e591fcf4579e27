import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Company } from './company.entity';

/** The companies table (DIR-2). */
@Injectable()
export class CompanyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { id });
  }

  findByName(name: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { name });
  }

  insert(company: Company): Promise<Company> {
    return this.db.manager.save(company);
  }

  /** Locks the company row, so that saves of one company's policy happen one after the other; null if none. */
  lockForChange(manager: EntityManager, companyId: string): Promise<Company | null> {
    return manager.findOne(Company, { where: { id: companyId }, lock: { mode: 'pessimistic_write' } });
  }
}
