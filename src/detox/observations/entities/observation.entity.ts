import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Signs observed at one time during a detox episode (one row per sign in observation_signs); append-only. */
@Entity('observations')
export class Observation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('uuid')
  episodeId: string;

  @Column('timestamptz')
  observedAt: Date;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
