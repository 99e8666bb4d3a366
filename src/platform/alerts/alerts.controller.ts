import { Body, Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Sse } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { concatMap, filter, from, interval, map, merge, Observable, takeUntil } from 'rxjs';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patients, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AlertPatient } from './alert-patient.resolver';
import { AlertStreamService } from './alert-stream.service';
import { AlertsService } from './alerts.service';
import { AcknowledgeAlertDto, AlertPage, AlertQuery, AlertResponse } from './dto/alert.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly stream: AlertStreamService,
  ) {}

  @Get()
  @RequirePermission('alerts.read', { summary: "Alerts on the caller's patients, newest first" })
  async list(@CurrentUser() user: AuthUser, @Query() query: AlertQuery): Promise<AlertPage> {
    const page = await this.alerts.list(user, query);
    return { ...page, items: page.items.map((a) => AlertResponse.of(a)) };
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @RequirePermission('alerts.read', {
    summary: "Server-Sent Events: each new alert on the caller's patients as it is raised",
    description: 'Events are `alert` with an AlertResponse as data; a `heartbeat` event every 25 seconds keeps the connection open.',
  })
  streamAlerts(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    const alerts = this.stream.raised.pipe(
      concatMap((alert) => from(this.alerts.visibleTo(user, alert)).pipe(map((visible) => ({ alert, visible })))),
      filter(({ visible }) => visible),
      map(({ alert }): MessageEvent => ({ type: 'alert', id: alert.id, data: AlertResponse.of(alert) })),
    );
    const heartbeat = interval(25_000).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    return merge(alerts, heartbeat).pipe(takeUntil(this.stream.closing));
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
    return AlertResponse.of(await this.alerts.acknowledge(user, accesses, id, body.note));
  }
}
