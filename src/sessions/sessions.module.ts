import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../settings/settings.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { BookingGuard } from './booking-guard.service';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { Room } from './entities/room.entity';
import { SessionAttendance } from './entities/session-attendance.entity';
import { SessionClinician, SessionPatient } from './entities/session-booking.entity';
import { SessionNote, SessionNoteAddendum, SessionNotePart } from './entities/session-note.entity';
import { SessionSeries } from './entities/session-series.entity';
import { Session } from './entities/session.entity';
import { IopHoursController } from './iop-hours.controller';
import { IopHoursService } from './iop-hours.service';
import { AttendancePatient, SessionNotePatients, SessionNotePatientsBySession } from './record-patients.resolvers';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';
import { SchedulingService } from './scheduling.service';
import { SessionNotesController } from './session-notes.controller';
import { SessionNotesService } from './session-notes.service';
import { SessionQueries } from './session-queries.service';
import { SessionSearchService } from './session-search.service';
import { SessionsController } from './sessions.controller';
import { SESSION_SETTINGS } from './sessions-settings';

/** Outpatient sessions: rooms, scheduling without double booking, attendance, notes, calendars, IOP hours. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Room, Session, SessionSeries, SessionClinician, SessionPatient, SessionAttendance,
      SessionNote, SessionNotePart, SessionNoteAddendum,
    ]),
    PatientsModule,
  ],
  controllers: [
    RoomsController, SessionsController, AttendanceController, SessionNotesController, CalendarsController,
    IopHoursController,
  ],
  providers: [
    SessionQueries, BookingGuard, SchedulingService, SessionSearchService, RoomsService, AttendanceService,
    SessionNotesService, CalendarsService, IopHoursService, SessionNotePatients, SessionNotePatientsBySession,
    AttendancePatient,
  ],
})
export class SessionsModule implements OnModuleInit {
  constructor(private readonly settings: SettingsService) {}

  onModuleInit(): void {
    for (const definition of SESSION_SETTINGS) this.settings.define<unknown>(definition);
  }
}
