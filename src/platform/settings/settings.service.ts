import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AuditService } from '../audit/audit.service';
import { DatabaseListener } from '../notifications/database-listener.service';
import { InvalidatedCache } from '../notifications/invalidated-cache';
import type { SettingDefinition } from './setting-definition';
import { Setting } from './entities/setting.entity';

export interface SettingView {
  key: string;
  description: string;
  value: unknown;
  defaultValue: unknown;
  isDefault: boolean;
  updatedAt: Date | null;
}

/** The channel the `settings_notify_changed` trigger notifies with the changed key (migration 1765300000000). */
const SETTINGS_CHANGED = 'settings_changed';

/**
 * Program settings: defaults live in code with their definitions, admins'
 * overrides in the `settings` table. Values in force are cached in process;
 * every committed change notifies every instance (trigger), which drops its
 * copy, so a change takes effect everywhere within a second.
 */
@Injectable()
export class SettingsService {
  private readonly definitions = new Map<string, SettingDefinition<unknown>>();
  /** The stored override of each key read so far; undefined when the default applies. */
  private readonly stored: InvalidatedCache<string, unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    listener: DatabaseListener,
  ) {
    this.stored = new InvalidatedCache(() => listener.connected);
    listener.on(SETTINGS_CHANGED, (key) => this.stored.invalidate(key));
    listener.onReset(() => this.stored.clear());
  }

  define<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
    this.definitions.set(definition.key, definition as SettingDefinition<unknown>);
    return definition;
  }

  async get<T>(definition: SettingDefinition<T>, manager: EntityManager = this.dataSource.manager): Promise<T> {
    const value = await this.stored.get(definition.key, async () => {
      const rows = (await manager.query(`SELECT value FROM settings WHERE key = $1`, [definition.key])) as { value: unknown }[];
      return rows[0]?.value;
    });
    // A copy, so a caller changing its value cannot change the cached one.
    return value === undefined ? definition.defaultValue : (structuredClone(value) as T);
  }

  /** Drops this instance's copy at once (the writer's own next request must not wait for the NOTIFY). */
  forget(key: string): void {
    this.stored.invalidate(key);
  }

  async list(): Promise<SettingView[]> {
    const rows = await this.dataSource.manager.find(Setting);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return [...this.definitions.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((definition) => this.view(definition, byKey.get(definition.key)));
  }

  async read(key: string): Promise<SettingView> {
    const definition = this.definition(key);
    const row = await this.dataSource.manager.findOne(Setting, { where: { key } });
    return this.view(definition, row ?? undefined);
  }

  /** An admin changes a setting: validated, stored and audited in one transaction. */
  update(user: AuthUser, key: string, value: unknown): Promise<SettingView> {
    const updated = this.dataSource.transaction(async (manager) => {
      const view = await this.store(key, value, user.id, manager);
      await this.audit.record(
        { actor: user, action: 'setting.update', resourceType: 'setting', resourceId: key, details: { value } },
        manager,
      );
      return view;
    });
    // This instance's next read must not wait for the NOTIFY that the commit sends every instance.
    return updated.finally(() => this.forget(key));
  }

  private async store(key: string, value: unknown, userId: string, manager: EntityManager): Promise<SettingView> {
    const definition = this.definition(key);
    const errors = definition.validate(value);
    if (errors.length > 0) throw new ValidationFailed(errors);
    await manager.query(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, JSON.stringify(value), userId],
    );
    const row = await manager.findOneOrFail(Setting, { where: { key } });
    return this.view(definition, row);
  }

  private definition(key: string): SettingDefinition<unknown> {
    const definition = this.definitions.get(key);
    if (!definition) throw new NotFound(`Setting ${key}`);
    return definition;
  }

  private view(definition: SettingDefinition<unknown>, row: Setting | undefined): SettingView {
    return {
      key: definition.key,
      description: definition.description,
      value: row ? row.value : definition.defaultValue,
      defaultValue: definition.defaultValue,
      isDefault: !row,
      updatedAt: row?.updatedAt ?? null,
    };
  }
}
