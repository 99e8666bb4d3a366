import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DatabaseListener } from '../../platform/notifications/database-listener.service';
import { InvalidatedCache } from '../../platform/notifications/invalidated-cache';

/** Notified, with the family id, when a logout ends a token family. */
const FAMILY_ENDED = 'token_family_ended';

/**
 * Whether a login's token family has ended (logout revoked every refresh
 * token of it), so the access tokens it handed out end too instead of living
 * out their minutes. Cached in process; a logout notifies every instance,
 * which drops its copy, so it takes effect everywhere within a second.
 */
@Injectable()
export class TokenFamilies {
  private readonly ended: InvalidatedCache<string, boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    listener: DatabaseListener,
  ) {
    this.ended = new InvalidatedCache(() => listener.connected);
    listener.on(FAMILY_ENDED, (familyId) => this.ended.invalidate(familyId));
    listener.onReset(() => this.ended.clear());
  }

  isEnded(familyId: string): Promise<boolean> {
    return this.ended.get(familyId, async () => {
      const [row] = (await this.dataSource.query(
        `SELECT NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL) AS ended`,
        [familyId],
      )) as { ended: boolean }[];
      return row?.ended ?? true;
    });
  }

  /** Tells every instance, when `manager`'s transaction commits, that the family ended. */
  async announceEnded(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`SELECT pg_notify($1, $2)`, [FAMILY_ENDED, familyId]);
  }

  /** Drops this instance's copy at once (the caller's next request must not wait for the NOTIFY). */
  forget(familyId: string): void {
    this.ended.invalidate(familyId);
  }
}
