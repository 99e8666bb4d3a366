import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AnswerValue } from '../../common/questionnaire';
import type { InstrumentId } from '../instruments';

/** One completed instrument, scored by the server with the instrument version it was scored with. */
@Entity('screenings')
export class Screening {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text')
  instrument: InstrumentId;

  @Column('text')
  instrumentVersion: string;

  /** Answers keyed by item key, whichever form (array or object) the client sent. */
  @Column('jsonb')
  answers: Record<string, AnswerValue>;

  @Column('jsonb')
  itemScores: Record<string, number>;

  @Column('integer')
  total: number;

  @Column('text')
  band: string;

  @Column('text', { array: true })
  flags: string[];

  @Column('timestamptz')
  administeredAt: Date;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
