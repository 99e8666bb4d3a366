import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Weekday } from '../recurrence';

/** The weekly rule a series of sessions was created from; each occurrence is its own session. */
@Entity('session_series')
export class SessionSeries {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { array: true })
  weekdays: Weekday[];

  @Column('integer', { nullable: true })
  occurrenceCount: number | null;

  @Column('timestamptz', { nullable: true })
  until: Date | null;

  @Column('text')
  timeZone: string;

  @Column('uuid')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;
}
