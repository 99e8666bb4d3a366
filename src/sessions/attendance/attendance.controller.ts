import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patients, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AttendanceService } from './attendance.service';
import { AttendanceResponse, RecordAttendanceDto } from './dto/attendance.dto';
import { AttendancePatient } from '../record-patients.resolvers';

@ApiTags('sessions')
@Controller('sessions/:id/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post()
  @PatientScoped({ resolver: AttendancePatient })
  @RequirePermission('attendance.record', {
    summary: "Record (or correct) one patient's attendance at a session",
    description:
      'Statuses: attended, late, left_early (both need minutesAttended), no_show, cancelled (the patient cancelled; ' +
      'no minutes). minutesAttended is at most the session duration. Only once the session has started, never for a ' +
      'cancelled session. Consecutive no-shows (setting `sessions.no-show-alert`, default 2) raise one engagement alert ' +
      'per streak for the case manager.',
  })
  async record(
    @Patients() accesses: readonly PatientAccess[],
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordAttendanceDto,
  ): Promise<AttendanceResponse> {
    return AttendanceResponse.of(await this.attendance.record(accesses, id, body));
  }

  @Get()
  @RequirePermission('sessions.read', { summary: "Attendance at a session, for the caller's patients only" })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AttendanceResponse[]> {
    return (await this.attendance.list(user, id)).map((a) => AttendanceResponse.of(a));
  }
}
