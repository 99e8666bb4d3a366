import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type { MembershipHistoryResponse } from './dto/membership.dto';

/** A patient's memberships, current and past, as kept in support_group_memberships. */
@Injectable()
export class MembershipHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  list(access: PatientAccess): Promise<MembershipHistoryResponse[]> {
    const { patientId } = access;
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT x.id::text, x.group_id::text AS "groupId", g.name AS "groupName", x.status, x.referral,
           x.requested_at AS "requestedAt", x.seated_at AS "seatedAt", x.promoted_from_waitlist AS "promotedFromWaitlist",
           x.left_at AS "leftAt", x.leave_reason AS "leaveReason"
         FROM support_group_memberships x JOIN support_groups g ON g.id = x.group_id
         WHERE x.patient_id = $1 ORDER BY x.requested_at DESC, x.arrival DESC`,
        [patientId],
      )) as MembershipHistoryResponse[];
      await this.access.record(access, 'support-group-membership.read', 'patient', patientId, m, { count: rows.length });
      return rows;
    });
  }
}
