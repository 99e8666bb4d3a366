import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertCategory } from '../acknowledgement-rules';

export type AlertSeverity = 'warning' | 'urgent' | 'emergency';
export type AlertAudience = 'clinician' | 'case_manager' | 'care_team';
export type AlertStatus = 'open' | 'acknowledged';

/** A danger signal about one patient, raised by a module's rule and acknowledged by a person. */
@Entity('alerts')
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  /** The module that raised it: screening, detox, sessions, ... */
  @Column('text')
  source: string;

  /** The rule that fired, e.g. `news2_high`, `self_harm_risk`. */
  @Column('text')
  rule: string;

  @Column('text')
  severity: AlertSeverity;

  /** Clinical alerts are closed by clinicians, engagement alerts by case managers. */
  @Column('text')
  category: AlertCategory;

  /** Set on an escalation alert: the unacknowledged alert it escalates. */
  @Column('uuid', { nullable: true })
  escalatesAlertId: string | null;

  /** Which members of the care team it is for. */
  @Column('text')
  audience: AlertAudience;

  @Column('text')
  message: string;

  /** The values that triggered it (scores, vital signs); never names. */
  @Column('jsonb')
  reading: Record<string, unknown>;

  @Column('uuid', { nullable: true })
  readingId: string | null;

  /** When set, the same key raises the alert only once. */
  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @Column('text')
  status: AlertStatus;

  @Column('timestamptz')
  raisedAt: Date;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  @Column('uuid', { nullable: true })
  acknowledgedBy: string | null;

  @Column('text', { nullable: true })
  acknowledgementNote: string | null;
}
