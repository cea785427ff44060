import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ProjectsStore } from '@shipyard/projects/data-access';

/** How often expired idempotency keys are deleted; they live a day, so hourly keeps the table small. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes idempotency keys past their time to live, so the table does not grow forever. */
@Injectable()
export class IdempotencyKeySweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeySweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: ProjectsStore) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    // A pending sweep must not keep a stopping process alive.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const deleted = await this.store.deleteExpiredIdempotencyKeys();
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency keys`);
      return deleted;
    } catch (error) {
      // The next sweep tries again; a failed cleanup must never take the service down.
      this.logger.warn(`idempotency key sweep failed: ${String(error)}`);
      return 0;
    }
  }
}
