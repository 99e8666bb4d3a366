import { Body, Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Sse } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patients, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AlertPatient } from './alert-patient.resolver';
import { AlertSubscriptions } from './alert-subscription.service';
import { AlertsService } from './alerts.service';
import { AcknowledgeAlertDto, AlertPage, AlertQuery, AlertResponse } from './dto/alert.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly subscriptions: AlertSubscriptions,
  ) {}

  @Get()
  @RequirePermission('alerts.read', { summary: "Alerts on the caller's patients, newest first" })
  async list(@CurrentUser() user: AuthUser, @Query() query: AlertQuery): Promise<AlertPage> {
    const page = await this.alerts.list(user, query);
    return { ...page, items: page.items.map((a) => AlertResponse.of(a, user.role)) };
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @RequirePermission('alerts.read', {
    summary: "Server-Sent Events: each new alert on the caller's patients as it is raised",
    description:
      'Events are `alert` with an AlertResponse as data (each one audited for its patient); a `heartbeat` event ' +
      'every 25 seconds keeps the connection open. The caller and each alert are checked again before every event: ' +
      'alerts on patients the caller no longer reaches are not sent, and when the token expires, the account is ' +
      'deactivated or its sessions end, a last `end` event with `{ "reason": "token_expired" | "account_deactivated" | ' +
      '"session_ended" | "unavailable" }` is sent and the stream is closed.',
  })
  streamAlerts(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    return this.subscriptions.open(user);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @PatientScoped({ resolver: AlertPatient })
  @RequirePermission('alerts.acknowledge', {
    summary: 'Acknowledge an alert (records who, when and the note)',
    description:
      'Clinical alerts are acknowledged by a clinician on the care team or under emergency access (403 otherwise), ' +
      'with a note when urgent or emergency (400 naming `note`); engagement alerts by a case manager.',
  })
  async acknowledge(
    @CurrentUser() user: AuthUser,
    @Patients() accesses: readonly PatientAccess[],
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcknowledgeAlertDto,
  ): Promise<AlertResponse> {
    return AlertResponse.of(await this.alerts.acknowledge(user, accesses, id, body.note), user.role);
  }
}
