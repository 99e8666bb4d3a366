import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { News2Parameter, News2Risk } from '../news2';
import type { Consciousness } from '../vital-signs';
import { numeric } from '../../entities/numeric.transformer';

/** One set of vital signs with the NEWS2 computed from it; append-only. */
@Entity('vital_signs')
export class VitalSignsReading {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('uuid')
  episodeId: string;

  @Column('timestamptz')
  takenAt: Date;

  @Column('integer', { nullable: true })
  heartRate: number | null;

  @Column('integer', { nullable: true })
  systolicBp: number | null;

  @Column('integer', { nullable: true })
  diastolicBp: number | null;

  @Column('integer', { nullable: true })
  respiratoryRate: number | null;

  @Column('numeric', { precision: 3, scale: 1, nullable: true, transformer: numeric })
  temperatureC: number | null;

  @Column('integer', { nullable: true })
  spo2: number | null;

  @Column('smallint')
  spo2Scale: 1 | 2;

  @Column('boolean', { nullable: true })
  onSupplementalOxygen: boolean | null;

  @Column('text', { nullable: true })
  consciousness: Consciousness | null;

  @Column('boolean')
  news2Complete: boolean;

  @Column('integer', { nullable: true })
  news2Total: number | null;

  @Column('text', { nullable: true })
  news2Risk: News2Risk | null;

  @Column('jsonb')
  news2Subscores: Partial<Record<News2Parameter, number>>;

  @Column('text', { array: true })
  news2Missing: string[];

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
