import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../platform/alerts/alerts.module';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../platform/settings/settings.service';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { BookingGuard } from './scheduling/booking-guard.service';
import { CalendarsController } from './calendars/calendars.controller';
import { CalendarsService } from './calendars/calendars.service';
import { Room } from './rooms/entities/room.entity';
import { SessionAttendance } from './attendance/entities/session-attendance.entity';
import { SessionClinician, SessionPatient } from './scheduling/entities/session-booking.entity';
import { SessionNote, SessionNoteAddendum, SessionNotePart } from './notes/entities/session-note.entity';
import { SessionSeries } from './scheduling/entities/session-series.entity';
import { Session } from './scheduling/entities/session.entity';
import { IopHoursController } from './iop/iop-hours.controller';
import { IopHoursService } from './iop/iop-hours.service';
import { IopAttendanceReader } from './iop/iop-attendance.service';
import { IopShortfallJob } from './iop/iop-shortfall.job';
import { AttendancePatient, SessionNotePatients, SessionNotePatientsBySession } from './record-patients.resolvers';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsService } from './rooms/rooms.service';
import { SchedulingService } from './scheduling/scheduling.service';
import { SessionNotesController } from './notes/session-notes.controller';
import { SessionNotesService } from './notes/session-notes.service';
import { PatientNoteCopiesService } from './notes/patient-note-copies.service';
import { SessionQueries } from './scheduling/session-queries.service';
import { SessionRelease } from './scheduling/session-release.service';
import { SessionSearchService } from './scheduling/session-search.service';
import { SessionsController } from './scheduling/sessions.controller';
import { SESSION_SETTINGS } from './sessions-settings';

/** Outpatient sessions: rooms, scheduling without double booking, attendance, notes, calendars, IOP hours. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Room, Session, SessionSeries, SessionClinician, SessionPatient, SessionAttendance,
      SessionNote, SessionNotePart, SessionNoteAddendum,
    ]),
    PatientsModule,
    AlertsModule,
  ],
  controllers: [
    RoomsController, SessionsController, AttendanceController, SessionNotesController, CalendarsController,
    IopHoursController,
  ],
  providers: [
    SessionQueries, BookingGuard, SchedulingService, SessionSearchService, RoomsService, AttendanceService,
    SessionNotesService, PatientNoteCopiesService, CalendarsService, IopHoursService, SessionNotePatients, SessionNotePatientsBySession,
    AttendancePatient, IopShortfallJob, IopAttendanceReader, SessionRelease,
  ],
})
export class SessionsModule implements OnModuleInit {
  constructor(
    private readonly settings: SettingsService,
    private readonly phases: PatientPhaseService,
    private readonly sessionRelease: SessionRelease,
  ) {}

  onModuleInit(): void {
    for (const definition of SESSION_SETTINGS) this.settings.define<unknown>(definition);
    this.phases.registerEffect(this.sessionRelease);
  }
}
