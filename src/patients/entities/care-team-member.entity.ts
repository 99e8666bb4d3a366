import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('care_team_members')
export class CareTeamMember {
  @PrimaryColumn('uuid')
  patientId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid', { nullable: true })
  addedBy: string | null;

  @Column('timestamptz')
  addedAt: Date;
}
