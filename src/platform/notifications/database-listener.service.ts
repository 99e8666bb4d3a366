import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

type Handler = (payload: string) => void;

/** A private channel: a NOTIFY on it comes back after every notification committed before it. */
const SETTLE_CHANNEL = 'listener_settle';
const RECONNECT_DELAY_MS = 1000;
/** How the listener shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'opp-listener';

/**
 * The instance's one LISTEN connection to PostgreSQL, shared by every channel
 * (raised alerts, changed users and settings). When the connection is lost,
 * notifications may be missed: `connected` turns false at once (caches stop
 * serving) and the reset handlers run when it is back (caches start empty).
 */
@Injectable()
export class DatabaseListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseListener.name);
  private readonly handlers = new Map<string, Handler[]>();
  private readonly resetHandlers: (() => void)[] = [];
  private readonly settling = new Map<string, () => void>();
  private client: Client | undefined;
  private stopped = false;
  /** Set once a reconnection has failed, so a lasting outage is logged once and its end too. */
  private warned = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.handlers.set(SETTLE_CHANNEL, [(token) => this.settling.get(token)?.()]);
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Calls `handler` with the payload of every notification on `channel`. */
  on(channel: string, handler: Handler): void {
    const existing = this.handlers.get(channel);
    if (existing) {
      existing.push(handler);
      return;
    }
    this.handlers.set(channel, [handler]);
    this.client?.query(`LISTEN ${channel}`).catch(() => this.lost());
  }

  /** Calls `handler` whenever the connection was lost (and on reconnect), so caches drop what they hold. */
  onReset(handler: () => void): void {
    this.resetHandlers.push(handler);
  }

  /** Resolves once every notification committed before the call has been handled. */
  async settled(): Promise<void> {
    const token = randomUUID();
    const done = new Promise<void>((resolve) => this.settling.set(token, resolve));
    await this.dataSource.query(`SELECT pg_notify($1, $2)`, [SETTLE_CHANNEL, token]);
    await done;
    this.settling.delete(token);
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: (this.dataSource.options as { url?: string }).url, application_name: LISTENER_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => this.lost());
    client.on('end', () => {
      if (this.client === client) this.lost();
    });
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.reset();
    if (this.warned) this.logger.log('database listener reconnected');
    this.warned = false;
  }

  private lost(): void {
    // Retried quietly: a PostgreSQL shutdown (e.g. Ctrl-C) ends the connection just before the application
    // stops. Only a reconnection that fails is worth a warning.
    if (this.stopped || !this.client) return;
    const client = this.client;
    this.client = undefined;
    this.reset();
    client.end().catch(() => undefined);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return; // the application shut down while waiting
      this.connect().catch((error: Error) => {
        if (!this.warned) this.logger.warn(`database listener cannot reconnect (${error.message}); retrying`);
        this.warned = true;
        this.reconnectLater();
      });
    }, RECONNECT_DELAY_MS).unref();
  }

  private reset(): void {
    for (const handler of this.resetHandlers) handler();
  }
}
