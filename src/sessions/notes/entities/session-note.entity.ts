import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The clinical note of one session: an optional shared part (what the group
 * did) and one part per patient, filed in that patient's record. Immutable
 * once signed (a database trigger enforces it).
 */
@Entity('session_notes')
export class SessionNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  authorId: string;

  @Column('text', { nullable: true })
  sharedBody: string | null;

  @Column('timestamptz', { nullable: true })
  signedAt: Date | null;

  @Column('uuid', { nullable: true })
  signedBy: string | null;

  @Column('integer')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}

/** The part of a session note about one patient; only that patient's copy shows it. */
@Entity('session_note_parts')
export class SessionNotePart {
  @PrimaryColumn('uuid')
  noteId: string;

  @PrimaryColumn('uuid')
  patientId: string;

  @Column('uuid')
  sessionId: string;

  @Column('text')
  body: string;
}

/** A later change to a signed note; append-only. For one patient's part, or the shared part when patientId is null. */
@Entity('session_note_addenda')
export class SessionNoteAddendum {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  noteId: string;

  @Column('uuid', { nullable: true })
  patientId: string | null;

  @Column('text')
  body: string;

  @Column('uuid')
  authorId: string;

  @Column('timestamptz')
  createdAt: Date;
}
