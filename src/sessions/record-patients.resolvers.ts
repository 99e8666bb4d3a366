import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { PatientResolver } from '../patients/access/patient-scoped.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOr = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value : null);

/** The patients a session note is filed for (`/session-notes/:noteId`). */
@Injectable()
export class SessionNotePatients implements PatientResolver {
  readonly resource = 'Session note';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async patientsOf(request: Request): Promise<string[] | undefined> {
    const noteId = uuidOr(request.params.noteId);
    if (!noteId) return undefined;
    const rows = (await this.dataSource.query(`SELECT patient_id::text FROM session_note_parts WHERE note_id = $1`, [
      noteId,
    ])) as { patient_id: string }[];
    const patients = rows.map((r) => r.patient_id);
    // An addendum to one patient's part needs access to that patient only (42 CFR Part 2: a co-facilitator may
    // reach only some attendees).
    const target = uuidOr((request.body as { patientId?: unknown } | undefined)?.patientId);
    return target && patients.includes(target) ? [target] : patients;
  }
}

/** The patients of a session's note (`/sessions/:id/notes`); a session without patients is not found. */
@Injectable()
export class SessionNotePatientsBySession implements PatientResolver {
  readonly resource = 'Session';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async patientsOf(request: Request): Promise<string[] | undefined> {
    const sessionId = uuidOr(request.params.id);
    if (!sessionId) return undefined;
    // The note's patients; before a note is written, the session's booked patients.
    const rows = (await this.dataSource.query(
      `SELECT patient_id::text FROM session_note_parts WHERE session_id = $1
       UNION SELECT patient_id::text FROM session_patients
       WHERE session_id = $1 AND NOT EXISTS (SELECT 1 FROM session_note_parts WHERE session_id = $1)`,
      [sessionId],
    )) as { patient_id: string }[];
    return rows.map((r) => r.patient_id);
  }
}

/** The patient whose attendance is recorded (named in the body; the session's booking is checked by the service). */
@Injectable()
export class AttendancePatient implements PatientResolver {
  readonly resource = 'Patient';

  patientsOf(request: Request): Promise<string[] | undefined> {
    const patientId = uuidOr((request.body as { patientId?: unknown } | undefined)?.patientId);
    return Promise.resolve(patientId ? [patientId] : undefined);
  }
}
