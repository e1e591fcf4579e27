import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * REL-4: where the reports read: the read replica of `DATABASE_READ_URL`, or the primary when it is unset.
 * Only the reports that an admin looks at (the member status of POL-7 and its CSV, the company audit list
 * of AUD-2) read through it: a replica lags its primary, so nothing that decides anything (a sign-in, a
 * limit, "is this user an admin of the company") and no write ever does. Everything else runs on the
 * primary: TypeORM's default for reads is set to it (`defaultMode: 'master'` in DatabaseModule), so a
 * query reaches the replica only through this class.
 */
@Injectable()
export class ReadReplica {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One statement on the replica; TypeORM falls back to the primary when no replica is configured. */
  async query<T>(sql: string, parameters: unknown[]): Promise<T> {
    const runner = this.db.createQueryRunner('slave');
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }
}
