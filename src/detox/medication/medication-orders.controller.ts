import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AppConfig } from '../../config/app-config';
import {
  MedicationOrderWithAlertsResponse,
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
      'Drug from the drug table (generic or brand, e.g. Lioresal 10 mg = baclofen), dose and unit (mL needs ' +
      'concentrationMgPerMl), route, times of day (program time zone) or asNeeded, start and end dates, maxDosePer24h ' +
      '(default: the labelled maximum, baclofen 80 mg; above it only with maxDoseOverrideReason). An optional taper ' +
      '{startDose, stepDown, everyDays, floor} generates the dated schedule rounded to the drug\'s dose step; one shorter ' +
      'than the drug\'s minimum taper length or dropping too fast needs taperOverrideReason. The patient must be in ' +
      'detox or outpatient with a confirmed diagnosis. Contraindications found in the record (age under 12, pregnancy, ' +
      'breastfeeding, renal impairment, other CNS depressants, alcohol use disorder, open overdose alert) refuse the ' +
      'order with their messages unless contraindicationsAckReason is given. Overrides are stored, audited and alerted. ' +
      'Orders are never edited: give replacesOrderId to discontinue the old order in the same step.',
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateMedicationOrderDto,
  ): Promise<MedicationOrderWithAlertsResponse> {
    const { order, scheduledDoseCount, alerts } = await this.orders.create(access, body);
    return MedicationOrderWithAlertsResponse.withAlerts(order, scheduledDoseCount, alerts);
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
    description:
      'Status: given (the ordered amount within the tolerance), given_partially, held, refused, cancelled (after ' +
      'discontinuation), before_order, missed (past the grace period), due, upcoming.',
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
  @RequirePermission('medication-orders.manage', {
    summary: 'Discontinue a medication order (with a reason)',
    description: 'Stopping a scheduled order of a drug that is dangerous to stop abruptly (baclofen, benzodiazepines) ' +
      'before its schedule ended is done, and raises an urgent dangerous_drug_stopped alert to arrange a taper; so ' +
      'does replacing it with an order of another drug.',
  })
  async discontinue(
    @Patient() access: PatientAccess,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Body() body: DiscontinueOrderDto,
  ): Promise<MedicationOrderWithAlertsResponse> {
    const { order, scheduledDoseCount, alerts } = await this.orders.discontinue(access, orderId, body.reason);
    return MedicationOrderWithAlertsResponse.withAlerts(order, scheduledDoseCount, alerts);
  }
}
