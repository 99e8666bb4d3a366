import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../../common/http/pagination';
import { SESSION_KINDS, type SessionKind } from '../../session-kinds';
import type { FullNote, PatientNoteCopy } from './session-note-views';
import { NotBlank } from '../../../common/http/not-blank';

export class NotePartDto {
  /** A patient booked into the session. */
  @IsUUID()
  patientId: string;

  /** What concerns this patient only; filed in this patient's record and shown to no other. */
  @IsString()
  @Length(1, 20000) @NotBlank()
  body: string;
}

export class CreateSessionNoteDto {
  /** What the session did as a whole (required for group sessions); shown in every attendee's copy. */
  @IsOptional()
  @IsString()
  @Length(1, 20000) @NotBlank()
  sharedBody?: string;

  /** One part per patient the note is filed for. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotePartDto)
  parts: NotePartDto[];
}

export class UpdateSessionNoteDto {
  /** New shared part, or null to remove it (not for group sessions). Omit to keep it. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Length(1, 20000) @NotBlank()
  sharedBody?: string | null;

  /** Replaces every part when given. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotePartDto)
  parts?: NotePartDto[];
}

export class CreateAddendumDto {
  @IsString()
  @Length(1, 20000) @NotBlank()
  body: string;

  /** Adds to this patient's part only; omit to add to the shared part (every attendee's copy). */
  @IsOptional()
  @IsUUID()
  patientId?: string;
}

export class NotePartResponse {
  patientId: string;
  body: string;
}

export class AddendumResponse {
  id: string;
  /** The patient whose part this adds to; null for the shared part. */
  patientId: string | null;
  authorId: string;
  createdAt: Date;
  body: string;
}

/** The whole note, as its clinicians see it: every part. */
export class SessionNoteResponse {
  id: string;
  sessionId: string;
  authorId: string;
  sharedBody: string | null;
  @ApiProperty({ type: [NotePartResponse] })
  parts: NotePartResponse[];
  signedAt: Date | null;
  signedBy: string | null;
  @ApiProperty({ type: [AddendumResponse] })
  addenda: AddendumResponse[];
  version: number;
  createdAt: Date;
  updatedAt: Date;

  static of(n: FullNote): SessionNoteResponse {
    return Object.assign(new SessionNoteResponse(), {
      id: n.note.id, sessionId: n.note.sessionId, authorId: n.note.authorId, sharedBody: n.note.sharedBody,
      parts: n.parts.map((p) => ({ patientId: p.patientId, body: p.body })),
      signedAt: n.note.signedAt, signedBy: n.note.signedBy,
      addenda: n.addenda.map((a) => ({ id: a.id, patientId: a.patientId, authorId: a.authorId, createdAt: a.createdAt, body: a.body })),
      version: n.note.version, createdAt: n.note.createdAt, updatedAt: n.note.updatedAt,
    });
  }
}

export class CopyAddendumResponse {
  id: string;
  authorId: string;
  createdAt: Date;
  /** Only with permission `session-notes.read-body`. */
  body?: string;
}

/**
 * One patient's copy of a session note: the shared part, this patient's own
 * part and the addenda to either, never another attendee's id or part.
 * Without `session-notes.read-body` (case managers) only that a note exists.
 */
export class PatientNoteResponse {
  noteId: string;
  sessionId: string;
  patientId: string;
  @ApiProperty({ enum: SESSION_KINDS })
  sessionKind: SessionKind;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
  authorId: string;
  signedAt: Date | null;
  signedBy: string | null;
  /** Whether this response carries the note's text. */
  bodyIncluded: boolean;
  sharedBody?: string | null;
  body?: string;
  @ApiProperty({ type: [CopyAddendumResponse] })
  addenda: CopyAddendumResponse[];
  createdAt: Date;
  updatedAt: Date;

  static of(c: PatientNoteCopy, withBody: boolean): PatientNoteResponse {
    return Object.assign(new PatientNoteResponse(), {
      noteId: c.noteId, sessionId: c.sessionId, patientId: c.patientId, sessionKind: c.sessionKind,
      sessionStartsAt: c.sessionStartsAt, sessionEndsAt: c.sessionEndsAt, authorId: c.authorId,
      signedAt: c.signedAt, signedBy: c.signedBy, bodyIncluded: withBody,
      ...(withBody ? { sharedBody: c.sharedBody, body: c.body } : {}),
      addenda: c.addenda.map((a) => ({
        id: a.id, authorId: a.authorId, createdAt: a.createdAt, ...(withBody ? { body: a.body } : {}),
      })),
      createdAt: c.createdAt, updatedAt: c.updatedAt,
    });
  }
}

export class PatientNotePage extends PageOf(PatientNoteResponse) {}

export class PatientNoteQuery extends PageQuery {}
