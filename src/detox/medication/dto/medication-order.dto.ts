import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { RaisedAlertSummary } from '../../../platform/alerts/dto/alert.dto';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import { DOSE_UNITS, type DoseUnit } from '../dose-units';
import { type MedicationOrder, ROUTES, type Route } from '../entities/medication-order.entity';
import type { ScheduledDoseStatus } from '../scheduled-dose-status';
import { NotBlank } from '../../../common/http/not-blank';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';
import { IsDecimal } from '../../../common/http/is-decimal';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class TaperDto {
  @IsDecimal(4) @IsPositive() @Max(100000)
  startDose: number;

  /** Lowered by this much every `everyDays` days. */
  @IsDecimal(4) @IsPositive() @Max(100000)
  stepDown: number;

  @IsInt() @Min(1) @Max(366)
  everyDays: number;

  /** The dose the taper stops at; 0 = stop the drug after the last step. */
  @IsDecimal(4) @Min(0) @Max(100000)
  floor: number;
}

/**
 * A medication order. Give either `timesOfDay` (scheduled) or `asNeeded: true`.
 * With a taper the server generates the dated schedule (taper.ts), rounded to
 * the drug's dose step; `dose` is then optional and equals `taper.startDose`.
 * The drug comes from the drug table (GET /api/v1/drugs) by generic or brand
 * name; `maxDosePer24h` defaults to its labelled maximum (baclofen 80 mg) and
 * is required when it has none.
 */
export class CreateMedicationOrderDto {
  /** Drug name from the drug table, generic or brand, optionally with a strength (e.g. "Lioresal 10 mg"). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @Length(1, 100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 .,()\/+-]*$/, { message: 'drug must be a drug name (letters, digits, spaces, . , ( ) / + -)' })
  drug: string;

  @IsOptional() @IsDecimal(4) @IsPositive() @Max(100000)
  dose?: number;

  @ApiProperty({ enum: DOSE_UNITS })
  @IsIn(DOSE_UNITS)
  unit: DoseUnit;

  @ApiProperty({ enum: ROUTES })
  @IsIn(ROUTES)
  route: Route;

  /** Local times (program time zone), HH:MM 24-hour. */
  @IsOptional() @IsArray() @ArrayMaxSize(12)
  @Matches(TIME, { each: true, message: 'each time of day must be HH:MM (24-hour)' })
  timesOfDay?: string[];

  @IsOptional() @IsBoolean()
  asNeeded?: boolean;

  /** First day, YYYY-MM-DD in the program time zone. */
  @IsCalendarDate()
  startDate: string;

  /** Last day (inclusive), YYYY-MM-DD. Optional with a taper (it ends at the floor). */
  @IsOptional() @IsCalendarDate()
  endDate?: string;

  /** For orders in mL: the liquid form's concentration in mg per mL (required for mL, refused otherwise). */
  @IsOptional() @IsDecimal(4) @IsPositive() @Max(10000)
  concentrationMgPerMl?: number;

  @IsOptional() @IsDecimal(4) @IsPositive() @Max(1000000)
  maxDosePer24h?: number;

  /** Why maxDosePer24h is above the drug's labelled maximum; required then, stored and alerted. */
  @IsOptional() @IsString() @Length(1, 500) @NotBlank()
  maxDoseOverrideReason?: string;

  /** Why the order goes ahead despite the contraindication findings it would be refused for; stored and alerted. */
  @IsOptional() @IsString() @Length(1, 500) @NotBlank()
  contraindicationsAckReason?: string;

  /** Why a taper shorter or steeper than the drug's safe taper is ordered; stored and alerted. */
  @IsOptional() @IsString() @Length(1, 500) @NotBlank()
  taperOverrideReason?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => TaperDto)
  taper?: TaperDto;

  /** The active order this one replaces; it is discontinued in the same step. */
  @IsOptional() @IsUUID()
  replacesOrderId?: string;
}

export class DiscontinueOrderDto {
  @IsString() @Length(1, 500) @NotBlank()
  reason: string;
}

export class OrderListQuery {
  @ApiPropertyOptional({ enum: ['active', 'discontinued'] })
  @IsOptional() @IsIn(['active', 'discontinued'])
  status?: 'active' | 'discontinued';
}

export class TaperResponse {
  startDose: number;
  stepDown: number;
  everyDays: number;
  floor: number;
}

