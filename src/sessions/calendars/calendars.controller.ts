import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { CalendarsService } from './calendars.service';
import { CalendarQuery } from './dto/calendar.dto';

const ICS = 'text/calendar; charset=utf-8';
const FEED =
  'RFC 5545 iCalendar: one VEVENT per session with a stable UID `<sessionId>@outpatient-program`, start and end ' +
  'as local times of the program time zone (`DTSTART;TZID=...`, with its VTIMEZONE), SEQUENCE bumped on every ' +
  'change and cancelled sessions as STATUS:CANCELLED. Summaries name the kind of session, never a patient. ' +
  'Default range: 90 days back to 18 months (548 days) ahead, so a subscribed calendar shows every session ' +
  'booked in that horizon; `from`/`to` (date-times with offset) choose another, at most 731 days long.';

@ApiTags('sessions')
@Controller()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get('clinicians/:id/calendar.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @RequirePermission('calendars.read', { summary: "A clinician's sessions as an iCalendar feed", description: FEED })
  clinician(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CalendarQuery,
  ): Promise<string> {
    return this.calendars.clinician(user, id, query);
  }

  @Get('patients/:id/calendar.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @PatientScoped('id')
  @RequirePermission('calendars.read', {
    summary: "A patient's sessions as an iCalendar feed (care team only)",
    description: FEED,
  })
  patient(
    @Patient() access: PatientAccess,
    @Query() query: CalendarQuery,
  ): Promise<string> {
    return this.calendars.patient(access, query);
  }
}
