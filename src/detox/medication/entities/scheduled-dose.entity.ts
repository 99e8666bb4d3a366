import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numeric } from '../../entities/numeric.transformer';

/** One dated dose of a scheduled (possibly tapering) order, generated when the order is written. */
@Entity('medication_scheduled_doses')
export class ScheduledDose {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orderId: string;

  @Column('uuid')
  patientId: string;

  @Column('timestamptz')
  scheduledAt: Date;

  @Column('numeric', { precision: 12, scale: 4, transformer: numeric })
  dose: number;

  /** 1 = the order's start date. */
  @Column('integer')
  dayNumber: number;
}
