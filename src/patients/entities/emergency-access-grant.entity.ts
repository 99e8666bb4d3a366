import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A time-limited "break the glass" grant for a clinician outside the care team. */
@Entity('emergency_access_grants')
export class EmergencyAccessGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  reason: string;

  @Column('timestamptz')
  grantedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
