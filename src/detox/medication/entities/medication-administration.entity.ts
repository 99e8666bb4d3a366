import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DoseUnit } from '../dose-units';
import { numeric } from '../../entities/numeric.transformer';

/** A dose given; append-only. */
@Entity('medication_administrations')
export class MedicationAdministration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orderId: string;

  @Column('uuid')
  patientId: string;

  /** The scheduled dose this fulfils, when it fulfils one. */
  @Column('uuid', { nullable: true })
  scheduledDoseId: string | null;

  @Column('numeric', { precision: 12, scale: 4, transformer: numeric })
  dose: number;

  @Column('text')
  unit: DoseUnit;

  @Column('timestamptz')
  givenAt: Date;

  @Column('uuid')
  givenBy: string;

  @Column('timestamptz')
  recordedAt: Date;

  /** The worst rolling 24-hour total containing this dose, this dose included, when it was given. */
  @Column('numeric', { precision: 14, scale: 4, transformer: numeric })
  rollingTotal: number;

  /** The order's maximum per 24 hours when it was given. */
  @Column('numeric', { name: 'limit_per_24h', precision: 12, scale: 4, transformer: numeric })
  limitPer24h: number;

  /** Set when the dose was given above the rolling maximum on a clinician's override. */
  @Column('text', { nullable: true })
  overrideReason: string | null;
}
