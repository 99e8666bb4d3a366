import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendanceStatus } from '../../iop/iop-weeks';

/** Whether one booked patient came to one session, and for how long. */
@Entity('session_attendance')
export class SessionAttendance {
  @PrimaryColumn('uuid')
  sessionId: string;

  @PrimaryColumn('uuid')
  patientId: string;

  @Column('text')
  status: AttendanceStatus;

  /** Required for late and left_early; absent for no_show and cancelled. */
  @Column('integer', { nullable: true })
  minutesAttended: number | null;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