export class ContraindicationFindingResponse {
  code: string;
  message: string;
}

export class MedicationOrderResponse {
  id: string;
  patientId: string;
  episodeId: string | null;
  /** The generic name from the drug table. */
  drug: string;
  drugId: string | null;
  /** The name as ordered (a brand or a strength), when it differs from `drug`. */
  orderedName: string | null;
  dose: number;
  unit: string;
  route: string;
  asNeeded: boolean;
  timesOfDay: string[];
  startDate: string;
  endDate: string | null;
  maxDosePer24h: number;
  /** `default` when taken from the documented default table. */
  @ApiProperty({ enum: ['ordered', 'default'] })
  maxDoseSource: string;
  /** The drug's labelled maximum per 24 hours in the order's unit. */
  defaultMaxPer24h: number | null;
  maxDoseOverrideReason: string | null;
  concentrationMgPerMl: number | null;
  @ApiProperty({ type: [ContraindicationFindingResponse] })
  contraindications: ContraindicationFindingResponse[];
  contraindicationsAckReason: string | null;
  taperOverrideReason: string | null;
  taper: TaperResponse | null;
  /** How many dated doses the schedule holds (0 for as-needed or open-ended orders). */
  scheduledDoseCount: number;
  @ApiProperty({ enum: ['active', 'discontinued'] })
  status: string;
  discontinuedAt: Date | null;
  discontinuedBy: string | null;
  discontinueReason: string | null;
  replacesOrderId: string | null;
  orderedBy: string;
  orderedAt: Date;

  static of(o: MedicationOrder, scheduledDoseCount: number): MedicationOrderResponse {
    const taper =
      o.taperStartDose !== null && o.taperStepDown !== null && o.taperEveryDays !== null && o.taperFloor !== null
        ? Object.assign(new TaperResponse(), {
            startDose: o.taperStartDose, stepDown: o.taperStepDown, everyDays: o.taperEveryDays, floor: o.taperFloor,
          })
        : null;
    return Object.assign(new MedicationOrderResponse(), {
      id: o.id, patientId: o.patientId, episodeId: o.episodeId, drug: o.drug, drugId: o.drugId,
      orderedName: o.orderedName, dose: o.dose, unit: o.unit, defaultMaxPer24h: o.defaultMaxPer24h,
      maxDoseOverrideReason: o.maxDoseOverrideReason, concentrationMgPerMl: o.concentrationMgPerMl,
      contraindications: o.contraindications.map((c) => Object.assign(new ContraindicationFindingResponse(), c)),
      contraindicationsAckReason: o.contraindicationsAckReason, taperOverrideReason: o.taperOverrideReason,
      route: o.route, asNeeded: o.scheduleType === 'as_needed', timesOfDay: o.timesOfDay, startDate: o.startDate,
      endDate: o.endDate, maxDosePer24h: o.maxDosePer24h, maxDoseSource: o.maxDoseSource, taper,
      scheduledDoseCount, status: o.status, discontinuedAt: o.discontinuedAt, discontinuedBy: o.discontinuedBy,
      discontinueReason: o.discontinueReason, replacesOrderId: o.replacesOrderId, orderedBy: o.orderedBy,
      orderedAt: o.orderedAt,
    });
  }
}

export class MedicationOrderWithAlertsResponse extends MedicationOrderResponse {
  /**
   * Alerts the change raised: a safety rule the order overrode, or a drug
   * that is dangerous to stop abruptly stopped before its schedule ended.
   */
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];

  static withAlerts(o: MedicationOrder, scheduledDoseCount: number, alerts: Alert[]): MedicationOrderWithAlertsResponse {
    return Object.assign(new MedicationOrderWithAlertsResponse(), MedicationOrderResponse.of(o, scheduledDoseCount), {
      alerts: alerts.map((a) => RaisedAlertSummary.of(a)),
    });
  }
}

export class ScheduledDoseResponse {
  id: string;
  orderId: string;
  scheduledAt: Date;
  /** The same instant in the program time zone, e.g. 2026-03-01T08:00:00.000-05:00. */
  scheduledLocal: string;
  dayNumber: number;
  dose: number;
  unit: string;
  @ApiProperty({
    enum: ['given', 'given_partially', 'held', 'refused', 'cancelled', 'before_order', 'missed', 'due', 'upcoming'],
  })
  status: ScheduledDoseStatus;
  administrationId: string | null;
}
