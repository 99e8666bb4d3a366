import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('settings')
export class Setting {
  @PrimaryColumn('text')
  key: string;

  @Column('jsonb')
  value: unknown;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @Column('timestamptz')
  updatedAt: Date;
}
