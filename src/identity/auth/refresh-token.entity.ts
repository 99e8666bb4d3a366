import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One refresh token; rotation chains tokens of one login into a family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('uuid')
  familyId: string;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { nullable: true })
  replacedBy: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
