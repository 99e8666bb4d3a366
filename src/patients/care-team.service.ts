import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthUser } from '../common/auth/auth-user';
import { DomainError, NotFound } from '../common/problem/domain-error';
import { SettingsService } from '../platform/settings/settings.service';
import { User } from '../identity/users/entities/user.entity';
import type { CareTeamMemberResponse, EmergencyAccessResponse } from './dto/care-team.dto';
import { CareTeamMember } from './entities/care-team-member.entity';
import { EmergencyAccessGrant } from './entities/emergency-access-grant.entity';
import { type PatientAccess, PatientAccessService } from './access/patient-access.service';
import { PatientTeamCache } from './access/patient-team-cache.service';
import { EMERGENCY_ACCESS } from './patient-settings';

/** Who looks after a patient, and emergency access for clinicians outside the team. */
@Injectable()
export class CareTeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly teams: PatientTeamCache,
  ) {}

  async list(access: PatientAccess): Promise<CareTeamMemberResponse[]> {
    const { patientId } = access;
    const rows = (await this.dataSource.query(
      `SELECT c.user_id, u.display_name, u.role, c.added_at FROM care_team_members c
       JOIN users u ON u.id = c.user_id WHERE c.patient_id = $1 ORDER BY u.display_name, u.id`,
      [patientId],
    )) as { user_id: string; display_name: string; role: AuthUser['role']; added_at: Date }[];
    await this.access.record(access, 'care-team.read', 'care_team', patientId);
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, role: r.role, addedAt: r.added_at }));
  }

  /** Changing the team needs membership or the admin role (the guard refuses emergency access: care-team.manage). */
  async add(access: PatientAccess, memberId: string): Promise<CareTeamMemberResponse[]> {
    const { user, patientId } = access;
    await this.dataSource.transaction(async (manager) => {
      const member = await manager.findOneBy(User, { id: memberId });
      if (!member || !member.active) throw new NotFound('User');
      if (member.role === 'admin') {
        throw new DomainError('not_care_team_role', 'Only clinicians and case managers can be on a care team.');
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(CareTeamMember)
        .values({ patientId, userId: memberId, addedBy: user.id })
        .orIgnore()
        .execute();
      await this.access.record(access, 'care-team.add', 'care_team', patientId, manager, { userId: memberId });
    });
    return this.list(access);
  }

  async remove(access: PatientAccess, memberId: string): Promise<void> {
    const { patientId } = access;
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(CareTeamMember, { patientId, userId: memberId });
      if (result.affected !== 1) throw new NotFound('Care team member');
      await this.access.record(access, 'care-team.remove', 'care_team', patientId, manager, { userId: memberId });
    });
    // Committed: the removed member is refused from this instance's next request on (others drop it on the NOTIFY).
    this.teams.forget(patientId);
  }

  /**
   * "Break the glass": a clinician not on the team gets time-limited access,
   * flagged in the audit trail on the grant and on every use.
   */
  async grantEmergencyAccess(user: AuthUser, patientId: string, reason: string): Promise<EmergencyAccessResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [patient] = (await manager.query(
        `SELECT EXISTS (SELECT 1 FROM care_team_members c WHERE c.patient_id = p.id AND c.user_id = $2) AS on_team
         FROM patients p WHERE p.id = $1`,
        [patientId, user.id],
      )) as { on_team: boolean }[];
      if (!patient) throw new NotFound('Patient');
      // Breaking the glass is for clinicians outside the team; a member needs no grant, and one would flag their routine reads.
      if (patient.on_team) {
        throw new DomainError('already_on_care_team', 'You are on this patient\'s care team; emergency access is for clinicians outside it.');
      }
      const { hours } = await this.settings.get(EMERGENCY_ACCESS, manager);
      const grantedAt = new Date();
      const grant = await manager.save(
        manager.create(EmergencyAccessGrant, {
          patientId, userId: user.id, reason, grantedAt, expiresAt: new Date(grantedAt.getTime() + hours * 3_600_000),
        }),
      );
      // The grant itself is the flagged "break the glass" event, whoever asks.
      await this.audit.record({
        actor: user, action: 'patient.emergency-access', resourceType: 'emergency_access_grant', resourceId: grant.id,
        patientId, emergencyAccess: true, details: { reason: grant.reason, expiresAt: grant.expiresAt },
      }, manager);
      return { id: grant.id, patientId, userId: user.id, grantedAt: grant.grantedAt, expiresAt: grant.expiresAt };
    });
  }
}
