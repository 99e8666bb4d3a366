import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ObservationSign } from '../observation-signs';

export type SignSeverity = 'mild' | 'moderate' | 'severe';

/** One sign of an observation, present or explicitly absent; at most one row per sign. */
@Entity('observation_signs')
export class ObservationSignEntry {
  @PrimaryColumn('uuid')
  observationId: string;

  @PrimaryColumn('text')
  sign: ObservationSign;

  @Column('boolean')
  present: boolean;

  @Column('text', { nullable: true })
  severity: SignSeverity | null;

  @Column('text', { nullable: true })
  note: string | null;
}
