import type { SessionNote, SessionNoteAddendum, SessionNotePart } from '../entities/session-note.entity';
import type { SessionKind } from '../../session-kinds';

/** What the note use cases return, before the controller shapes the response. */
export interface FullNote {
  note: SessionNote;
  parts: SessionNotePart[];
  addenda: SessionNoteAddendum[];
}

/** What one patient's record shows of a session note. Bodies are null without permission to read them. */
export interface PatientNoteCopy {
  noteId: string;
  sessionId: string;
  patientId: string;
  sessionKind: SessionKind;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
  authorId: string;
  signedAt: Date | null;
  signedBy: string | null;
  sharedBody: string | null;
  body: string | null;
  addenda: { id: string; authorId: string; createdAt: Date; body: string | null }[];
  createdAt: Date;
  updatedAt: Date;
}
