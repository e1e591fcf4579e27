import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import { DataSource } from 'typeorm';

const INTERVAL_MS = 60_000;

/**
 * SMS-2: a code exists in readable (sealed) form only until it is delivered or expires. Delivery erases
 * it; this erases the rest once expired (a failed delivery, a code never sent). Runs in the worker.
 */
@Injectable()
export class CodeJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CodeJanitor.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.eraseExpiredCodes().catch((error: Error) => this.logger.warn(error.message)), INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async eraseExpiredCodes(): Promise<void> {
    await this.db.query(`UPDATE challenges SET code_ciphertext = NULL WHERE code_ciphertext IS NOT NULL AND expires_at < $1`, [
      this.clock.now(),
    ]);
  }
}
