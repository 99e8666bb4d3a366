import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsPositive, IsString, IsUUID, Length, Max, ValidateNested } from 'class-validator';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import type { MedicationAdministration } from '../entities/medication-administration.entity';
import { RaisedAlertSummary } from '../../../platform/alerts/dto/alert.dto';
import { IsInstant } from '../../../common/http/is-instant';
import { TimeRangePageQuery } from '../../../common/http/time-range.dto';
import { PageOf } from '../../../common/http/pagination';
import { NotBlank } from '../../../common/http/not-blank';
import { IsDecimal } from '../../../common/http/is-decimal';

export class OverrideDto {
  /** Why the dose is given above the order's rolling 24-hour maximum. Stored and alerted. */
  @IsString() @Length(1, 500) @NotBlank()
  reason: string;
}

export class RecordAdministrationDto {
  @IsUUID()
  orderId: string;

  /** In the order's unit. */
  @IsDecimal(4) @IsPositive() @Max(100000)
  dose: number;

  /** When it was given (ISO 8601 with offset); not in the future (2 minutes of clock skew tolerated). */
  @IsInstant()
  givenAt: string;

  /**
   * The scheduled dose this fulfils: one not yet given, held or refused (else
   * 409 dose_already_recorded) whose time is within the missed-dose grace
   * period (setting detox.missed-dose, default 120 minutes) of givenAt (else
   * 422 dose_not_due). When omitted, the nearest not-yet-recorded scheduled
   * dose of the order within the grace period is linked.
   */
  @IsOptional() @IsUUID()
  scheduledDoseId?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class AdministrationQuery extends TimeRangePageQuery {
  @IsOptional() @IsUUID()
  orderId?: string;
}

export class OverrideResponse {
  reason: string;
}

export class AdministrationResponse {
  id: string;
  orderId: string;
  patientId: string;
  scheduledDoseId: string | null;
  dose: number;
  unit: string;
  givenAt: Date;
  givenBy: string;
  recordedAt: Date;
  /** The worst rolling 24-hour total containing this dose (itself included) when it was given. */
  rollingTotal: number;
  limitPer24h: number;
  /** Present when the dose was given above the 24-hour maximum or the ordered dose on a clinician's override. */
  override: OverrideResponse | null;

  static of(a: MedicationAdministration): AdministrationResponse {
    return Object.assign(new AdministrationResponse(), AdministrationResponse.fields(a));
  }

  protected static fields(a: MedicationAdministration) {
    return {
      id: a.id, orderId: a.orderId, patientId: a.patientId, scheduledDoseId: a.scheduledDoseId, dose: a.dose,
      unit: a.unit, givenAt: a.givenAt, givenBy: a.givenBy, recordedAt: a.recordedAt, rollingTotal: a.rollingTotal,
      limitPer24h: a.limitPer24h,
      override: a.overrideReason === null ? null : Object.assign(new OverrideResponse(), { reason: a.overrideReason }),
    };
  }
}

export class RecordedAdministrationResponse extends AdministrationResponse {
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];

  static ofRecorded(a: MedicationAdministration, alerts: Alert[]): RecordedAdministrationResponse {
    return Object.assign(new RecordedAdministrationResponse(), AdministrationResponse.fields(a), {
      alerts: alerts.map((x) => RaisedAlertSummary.of(x)),
    });
  }
}

export class AdministrationPage extends PageOf(AdministrationResponse) {}
