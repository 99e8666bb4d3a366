import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AppConfig } from '../../config/app-config';
import {
  CreateMedicationOrderDto,
  DiscontinueOrderDto,
  MedicationOrderResponse,
  OrderListQuery,
  ScheduledDoseResponse,
} from './dto/medication-order.dto';
import { MedicationOrdersService } from './medication-orders.service';

@ApiTags('detox')
@Controller('patients/:id/medication-orders')
export class MedicationOrdersController {
  constructor(
    private readonly orders: MedicationOrdersService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('medication-orders.manage', {
    summary: 'Order a medication',
    description:
      'Drug, dose and unit, route, times of day (program time zone) or asNeeded, start and end dates, maxDosePer24h ' +
      '(default from the documented table: baclofen 80 mg, lofexidine 2.88 mg, chlordiazepoxide 300 mg; required for ' +
      'other drugs). An optional taper {startDose, stepDown, everyDays, floor} generates the dated schedule. Orders ' +
      'are never edited: give replacesOrderId to discontinue the old order in the same step.',
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateMedicationOrderDto,
  ): Promise<MedicationOrderResponse> {
    const { order, scheduledDoseCount } = await this.orders.create(access, body);
    return MedicationOrderResponse.of(order, scheduledDoseCount);
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('medication-orders.read', { summary: "The patient's medication orders, newest first" })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: OrderListQuery,
  ): Promise<MedicationOrderResponse[]> {
    return (await this.orders.list(access, query.status)).map((o) =>
      MedicationOrderResponse.of(o.order, o.scheduledDoseCount),
    );
  }

  @Get(':orderId')
  @PatientScoped('id')
  @RequirePermission('medication-orders.read', { summary: 'One medication order' })
  async get(
    @Patient() access: PatientAccess,
    @Param('orderId', ParseUUIDPipe) orderId: string,
  ): Promise<MedicationOrderResponse> {
    const { order, scheduledDoseCount } = await this.orders.get(access, orderId);
    return MedicationOrderResponse.of(order, scheduledDoseCount);
  }

  @Get(':orderId/scheduled-doses')
  @PatientScoped('id')
  @RequirePermission('medication-orders.read', {
    summary: "The order's dated schedule and what became of each dose",
    description: 'Status: given, cancelled (after discontinuation), before_order, missed (past the grace period), due, upcoming.',
  })
  async scheduledDoses(
    @Patient() access: PatientAccess,
    @Param('orderId', ParseUUIDPipe) orderId: string,
  ): Promise<ScheduledDoseResponse[]> {
    const { order, doses } = await this.orders.scheduledDoses(access, orderId);
    const zone = this.config.PROGRAM_TIMEZONE;
    return doses.map(({ dose, status, administrationId }) =>
      Object.assign(new ScheduledDoseResponse(), {
        id: dose.id, orderId: dose.orderId, scheduledAt: dose.scheduledAt,
        scheduledLocal: DateTime.fromJSDate(dose.scheduledAt, { zone }).toISO() as string,
        dayNumber: dose.dayNumber, dose: dose.dose, unit: order.unit, status, administrationId,
      }),
    );
  }

  @Post(':orderId/discontinue')
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('medication-orders.manage', { summary: 'Discontinue a medication order (with a reason)' })
  async discontinue(
    @Patient() access: PatientAccess,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Body() body: DiscontinueOrderDto,
  ): Promise<MedicationOrderResponse> {
    const { order, scheduledDoseCount } = await this.orders.discontinue(access, orderId, body.reason);
    return MedicationOrderResponse.of(order, scheduledDoseCount);
  }
}
