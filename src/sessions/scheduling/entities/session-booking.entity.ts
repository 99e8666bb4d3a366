import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A clinician's booking into a session. `period` and `active` are written by
 * database triggers from the session (never by the application), and an
 * exclusion constraint refuses overlapping active bookings. Bookings are
 * written with SQL; these entities serve reads.
 */
@Entity('session_clinicians')
export class SessionClinician {
  @PrimaryColumn('uuid')
  sessionId: string;

  @PrimaryColumn('uuid')
  clinicianId: string;

  /** The session's half-open `[starts_at, ends_at)` (trigger-maintained, not read by default). */
  @Column({ type: 'tstzrange', insert: false, update: false, select: false })
  period: string;

  /** Mirrors the session's status (trigger-maintained). */
  @Column({ type: 'boolean', insert: false, update: false })
  active: boolean;
}

/** A patient's booking into a session; same rules as clinicians'. */
@Entity('session_patients')
export class SessionPatient {
  @PrimaryColumn('uuid')
  sessionId: string;

  @PrimaryColumn('uuid')
  patientId: string;

  /** The session's half-open `[starts_at, ends_at)` (trigger-maintained, not read by default). */
  @Column({ type: 'tstzrange', insert: false, update: false, select: false })
  period: string;

  /** Mirrors the session's status (trigger-maintained). */
  @Column({ type: 'boolean', insert: false, update: false })
  active: boolean;
}
