import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ageInYears } from '../../common/age';
import { NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import type { IopHoursQuery } from './dto/iop-hours.dto';
import { IopAttendanceReader } from './iop-attendance.service';
import { type IopWeek, iopTargetHours, iopWeeks } from './iop-weeks';
import { IOP_TARGET } from '../sessions-settings';

export interface IopHours {
  patientId: string;
  /** The level of care of the patient's latest ASAM assessment, if any (2.1 is IOP). */
  levelOfCare: string | null;
  timeZone: string;
  targetHours: number;
  weeks: IopWeek[];
}

const MAX_WEEKS = 53;

/** Weekly scheduled and attended hours of a patient against the IOP target by age (ASAM level 2.1). */
@Injectable()
export class IopHoursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
    private readonly attendance: IopAttendanceReader,
  ) {}

  async weeks(access: PatientAccess, q: IopHoursQuery): Promise<IopHours> {
    const { patientId } = access;
    const zone = this.config.PROGRAM_TIMEZONE;
    const firstDay = DateTime.fromISO(q.from, { zone });
    const lastDay = DateTime.fromISO(q.to, { zone });
    if (lastDay < firstDay) throw new ValidationFailed([{ field: 'to', message: 'must not be before from' }]);
    // Whole Monday-to-Sunday weeks in the program zone.
    const from = firstDay.startOf('week');
    const to = lastDay.startOf('week').plus({ weeks: 1 });
    if (to.diff(from, 'weeks').weeks > MAX_WEEKS) {
      throw new ValidationFailed([{ field: 'to', message: `must be at most ${MAX_WEEKS} weeks after from` }]);
    }
    const sessions = await this.attendance.sessions(this.dataSource.manager, patientId, from.toJSDate(), to.toJSDate());
    const [patient] = (await this.dataSource.query(`SELECT date_of_birth::text AS dob FROM patients WHERE id = $1`, [
      patientId,
    ])) as { dob: string }[];
    if (!patient) throw new NotFound('Patient');
    const targets = await this.settings.get(IOP_TARGET);
    const targetHoursFor = (weekStart: string) => iopTargetHours(ageInYears(patient.dob, weekStart), targets);
    // Screening's published view of the latest ASAM assessment (no import of that module, no read of its table).
    const [level] = (await this.dataSource.query(
      `SELECT recommended_level FROM patient_current_level_of_care WHERE patient_id = $1`,
      [patientId],
    )) as { recommended_level: string }[];
    await this.access.record(access, 'iop-hours.read', 'patient', patientId, undefined, {
      from: from.toISODate(), to: lastDay.toISODate(),
    });
    return {
      patientId,
      levelOfCare: level?.recommended_level ?? null,
      timeZone: zone,
      targetHours: targetHoursFor(lastDay.startOf('week').toISODate() as string),
      weeks: iopWeeks({ from: from.toJSDate(), to: to.toJSDate(), timeZone: zone, sessions, targetHoursFor }),
    };
  }
}
