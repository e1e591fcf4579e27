import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * I18N-2: the language a user reads, one of the locales Sitepass speaks (libs/i18n's SUPPORTED_LOCALES, as
 * of this migration); null follows the request's Accept-Language, then English. A new language widens the
 * CHECK in a migration of its own, as a new factor type does.
 */
export class UserLocale1764500000000 implements MigrationInterface {
  name = 'UserLocale1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN locale text
      CONSTRAINT users_locale_check CHECK (locale IN ('en', 'fr', 'fr-CA', 'de', 'es', 'es-419', 'pt-BR', 'pl', 'ja', 'zh-Hans'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
