import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Company } from '../companies/company.entity';
import { entityFromJson } from '../json-rows';
import { IdentityProvider } from './identity-provider.entity';

/** The company_identity_providers table (DIR-6). */
@Injectable()
export class IdentityProviderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByCompany(companyId: string): Promise<IdentityProvider | null> {
    return this.db.manager.findOneBy(IdentityProvider, { companyId });
  }

  /** Creates or replaces the company's provider; `createdAt` stays that of the first. */
  async upsert(provider: IdentityProvider): Promise<IdentityProvider> {
    const [row]: Array<{ created_at: Date }> = await this.db.query(
      `INSERT INTO company_identity_providers (company_id, issuer, client_id, jwks_uri, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (company_id) DO UPDATE SET issuer = $2, client_id = $3, jwks_uri = $4, updated_at = $5
       RETURNING created_at`,
      [provider.companyId, provider.issuer, provider.clientId, provider.jwksUri, provider.updatedAt],
    );
    return Object.assign(provider, { createdAt: row!.created_at });
  }

  /** True if there was one to remove. */
  async remove(companyId: string): Promise<boolean> {
    const result = await this.db.manager.delete(IdentityProvider, { companyId });
    return (result.affected ?? 0) > 0;
  }

  /** The providers whose ID tokens carry this issuer and one of these audiences, with their companies. */
  findByIssuer(issuer: string, audiences: string[]): Promise<IdentityProvider[]> {
    return this.withCompanies(`p.issuer = $1 AND p.client_id = ANY ($2::text[])`, [issuer, audiences]);
  }

  /**
   * PAY-11's hosted sign-in: the providers of the companies that list this email domain among their SSO
   * domains (reads companies, through its GIN index on sso_domains), oldest first.
   */
  findBySsoDomain(domain: string): Promise<IdentityProvider[]> {
    return this.withCompanies(`c.sso_domains @> ARRAY[$1::text]`, [domain]);
  }

  /** Providers and their companies (reads companies) matching a condition on both, oldest first. */
  private async withCompanies(condition: string, parameters: unknown[]): Promise<IdentityProvider[]> {
    const rows: Array<{ provider: Record<string, unknown>; company: Record<string, unknown> }> = await this.db.query(
      `SELECT to_jsonb(p) AS provider, to_jsonb(c) AS company
       FROM company_identity_providers p JOIN companies c ON c.id = p.company_id
       WHERE ${condition}
       ORDER BY p.created_at, p.company_id`,
      parameters,
    );
    return rows.map((row) =>
      Object.assign(entityFromJson(this.db.manager, IdentityProvider, row.provider), {
        company: entityFromJson(this.db.manager, Company, row.company),
      }),
    );
  }
}
