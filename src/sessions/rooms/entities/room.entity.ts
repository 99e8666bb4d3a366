import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A room sessions are held in; capacity counts everyone in it (patients and clinicians). */
@Entity('rooms')
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('integer')
  capacity: number;

  /** Inactive rooms keep their history but cannot be booked. */
  @Column('boolean')
  active: boolean;

  @Column('integer')
  version: number;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
