import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DoseUnit } from '../dose-units';
import { numeric } from '../../entities/numeric.transformer';

export const ROUTES = [
  'oral', 'sublingual', 'buccal', 'intramuscular', 'intravenous', 'subcutaneous', 'transdermal', 'intranasal',
  'inhaled', 'rectal',
] as const;
export type Route = (typeof ROUTES)[number];

export type ScheduleType = 'scheduled' | 'as_needed';
export type OrderStatus = 'active' | 'discontinued';

/**
 * A medication order. Append-only clinical record: it is changed by
 * discontinuing it and ordering again (replacesOrderId), never edited.
 */
@Entity('medication_orders')
export class MedicationOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('uuid', { nullable: true })
  episodeId: string | null;

  /** The generic name from the drug table. */
  @Column('text')
  drug: string;

  /** lower(trim(drug)) (a CHECK holds it to that); groups a patient's orders of one drug. */
  @Column('text')
  drugKey: string;

  @Column('uuid', { nullable: true })
  drugId: string | null;

  /** The name as ordered (a brand, a strength), resolved to `drug`. */
  @Column('text', { nullable: true })
  orderedName: string | null;

  @Column('numeric', { precision: 12, scale: 4, transformer: numeric })
  dose: number;

  @Column('text')
  unit: DoseUnit;

  @Column('text')
  route: Route;

  @Column('text')
  scheduleType: ScheduleType;

  /** HH:MM local times (program time zone); empty when as needed. */
  @Column('text', { array: true })
  timesOfDay: string[];

  @Column('date')
  startDate: string;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('numeric', { name: 'max_dose_per_24h', precision: 12, scale: 4, transformer: numeric })
  maxDosePer24h: number;

  @Column('text')
  maxDoseSource: 'ordered' | 'default';

  /** mg per mL of the liquid form; required for orders in mL, which count in mg through it. */
  @Column('numeric', { name: 'concentration_mg_per_ml', precision: 12, scale: 4, nullable: true, transformer: numeric })
  concentrationMgPerMl: number | null;

  /** The drug's labelled maximum per 24 h in the order's unit; a higher maxDosePer24h needs an override reason. */
  @Column('numeric', { name: 'default_max_per_24h', precision: 12, scale: 4, nullable: true, transformer: numeric })
  defaultMaxPer24h: number | null;

  @Column('text', { nullable: true })
  maxDoseOverrideReason: string | null;

  /** Contraindication findings at order time (code, message); non-empty only with an acknowledgement reason. */
  @Column('jsonb')
  contraindications: { code: string; message: string }[];

  @Column('text', { nullable: true })
  contraindicationsAckReason: string | null;

  /** Set when a taper shorter or steeper than the drug's safe taper was ordered anyway. */
  @Column('text', { nullable: true })
  taperOverrideReason: string | null;

  @Column('numeric', { precision: 12, scale: 4, nullable: true, transformer: numeric })
  taperStartDose: number | null;

  @Column('numeric', { precision: 12, scale: 4, nullable: true, transformer: numeric })
  taperStepDown: number | null;

  @Column('integer', { nullable: true })
  taperEveryDays: number | null;

  @Column('numeric', { precision: 12, scale: 4, nullable: true, transformer: numeric })
  taperFloor: number | null;

  @Column('text')
  status: OrderStatus;

  @Column('timestamptz', { nullable: true })
  discontinuedAt: Date | null;

  @Column('uuid', { nullable: true })
  discontinuedBy: string | null;

  @Column('text', { nullable: true })
  discontinueReason: string | null;

  @Column('uuid', { nullable: true })
  replacesOrderId: string | null;

  @Column('uuid')
  orderedBy: string;

  @Column('timestamptz')
  orderedAt: Date;
}
