import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DETOX_SETTINGS = ['ambulatory', 'ambulatory_extended_monitoring'] as const;
export type DetoxSetting = (typeof DETOX_SETTINGS)[number];

export const DETOX_OUTCOMES = ['completed', 'transferred_higher_level', 'left_against_advice', 'other'] as const;
export type DetoxOutcome = (typeof DETOX_OUTCOMES)[number];

/** One supervised withdrawal of a patient; at most one is open per patient. */
@Entity('detox_episodes')
export class DetoxEpisode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  /** Substances being withdrawn, e.g. alcohol, opioids, baclofen. */
  @Column('text', { array: true })
  substances: string[];

  @Column('integer')
  expectedLengthDays: number;

  @Column('text')
  setting: DetoxSetting;

  @Column('timestamptz')
  startedAt: Date;

  @Column('uuid')
  startedBy: string;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  @Column('uuid', { nullable: true })
  endedBy: string | null;

  @Column('text', { nullable: true })
  outcome: DetoxOutcome | null;

  @Column('text', { nullable: true })
  endNote: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
