import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionKind } from '../../session-kinds';

export type SessionStatus = 'scheduled' | 'cancelled';
export type CancelledBy = 'patient' | 'program';

/** One outpatient session: when, where, and (in its booking tables) with whom. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: SessionKind;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('uuid', { nullable: true })
  roomId: string | null;

  @Column('uuid', { nullable: true })
  seriesId: string | null;

  @Column('text')
  status: SessionStatus;

  @Column('text', { nullable: true })
  cancelledBy: CancelledBy | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { nullable: true })
  cancelledByUser: string | null;

  @Column('integer')
  version: number;

  @Column('uuid')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
