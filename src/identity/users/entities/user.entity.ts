import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../../common/auth/roles';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  @Column('text')
  passwordHash: string;

  @Column('boolean')
  active: boolean;

  @Column('integer')
  failedLoginCount: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  /** Bumped on role change, deactivation and password reset: tokens carrying an older epoch are refused. */
  @Column('integer')
  tokenEpoch: number;

  @Column('integer')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
