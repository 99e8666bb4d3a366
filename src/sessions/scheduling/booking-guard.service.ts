import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PG_DEADLOCK, PG_EXCLUSION_VIOLATION, pgErrorOf } from '../../common/problem/database-errors';
import { SHARED_BOOKING_CONSTRAINTS } from '../../platform/bookings/resource-bookings';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/problem/domain-error';
import { PatientAccessService, type PatientAccess } from '../../patients/access/patient-access.service';
import { type BookingProposal, SessionQueries } from './session-queries.service';

/** The exclusion constraints that keep clinicians, patients and rooms from being double-booked. */
export const BOOKING_CONSTRAINTS = [...SHARED_BOOKING_CONSTRAINTS, 'session_patients_no_overlap'] as const;

/**
 * Checks shared by booking use cases: who takes part, which room, who may
 * change a session, and turning an exclusion-constraint violation into a
 * 409 `slot_taken` naming every collision.
 */
@Injectable()
export class BookingGuard {
  constructor(
    private readonly access: PatientAccessService,
    private readonly queries: SessionQueries,
  ) {}

  /**
   * Runs a booking transaction. When PostgreSQL refuses it for an overlap (or
   * a deadlock between two bookings), the transaction has rolled back; the
   * collisions are then read from committed data and reported as 409
   * `slot_taken`. A collision that has vanished meanwhile is retried.
   */
  async book<T>(work: () => Promise<T>, proposal: () => BookingProposal): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        const code = pgErrorOf(error)?.code;
        if (code !== PG_EXCLUSION_VIOLATION && code !== PG_DEADLOCK) throw error;
        const conflicts = await this.queries.conflicts(proposal());
        if (conflicts.length > 0 || (code === PG_EXCLUSION_VIOLATION && attempt >= 3)) {
          throw new DomainError(
            'slot_taken',
            'A clinician, room or patient is already booked at an overlapping time; nothing was booked.',
            { conflicts },
          );
        }
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Every id must be an active clinician (422 otherwise). */
  async requireClinicians(manager: EntityManager, ids: string[]): Promise<void> {
    const rows = (await manager.query(
      `SELECT id::text FROM users WHERE id = ANY($1::uuid[]) AND role = 'clinician' AND active`,
      [ids],
    )) as { id: string }[];
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new DomainError('clinician_not_active', 'Every clinicianId must be an active clinician.', { clinicianIds: missing });
    }
  }

  /** Care-team (or emergency) access to each patient, who must not be discharged. */
  async requirePatients(user: AuthUser, manager: EntityManager, ids: string[]): Promise<PatientAccess[]> {
    const accesses = await this.access.requireMany(user, ids, 'sessions.schedule', manager);
    const discharged = (await manager.query(
      `SELECT id::text FROM patients WHERE id = ANY($1::uuid[]) AND phase = 'discharged'`,
      [ids],
    )) as { id: string }[];
    if (discharged.length > 0) {
      throw new DomainError('patient_discharged', 'Discharged patients cannot be booked into sessions.', {
        patientIds: discharged.map((r) => r.id),
      });
    }
    return accesses;
  }

  /**
   * An active room that holds everyone taking part. The room row stays locked
   * FOR SHARE until the booking commits, so a concurrent capacity change
   * (rooms.service.ts) either waits for it and counts it, or commits first and
   * is seen here. A session that keeps its room (`kept`) may stay in one
   * retired since it was booked; it must still fit.
   */
  async requireRoom(manager: EntityManager, roomId: string, people: number, kept = false): Promise<void> {
    const [room] = (await manager.query(`SELECT active, capacity FROM rooms WHERE id = $1 FOR SHARE`, [roomId])) as {
      active: boolean;
      capacity: number;
    }[];
    if (!room || (!room.active && !kept)) {
      throw new DomainError('room_not_active', 'roomId does not name an active room.', { roomId });
    }
    if (people > room.capacity) {
      throw new DomainError('capacity_reached', `The room holds ${room.capacity} people; this session has ${people}.`, {
        roomId, capacity: room.capacity, people,
      });
    }
  }

  /**
   * Who may change a session: a clinician booked into it, or someone with
   * access to every one of its patients. Returns the accesses to audit under.
   */
  async requireManage(user: AuthUser, manager: EntityManager, sessionId: string): Promise<PatientAccess[]> {
    const [row] = (await manager.query(
      `SELECT
         EXISTS (SELECT 1 FROM session_clinicians WHERE session_id = $1 AND clinician_id = $2) AS facilitates,
         ARRAY(SELECT patient_id::text FROM session_patients WHERE session_id = $1 ORDER BY patient_id) AS patient_ids,
         ARRAY(SELECT patient_id::text FROM session_patients sp WHERE session_id = $1
               AND ${PatientAccessService.scopeSql('sp.patient_id', '$2')}) AS visible_ids`,
      [sessionId, user.id],
    )) as { facilitates: boolean; patient_ids: string[]; visible_ids: string[] }[];
    if (!row) return [];
    const visible = new Set(row.visible_ids);
    if (!row.facilitates && row.patient_ids.some((id) => !visible.has(id))) {
      throw new DomainError(
        'forbidden',
        "Only the session's clinicians, or someone on the care team of each of its patients, may change it.",
      );
    }
    // A session's clinicians reach its patients for the session itself, even those outside their care teams.
    return this.access.requireMany(user, row.patient_ids, 'sessions.schedule', manager, { sessionClinicianOf: sessionId });
  }

  /** Audits one action on sessions for each patient concerned, inside the transaction. */
  async audit(
    accesses: PatientAccess[],
    action: string,
    sessionId: string,
    manager: EntityManager,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.access.recordAll(accesses, action, 'session', sessionId, manager, details);
  }
}
