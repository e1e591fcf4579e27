import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { StepUpGrant } from './step-up-grant.entity';

/** The step_up_grants table (PAY-6, PAY-7): the right to perform one operation once, for 5 minutes. */
@Injectable()
export class StepUpGrantRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, grant: StepUpGrant): Promise<void> {
    await manager.insert(StepUpGrant, grant);
  }

  /** Consumes the grant if it is this session's, for this operation, unexpired and unused: one conditional UPDATE. */
  async consume(tokenHash: string, sessionId: string, operation: string, now: Date): Promise<boolean> {
    const rows = await writeReturning(
      this.db.manager,
      `UPDATE step_up_grants SET consumed_at = $4
       WHERE token_hash = $1 AND session_id = $2 AND operation = $3 AND consumed_at IS NULL AND expires_at > $4
       RETURNING id`,
      [tokenHash, sessionId, operation, now],
    );
    return rows.length > 0;
  }
}
