import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { DatabaseListener } from '../notifications/database-listener.service';
import { ALERTS_CHANNEL } from './alerts.service';
import { Alert } from './entities/alert.entity';

/**
 * Listens for committed alerts (PostgreSQL NOTIFY, on the instance's shared
 * listener connection) so every app instance can push them to its own
 * Server-Sent Events subscribers.
 */
@Injectable()
export class AlertStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertStreamService.name);
  readonly raised = new Subject<Alert>();
  /** Emits once when the application starts shutting down, to end open streams. */
  readonly closing = new Subject<void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    listener: DatabaseListener,
  ) {
    listener.on(ALERTS_CHANNEL, (alertId) => {
      if (alertId) void this.publish(alertId);
    });
  }

  /** Ends every open event stream first, or the HTTP server would wait for them forever. */
  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
    this.raised.complete();
  }

  private async publish(alertId: string): Promise<void> {
    try {
      const alert = await this.dataSource.manager.findOneBy(Alert, { id: alertId });
      if (alert) this.raised.next(alert);
    } catch (error) {
      this.logger.warn(`could not load raised alert: ${(error as Error).message}`);
    }
  }
}
