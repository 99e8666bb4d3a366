import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, NotFound, StaleVersion, ValidationFailed } from '../../common/problem/domain-error';
import { PatientAccessService, type PatientAccess } from '../../patients/access/patient-access.service';
import type { CreateAddendumDto, CreateSessionNoteDto, NotePartDto, UpdateSessionNoteDto } from './dto/session-note.dto';
import { Session } from '../scheduling/entities/session.entity';
import type { FullNote } from './dto/session-note-views';
import { SessionNote, SessionNoteAddendum, SessionNotePart } from './entities/session-note.entity';
import type { IfMatch } from '../../common/http/etag';

/**
 * Session notes: one per session, a shared part and one part per patient.
 * The session's clinicians write it; its author signs it, after which it is
 * immutable (a trigger refuses changes) and only addenda are added. The
 * copies filed in each patient's record are read by PatientNoteCopiesService.
 */
@Injectable()
export class SessionNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  create(user: AuthUser, sessionId: string, dto: CreateSessionNoteDto): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const session = await m.findOne(Session, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw new NotFound('Session');
      await this.requireSessionClinician(m, user, sessionId);
      if (session.status === 'cancelled') throw new DomainError('session_cancelled', 'The session was cancelled; it has no note.');
      if (session.startsAt.getTime() > Date.now()) {
        throw new DomainError('session_not_started', 'A session note is written once the session has started.');
      }
      if (session.kind === 'group' && dto.sharedBody === undefined) {
        throw new ValidationFailed([{ field: 'sharedBody', message: 'a group note has a shared part: what the group did' }]);
      }
      const accesses = await this.checkParts(m, user, session, dto.parts);
      if (await m.existsBy(SessionNote, { sessionId })) {
        throw new DomainError('note_already_exists', 'The session already has a note; edit the draft or add an addendum.');
      }
      const { identifiers } = await m.insert(SessionNote, { sessionId, authorId: user.id, sharedBody: dto.sharedBody ?? null });
      const noteId = (identifiers[0] as { id: string }).id;
      await this.insertParts(m, noteId, sessionId, dto.parts);
      await this.auditAll(accesses, 'session-note.create', noteId, m);
      return this.load(m, noteId);
    });
  }

  /** Edits a draft (author only, with If-Match). */
  update(
    user: AuthUser,
    granted: readonly PatientAccess[],
    noteId: string,
    expected: IfMatch,
    dto: UpdateSessionNoteDto,
  ): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const note = await this.lockDraftOfAuthor(m, user, noteId, expected);
      const session = await m.findOneByOrFail(Session, { id: note.sessionId });
      const sharedBody = dto.sharedBody === undefined ? note.sharedBody : dto.sharedBody;
      if (session.kind === 'group' && sharedBody === null) {
        throw new ValidationFailed([{ field: 'sharedBody', message: 'a group note has a shared part: what the group did' }]);
      }
      const oldPatients = (await m.findBy(SessionNotePart, { noteId })).map((p) => p.patientId);
      const accesses = this.granted(granted, oldPatients);
      if (dto.parts) {
        accesses.push(...(await this.checkParts(m, user, session, dto.parts)).filter((a) => !oldPatients.includes(a.patientId)));
        await m.delete(SessionNotePart, { noteId });
        await this.insertParts(m, noteId, note.sessionId, dto.parts);
      }
      await m.update(SessionNote, { id: noteId }, { sharedBody, version: note.version + 1, updatedAt: new Date() });
      await this.auditAll(accesses, 'session-note.update', noteId, m);
      return this.load(m, noteId);
    });
  }

  /** Signs a draft (author only, with If-Match); from then on it is immutable. */
  sign(user: AuthUser, granted: readonly PatientAccess[], noteId: string, expected: IfMatch): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const note = await this.lockDraftOfAuthor(m, user, noteId, expected);
      const patients = (await m.findBy(SessionNotePart, { noteId })).map((p) => p.patientId);
      const accesses = this.granted(granted, patients);
      await m.update(SessionNote, { id: noteId }, {
        signedAt: new Date(), signedBy: user.id, version: note.version + 1, updatedAt: new Date(),
      });
      await this.auditAll(accesses, 'session-note.sign', noteId, m);
      return this.load(m, noteId);
    });
  }

  /** Adds an addendum to a signed note: to one patient's part, or to the shared part. */
  addAddendum(user: AuthUser, granted: readonly PatientAccess[], noteId: string, dto: CreateAddendumDto): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const note = await m.findOne(SessionNote, { where: { id: noteId }, lock: { mode: 'pessimistic_read' } });
      if (!note) throw new NotFound('Session note');
      await this.requireSessionClinician(m, user, note.sessionId);
      if (!note.signedAt) throw new DomainError('note_not_signed', 'The note is not signed yet: edit the draft instead.');
      const patients = (await m.findBy(SessionNotePart, { noteId })).map((p) => p.patientId);
      if (dto.patientId !== undefined && !patients.includes(dto.patientId)) {
        throw new DomainError('note_has_no_part_for_patient', 'The note has no part for this patient.');
      }
      const accesses = this.granted(granted, dto.patientId !== undefined ? [dto.patientId] : patients);
      const { identifiers } = await m.insert(SessionNoteAddendum, {
        noteId, patientId: dto.patientId ?? null, body: dto.body, authorId: user.id,
      });
      await this.auditAll(accesses, 'session-note.addendum', noteId, m, {
        addendumId: (identifiers[0] as { id: string }).id,
      });
      // A co-facilitator may reach only some attendees: answer with their parts alone (42 CFR Part 2).
      return this.onlyFor(await this.load(m, noteId), await this.accessiblePatients(m, user, patients));
    });
  }

  /** The whole note of a session, for its clinicians (drafts included). */
  async full(user: AuthUser, granted: readonly PatientAccess[], sessionId: string): Promise<FullNote> {
    const m = this.dataSource.manager;
    const session = await m.findOneBy(Session, { id: sessionId });
    if (!session) throw new NotFound('Session');
    await this.requireSessionClinician(m, user, sessionId);
    const note = await m.findOneBy(SessionNote, { sessionId });
    if (!note) throw new NotFound('Session note');
    const full = await this.load(m, note.id);
    await this.auditAll(this.granted(granted, full.parts.map((p) => p.patientId)), 'session-note.read', note.id, m);
    return full;
  }

  private async requireSessionClinician(m: EntityManager, user: AuthUser, sessionId: string): Promise<void> {
    const [row] = (await m.query(`SELECT 1 FROM session_clinicians WHERE session_id = $1 AND clinician_id = $2`, [
      sessionId,
      user.id,
    ])) as unknown[];
    if (!row) throw new DomainError('forbidden', "Only the session's clinicians write and read its whole note.");
  }

  private async lockDraftOfAuthor(m: EntityManager, user: AuthUser, noteId: string, expected: IfMatch): Promise<SessionNote> {
    const note = await m.findOne(SessionNote, { where: { id: noteId }, lock: { mode: 'pessimistic_write' } });
    if (!note) throw new NotFound('Session note');
    if (note.authorId !== user.id) throw new DomainError('forbidden', "Only the note's author edits and signs it.");
    if (note.signedAt) {
      throw new DomainError('note_signed', 'The note is signed and cannot change; write an addendum instead.', {
        signedAt: note.signedAt,
      });
    }
    if (!expected.matches(note.version)) throw new StaleVersion(note.version);
    return note;
  }

  /** Parts name distinct patients booked into the session who did not miss it; returns their accesses. */
  private async checkParts(m: EntityManager, user: AuthUser, session: Session, parts: NotePartDto[]): Promise<PatientAccess[]> {
    const ids = parts.map((p) => p.patientId);
    if (new Set(ids).size !== ids.length) {
      throw new ValidationFailed([{ field: 'parts', message: 'has more than one part for the same patient' }]);
    }
    const rows = (await m.query(
      `SELECT sp.patient_id::text, a.status FROM session_patients sp
       LEFT JOIN session_attendance a ON a.session_id = sp.session_id AND a.patient_id = sp.patient_id
       WHERE sp.session_id = $1 AND sp.patient_id = ANY($2::uuid[])`,
      [session.id, ids],
    )) as { patient_id: string; status: string | null }[];
    if (rows.length !== ids.length) {
      throw new DomainError('patient_not_booked', 'Every part must be for a patient booked into the session.');
    }
    const absent = rows.filter((r) => r.status === 'no_show' || r.status === 'cancelled').map((r) => r.patient_id);
    if (absent.length > 0) {
      throw new DomainError('patient_absent', 'A note is filed only for patients who attended; some were recorded absent.', {
        patientIds: absent,
      });
    }
    return this.requireAll(m, user, ids);
  }

  private async requireAll(m: EntityManager, user: AuthUser, patientIds: string[]): Promise<PatientAccess[]> {
    return this.access.requireMany(user, patientIds, 'session-notes.write', m);
  }

  /**
   * The guard's accesses for exactly these patients. The guard resolved them from the same rows before this
   * transaction; a part added meanwhile is refused rather than written without a proof.
   */
  private granted(granted: readonly PatientAccess[], patientIds: readonly string[]): PatientAccess[] {
    const byPatient = new Map(granted.map((a) => [a.patientId, a]));
    const missing = patientIds.filter((id) => !byPatient.has(id));
    if (missing.length > 0) throw new DomainError('concurrent_change', 'The note changed while the request was checked; try again.');
    return [...new Set(patientIds)].sort().map((id) => byPatient.get(id) as PatientAccess);
  }

  private async insertParts(m: EntityManager, noteId: string, sessionId: string, parts: NotePartDto[]): Promise<void> {
    await m.insert(
      SessionNotePart,
      parts.map((p) => ({ noteId, sessionId, patientId: p.patientId, body: p.body })),
    );
  }

  private async auditAll(
    accesses: PatientAccess[],
    action: string,
    noteId: string,
    m: EntityManager,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.access.recordAll(accesses, action, 'session_note', noteId, m, details);
  }

  /** The attendees of a note whose records the caller may see (care team or emergency grant). */
  private async accessiblePatients(m: EntityManager, user: AuthUser, patientIds: string[]): Promise<Set<string>> {
    const rows = (await m.query(
      `SELECT p.id FROM unnest($1::uuid[]) AS p(id) WHERE ${PatientAccessService.scopeSql('p.id', '$2::uuid')}`,
      [patientIds, user.id],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Drops the parts and part addenda of patients outside `visible`; the shared part stays. */
  private onlyFor(full: FullNote, visible: Set<string>): FullNote {
    return {
      note: full.note,
      parts: full.parts.filter((p) => visible.has(p.patientId)),
      addenda: full.addenda.filter((a) => a.patientId === null || visible.has(a.patientId)),
    };
  }

  private async load(m: EntityManager, noteId: string): Promise<FullNote> {
    const note = await m.findOneByOrFail(SessionNote, { id: noteId });
    const parts = await m.find(SessionNotePart, { where: { noteId }, order: { patientId: 'ASC' } });
    const addenda = await m.find(SessionNoteAddendum, { where: { noteId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { note, parts, addenda };
  }
}
