import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { boundedTimeRange } from '../../common/http/time-range';
import { NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { BookingGuard } from './booking-guard.service';
import type { FreeSlotsQuery, SessionQuery } from './dto/session.dto';
import { findFreeSlots } from './free-slots';
import type { Interval } from './overlap';
import { SessionQueries, type SessionView } from './session-queries.service';
import { WORKING_HOURS } from '../sessions-settings';


/** Calendars of clinicians, patients and rooms, one session, and free-slot proposals. */
@Injectable()
export class SessionSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: SessionQueries,
    private readonly access: PatientAccessService,
    private readonly audit: AuditService,
    private readonly guard: BookingGuard,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Sessions of a clinician, patient and/or room overlapping [from, to).
   * A patient filter needs access to that patient; otherwise sessions show
   * only the caller's own patients. Answers with the SessionPage JSON text.
   */
  async list(user: AuthUser, q: SessionQuery): Promise<string> {
    if (!q.clinicianId && !q.patientId && !q.roomId) {
      throw new ValidationFailed([{ field: 'clinicianId', message: 'give clinicianId, patientId or roomId' }]);
    }
    const { from, to } = boundedTimeRange(q.from, q.to, 366);
    const access = q.patientId ? await this.access.require(user, q.patientId, 'sessions.read') : undefined;
    // Under a patient filter the event is that patient's; otherwise it names every patient the page shows.
    const audit = access
      ? { entry: PatientAccessService.auditEntry(access, 'session.list', 'session', null), patientIds: false }
      : { entry: { actor: user, action: 'session.list', resourceType: 'session' }, patientIds: true };
    return this.queries.calendar(user.id, {
      ...(q.clinicianId ? { clinicianId: q.clinicianId } : {}),
      ...(q.patientId ? { patientId: q.patientId } : {}),
      ...(q.roomId ? { roomId: q.roomId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      from, to, limit: q.limit, offset: q.offset,
    }, audit);
  }

  async get(user: AuthUser, id: string): Promise<SessionView> {
    const session = await this.queries.view(user.id, id);
    if (!session) throw new NotFound('Session');
    await this.audit.record({
      actor: user, action: 'session.read', resourceType: 'session', resourceId: id,
      details: { patientIds: session.visiblePatientIds },
    });
    return session;
  }

  /** The earliest slots within working hours where every clinician and the room are free. */
  async freeSlots(q: FreeSlotsQuery): Promise<Interval[]> {
    const clinicianIds = q.clinicianIds ?? [];
    if (clinicianIds.length === 0 && !q.roomId) {
      throw new ValidationFailed([{ field: 'clinicianIds', message: 'give clinicianIds, roomId or both' }]);
    }
    const { from, to } = boundedTimeRange(q.from, q.to, 62);
    if (clinicianIds.length > 0) await this.guard.requireClinicians(this.dataSource.manager, clinicianIds);
    if (q.roomId) await this.guard.requireRoom(this.dataSource.manager, q.roomId, 0);
    const hours = await this.settings.get(WORKING_HOURS);
    const busy = await this.queries.busy(clinicianIds, q.roomId ?? null, from, to);
    return findFreeSlots({
      from, to, durationMinutes: q.durationMinutes, busy, limit: q.limit, stepMinutes: hours.stepMinutes,
      workingHours: { timeZone: this.config.PROGRAM_TIMEZONE, days: hours.days, start: hours.start, end: hours.end },
    });
  }
}
