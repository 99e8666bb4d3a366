import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, withAuditEvents } from '../platform/audit/audit.service';
import { PreparedQueries } from '../platform/sql/prepared-queries.service';
import type { AuthUser } from '../common/auth/auth-user';
import type { Page } from '../common/http/pagination';
import { NotFound, StaleVersion } from '../common/problem/domain-error';
import type { CreatePatientDto, PatientSearchDto, UpdatePatientDto } from './dto/patient.dto';
import { CareTeamMember } from './entities/care-team-member.entity';
import { PatientPhaseChange } from './entities/patient-phase-change.entity';
import { Patient } from './entities/patient.entity';
import { type PatientAccess, PatientAccessService } from './access/patient-access.service';
import type { IfMatch } from '../common/http/etag';

/** A patient's columns under the entity's property names. */
const PATIENT_COLUMNS = `p.id, p.mrn, p.given_name AS "givenName", p.family_name AS "familyName",
  p.date_of_birth::text AS "dateOfBirth", p.sex_at_birth AS "sexAtBirth", p.gender_identity AS "genderIdentity",
  p.pronouns, p.phone, p.email, p.address, p.preferred_language AS "preferredLanguage",
  p.primary_substances AS "primarySubstances", p.referral_source AS "referralSource", p.phase,
  p.discharge_reason AS "dischargeReason", p.version, p.created_by AS "createdBy", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;

/** Registration, search and demographic updates of patients. */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly audit: AuditService,
    private readonly prepared: PreparedQueries,
  ) {}

  /** Registers a patient in screening; the registering user joins the care team. */
  register(user: AuthUser, dto: CreatePatientDto): Promise<Patient> {
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Patient, {
        ...dto,
        preferredLanguage: dto.preferredLanguage ?? 'en',
        primarySubstances: dto.primarySubstances ?? [],
        phase: 'screening',
        createdBy: user.id,
      });
      const id = (identifiers[0] as { id: string }).id;
      await manager.insert(PatientPhaseChange, {
        patientId: id, fromPhase: null, toPhase: 'screening', reason: 'registered', changedBy: user.id,
      });
      await manager.insert(CareTeamMember, { patientId: id, userId: user.id, addedBy: user.id });
      const access = await this.access.require(user, id, 'patients.create', manager);
      await this.access.record(access, 'patient.create', 'patient', id, manager);
      return manager.findOneByOrFail(Patient, { id });
    });
  }

  async search(user: AuthUser, query: PatientSearchDto): Promise<Page<Patient>> {
    const qb = this.dataSource.manager.createQueryBuilder(Patient, 'p');
    if (user.role !== 'admin') qb.andWhere(PatientAccessService.scopeSql('p.id', ':uid'), { uid: user.id });
    if (query.name) {
      qb.andWhere(`(p.given_name ILIKE :name OR p.family_name ILIKE :name)`, { name: `%${escapeLike(query.name)}%` });
    }
    if (query.mrn) qb.andWhere('p.mrn = :mrn', { mrn: query.mrn.toUpperCase() });
    if (query.phase) qb.andWhere('p.phase = :phase', { phase: query.phase });
    const [items, total] = await qb
      .orderBy('p.family_name', 'ASC')
      .addOrderBy('p.given_name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    await this.audit.record({
      actor: user, action: 'patient.search', resourceType: 'patient',
      details: { resultCount: items.length, patientIds: items.map((p) => p.id) },
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** One patient, read and audited in one statement. */
  async get(access: PatientAccess): Promise<Patient> {
    const { patientId: id } = access;
    const read = withAuditEvents(
      { sql: `SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = $1`, params: [id] },
      [PatientAccessService.auditEntry(access, 'patient.read', 'patient', id)],
    );
    const [row] = await this.prepared.query<Patient>(read);
    if (!row) throw new NotFound('Patient');
    return Object.assign(new Patient(), row);
  }

  /** Applies a demographic change only if the caller saw the current version. */
  async update(access: PatientAccess, expected: IfMatch, dto: UpdatePatientDto): Promise<Patient> {
    const { patientId: id } = access;
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Patient)
        .set({ ...dto, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id', { id })
        .andWhere(...expected.sqlCondition())
        .execute();
      if (result.affected !== 1) {
        const current = await manager.findOneBy(Patient, { id });
        if (!current) throw new NotFound('Patient');
        throw new StaleVersion(current.version);
      }
      await this.access.record(access, 'patient.update', 'patient', id, manager, { fields: Object.keys(dto) });
      return manager.findOneByOrFail(Patient, { id });
    });
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
