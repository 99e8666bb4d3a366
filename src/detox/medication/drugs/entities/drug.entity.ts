import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numeric } from '../../../entities/numeric.transformer';

export const CNS_DEPRESSANT_CLASSES = [
  'opioid', 'benzodiazepine', 'sedative_hypnotic', 'gabaergic_muscle_relaxant', 'barbiturate', 'gabapentinoid',
] as const;
export type CnsDepressantClass = (typeof CNS_DEPRESSANT_CLASSES)[number];
export const DRUG_UNITS = ['mcg', 'mg', 'g'] as const;
export type DrugUnit = (typeof DRUG_UNITS)[number];

/** One drug orders may pick (migration 1764600000000 seeds it and cites each row's label). */
@Entity('drugs')
export class Drug {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case generic name. */
  @Column('text')
  generic: string;

  @Column('text', { array: true })
  brands: string[];

  @Column('text', { array: true })
  forms: string[];

  @Column('text', { array: true })
  strengths: string[];

  /** The mass unit doses of this drug are counted in. */
  @Column('text')
  unit: DrugUnit;

  @Column('numeric', { name: 'default_max_per_24h', precision: 12, scale: 4, nullable: true, transformer: numeric })
  defaultMaxPer24h: number | null;

  @Column('text', { nullable: true })
  cnsDepressantClass: CnsDepressantClass | null;

  /** Stopping it abruptly is dangerous (withdrawal seizures, delirium): omitted doses alert. */
  @Column('boolean')
  abruptStopDangerous: boolean;

  /** The smallest amount that can be given (e.g. half a 10 mg baclofen tablet); tapered doses round to it. */
  @Column('numeric', { precision: 12, scale: 4, nullable: true, transformer: numeric })
  doseStep: number | null;

  @Column('integer', { nullable: true })
  minTaperDays: number | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;
}

/**
 * Every name an order may use for a drug (its generic and brands), lower-case;
 * each belongs to one drug. A brand that is one product of the drug has its own
 * forms and strengths (null: the drug's).
 */
@Entity('drug_names')
export class DrugName {
  @PrimaryColumn('text')
  name: string;

  @Column('uuid')
  drugId: string;

  @Column('text', { array: true, nullable: true })
  forms: string[] | null;

  @Column('text', { array: true, nullable: true })
  strengths: string[] | null;
}
