import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { onDischarge, type PhaseEffect, type PhaseMove } from '../../patients/phase-effects';
import { SeatAllocator } from './seat-allocator.service';

/**
 * A discharge gives up the patient's group seats and waitlist places; each
 * freed seat goes to the next in line at once, as when a member leaves. Groups
 * are locked in id order, the same serialisation every membership change uses.
 */
@Injectable()
export class SeatRelease implements PhaseEffect {
  readonly name = 'support-group-seats';

  constructor(private readonly seats: SeatAllocator) {}

  readonly appliesTo = onDischarge;

  async apply(manager: EntityManager, move: PhaseMove): Promise<string[]> {
    const groups = (await manager.query(
      `SELECT g.id::text FROM support_groups g
       WHERE EXISTS (SELECT 1 FROM support_group_memberships x
                     WHERE x.group_id = g.id AND x.patient_id = $1 AND x.status IN ('member', 'waitlisted'))
       ORDER BY g.id FOR UPDATE OF g`,
      [move.patientId],
    )) as { id: string }[];
    if (groups.length === 0) return [];
    const left = (await manager.query(
      `WITH current AS (
         SELECT id, status AS previous FROM support_group_memberships
         WHERE patient_id = $1 AND status IN ('member', 'waitlisted') FOR UPDATE),
       closed AS (
         UPDATE support_group_memberships x SET status = 'left', left_at = clock_timestamp(),
           leave_reason = 'The patient was discharged from the program.', left_by = $2
         FROM current WHERE x.id = current.id
         RETURNING x.id, x.group_id, current.previous)
       SELECT id::text, group_id::text, previous FROM closed ORDER BY id`,
      [move.patientId, move.actor.id],
    )) as { id: string; group_id: string; previous: string }[];
    const freed = [...new Set(left.filter((r) => r.previous === 'member').map((r) => r.group_id))].sort();
    for (const groupId of freed) await this.seats.seatWaiting(manager, move.actor, groupId);
    return left.map((r) => r.id);
  }
}
