import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AuditService } from '../audit/audit.service';
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

/**
 * Program settings: defaults live in code with their definitions, admins'
 * overrides in the `settings` table. Read from the database on each use so
 * every app instance sees a change at once.
 */
@Injectable()
export class SettingsService {
  private readonly definitions = new Map<string, SettingDefinition<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  define<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
    this.definitions.set(definition.key, definition as SettingDefinition<unknown>);
    return definition;
  }

  async get<T>(definition: SettingDefinition<T>, manager: EntityManager = this.dataSource.manager): Promise<T> {
    const row = await manager.findOne(Setting, { where: { key: definition.key } });
    return row ? (row.value as T) : definition.defaultValue;
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
    return this.dataSource.transaction(async (manager) => {
      const view = await this.store(key, value, user.id, manager);
      await this.audit.record(
        { actor: user, action: 'setting.update', resourceType: 'setting', resourceId: key, details: { value } },
        manager,
      );
      return view;
    });
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
