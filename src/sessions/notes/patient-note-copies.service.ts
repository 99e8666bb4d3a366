import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { roleHas } from '../../common/auth/permissions';
import type { Page, PageQuery } from '../../common/http/pagination';
import { NotFound } from '../../common/problem/domain-error';
import { PatientAccessService, type PatientAccess } from '../../patients/access/patient-access.service';
import type { PatientNoteCopy } from './dto/session-note-views';
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
 * The session-note copies filed in one patient's record: the shared part, that
 * patient's own part and addenda for them only; case managers see that a note
 * exists, never its text.
 */
@Injectable()
export class PatientNoteCopiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

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
}
