import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** One append-only audit record; the database refuses UPDATE and DELETE. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('text', { nullable: true })
  userRole: string | null;

  @Column('text')
  action: string;

  @Column('text')
  resourceType: string;

  @Column('text', { nullable: true })
  resourceId: string | null;

  @Column('uuid', { nullable: true })
  patientId: string | null;

  @Column('text')
  outcome: AuditOutcome;

  @Column('boolean')
  emergencyAccess: boolean;

  @Column('text', { nullable: true })
  clientAddress: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('jsonb')
  details: Record<string, unknown>;

  /** The writing transaction (pg_current_xact_id), set by the database; the sealer chains only ended ones. */
  @Column('bigint', { select: false })
  transactionId: string;
}
