import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { ALERTS_CHANNEL } from './alerts.service';
import { Alert } from './entities/alert.entity';

/**
 * Listens for committed alerts (PostgreSQL NOTIFY) so every app instance can
 * push them to its own Server-Sent Events subscribers.
 */
@Injectable()
export class AlertStreamService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(AlertStreamService.name);
  readonly raised = new Subject<Alert>();
  /** Emits once when the application starts shutting down, to end open streams. */
  readonly closing = new Subject<void>();
  private client: Client | undefined;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  /** Ends every open event stream first, or the HTTP server would wait for them forever. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    this.closing.next();
    this.closing.complete();
    this.raised.complete();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url });
    client.on('notification', (message) => {
      if (message.channel === ALERTS_CHANNEL && message.payload) void this.publish(message.payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`alert listener lost its connection (${error.message}); reconnecting`);
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`LISTEN ${ALERTS_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    setTimeout(() => {
      this.connect().catch(() => this.reconnectLater());
    }, 2000).unref();
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
