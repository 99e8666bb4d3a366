import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { roleHas } from '../../common/auth/permissions';
import type { Page, PageQuery } from '../../common/http/pagination';
import { DomainError, NotFound, StaleVersion, ValidationFailed } from '../../common/problem/domain-error';
import { PatientAccessService, type PatientAccess } from '../../patients/access/patient-access.service';
import type { CreateAddendumDto, CreateSessionNoteDto, NotePartDto, UpdateSessionNoteDto } from './dto/session-note.dto';
import { Session } from '../scheduling/entities/session.entity';
import type { FullNote, PatientNoteCopy } from './dto/session-note-views';
import { SessionNote, SessionNoteAddendum, SessionNotePart } from './entities/session-note.entity';
import type { SessionKind } from '../session-kinds';

interface CopyRow {
  note_id: string;
  session_id: string;
  patient_id: string;
  kind: SessionKind;
  starts_at: Date;
  ends_at: Date;
  author_id: string;
  signed_at: Date | null;
  signed_by: string | null;
  shared_body: string | null;
  body: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Session notes: one per session, a shared part and one part per patient.
 * The session's clinicians write it; its author signs it, after which it is
 * immutable (a trigger refuses changes) and only addenda are added. Each
 * patient's record holds a copy showing the shared part and their own part
 * only; case managers see that a note exists, never its text.
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
      if (session.status === 'cancelled') throw new DomainError('rule_violation', 'The session was cancelled; it has no note.');
      if (session.startsAt.getTime() > Date.now()) {
        throw new DomainError('rule_violation', 'A session note is written once the session has started.');
      }
      if (session.kind === 'group' && dto.sharedBody === undefined) {
        throw new ValidationFailed([{ field: 'sharedBody', message: 'a group note has a shared part: what the group did' }]);
      }
      const accesses = await this.checkParts(m, user, session, dto.parts);
      if (await m.existsBy(SessionNote, { sessionId })) {
        throw new DomainError('conflict', 'The session already has a note; edit the draft or add an addendum.');
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
    expectedVersion: number,
    dto: UpdateSessionNoteDto,
  ): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const note = await this.lockDraftOfAuthor(m, user, noteId, expectedVersion);
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
  sign(user: AuthUser, granted: readonly PatientAccess[], noteId: string, expectedVersion: number): Promise<FullNote> {
    return this.dataSource.transaction(async (m) => {
      const note = await this.lockDraftOfAuthor(m, user, noteId, expectedVersion);
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
      if (!note.signedAt) throw new DomainError('rule_violation', 'The note is not signed yet: edit the draft instead.');
      const patients = (await m.findBy(SessionNotePart, { noteId })).map((p) => p.patientId);
      if (dto.patientId !== undefined && !patients.includes(dto.patientId)) {
        throw new DomainError('rule_violation', 'The note has no part for this patient.');
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

  /** The notes filed in a patient's record, newest session first: signed ones, and the caller's own drafts. */
  async patientCopies(access: PatientAccess, page: PageQuery): Promise<Page<PatientNoteCopy> & { withBody: boolean }> {
    const { user, patientId } = access;
    const withBody = roleHas(user.role, 'session-notes.read-body');
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM session_note_parts p JOIN session_notes n ON n.id = p.note_id
       WHERE p.patient_id = $1 AND (n.signed_at IS NOT NULL OR n.author_id = $2)`,
      [patientId, user.id],
    )) as { n: number }[];
    const items = await this.copies(patientId, user.id, withBody, { limit: page.limit, offset: page.offset });
    await this.access.record(access, withBody ? 'session-note.read' : 'session-note.read-existence', 'session_note', null, undefined, {
      noteIds: items.map((c) => c.noteId),
    });
    return { items, total: count?.n ?? 0, limit: page.limit, offset: page.offset, withBody };
  }

  async patientCopy(access: PatientAccess, noteId: string): Promise<{ copy: PatientNoteCopy; withBody: boolean }> {
    const { user, patientId } = access;
    const withBody = roleHas(user.role, 'session-notes.read-body');
    const [copy] = await this.copies(patientId, user.id, withBody, { noteId });
    if (!copy) throw new NotFound('Session note');
    await this.access.record(access, withBody ? 'session-note.read' : 'session-note.read-existence', 'session_note', noteId);
    return { copy, withBody };
  }

  private async copies(
    patientId: string,
    readerId: string,
    withBody: boolean,
    select: { noteId: string } | { limit: number; offset: number },
  ): Promise<PatientNoteCopy[]> {
    const params: unknown[] = [patientId, readerId];
    let tail = `ORDER BY s.starts_at DESC, n.id`;
    let filter = '';
    if ('noteId' in select) {
      params.push(select.noteId);
      filter = `AND n.id = $3`;
    } else {
      tail += ` LIMIT ${Number(select.limit)} OFFSET ${Number(select.offset)}`;
    }
    // Bodies are not even read from the database for callers who may not see them.
    const rows = (await this.dataSource.query(
      `SELECT n.id::text AS note_id, n.session_id::text, p.patient_id::text, s.kind, s.starts_at, s.ends_at,
              n.author_id::text, n.signed_at, n.signed_by::text, n.created_at, n.updated_at,
              ${withBody ? 'n.shared_body, p.body' : 'NULL AS shared_body, NULL AS body'}
       FROM session_note_parts p
       JOIN session_notes n ON n.id = p.note_id
       JOIN sessions s ON s.id = n.session_id
       WHERE p.patient_id = $1 AND (n.signed_at IS NOT NULL OR n.author_id = $2) ${filter}
       ${tail}`,
      params,
    )) as CopyRow[];
    const addenda = (await this.dataSource.query(
      `SELECT a.id::text, a.note_id::text, a.author_id::text, a.created_at, ${withBody ? 'a.body' : 'NULL AS body'}
       FROM session_note_addenda a
       WHERE a.note_id = ANY($1::uuid[]) AND (a.patient_id IS NULL OR a.patient_id = $2)
       ORDER BY a.created_at, a.id`,
      [rows.map((r) => r.note_id), patientId],
    )) as { id: string; note_id: string; author_id: string; created_at: Date; body: string | null }[];
    return rows.map((r) => ({
      noteId: r.note_id, sessionId: r.session_id, patientId: r.patient_id, sessionKind: r.kind,
      sessionStartsAt: r.starts_at, sessionEndsAt: r.ends_at, authorId: r.author_id, signedAt: r.signed_at,
      signedBy: r.signed_by, sharedBody: r.shared_body, body: r.body, createdAt: r.created_at, updatedAt: r.updated_at,
      addenda: addenda
        .filter((a) => a.note_id === r.note_id)
        .map((a) => ({ id: a.id, authorId: a.author_id, createdAt: a.created_at, body: a.body })),
    }));
  }

  private async requireSessionClinician(m: EntityManager, user: AuthUser, sessionId: string): Promise<void> {
    const [row] = (await m.query(`SELECT 1 FROM session_clinicians WHERE session_id = $1 AND clinician_id = $2`, [
      sessionId,
      user.id,
    ])) as unknown[];
    if (!row) throw new DomainError('forbidden', "Only the session's clinicians write and read its whole note.");
  }

  private async lockDraftOfAuthor(m: EntityManager, user: AuthUser, noteId: string, expectedVersion: number): Promise<SessionNote> {
    const note = await m.findOne(SessionNote, { where: { id: noteId }, lock: { mode: 'pessimistic_write' } });
    if (!note) throw new NotFound('Session note');
    if (note.authorId !== user.id) throw new DomainError('forbidden', "Only the note's author edits and signs it.");
    if (note.signedAt) {
      throw new DomainError('rule_violation', 'The note is signed and cannot change; write an addendum instead.', {
        signedAt: note.signedAt,
      });
    }
    if (note.version !== expectedVersion) throw new StaleVersion(note.version);
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
      throw new DomainError('rule_violation', 'Every part must be for a patient booked into the session.');
    }
    const absent = rows.filter((r) => r.status === 'no_show' || r.status === 'cancelled').map((r) => r.patient_id);
    if (absent.length > 0) {
      throw new DomainError('rule_violation', 'A note is filed only for patients who attended; some were recorded absent.', {
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
    if (missing.length > 0) throw new DomainError('conflict', 'The note changed while the request was checked; try again.');
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
