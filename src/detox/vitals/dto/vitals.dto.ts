import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional } from 'class-validator';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import type { VitalSignsReading } from '../entities/vital-signs-reading.entity';
import type { Consciousness } from '../vital-signs';
import { RaisedAlertSummary } from '../../../platform/alerts/dto/alert.dto';
import { IsInstant } from '../../../common/http/is-instant';
import { PageOf } from '../../../common/http/pagination';
import { ObservationResponse } from '../../observations/dto/observation.dto';

const CONSCIOUSNESS = ['A', 'C', 'V', 'P', 'U'] as const;
const finite = { allowNaN: false, allowInfinity: false };

/**
 * One set of vital signs. Every measurement is optional (a partial set is
 * stored, its NEWS2 reported incomplete) but at least one must be given.
 * Plausible ranges (400 naming the field outside them) are in vital-signs.ts.
 * SpO2 is scored on the patient's prescribed scale (PUT .../spo2-scale), never
 * on one the reading chooses: a `spo2Scale` field is refused.
 */
export class RecordVitalsDto {
  /**
   * When the set was taken (ISO 8601 with offset); not in the future (2 minutes
   * of clock skew tolerated), nor before the open detox episode started.
   */
  @ApiProperty({ example: '2026-03-02T08:30:00-05:00' })
  @IsInstant()
  takenAt: string;

  @ApiPropertyOptional({ description: 'beats/min, 20-250', example: 112 })
  @IsOptional() @IsNumber(finite)
  heartRate?: number;

  @ApiPropertyOptional({ description: 'mmHg, 50-260', example: 148 })
  @IsOptional() @IsNumber(finite)
  systolicBp?: number;

  @ApiPropertyOptional({ description: 'mmHg, 20-160, below systolic', example: 92 })
  @IsOptional() @IsNumber(finite)
  diastolicBp?: number;

  @ApiPropertyOptional({ description: 'breaths/min, 4-60', example: 20 })
  @IsOptional() @IsNumber(finite)
  respiratoryRate?: number;

  @ApiPropertyOptional({ description: '°C, 30.0-43.5, one decimal', example: 37.9 })
  @IsOptional() @IsNumber(finite)
  temperatureC?: number;

  @ApiPropertyOptional({ description: '%, 50-100', example: 96 })
  @IsOptional() @IsNumber(finite)
  spo2?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional() @IsBoolean()
  onSupplementalOxygen?: boolean;

  @ApiPropertyOptional({ enum: CONSCIOUSNESS, example: 'A', description: 'ACVPU: alert, new confusion, voice, pain, unresponsive' })
  @IsOptional() @IsIn(CONSCIOUSNESS)
  consciousness?: Consciousness;
}

export class News2Response {
  /** False when a parameter is missing: then total and risk are null. */
  complete: boolean;
  total: number | null;
  @ApiProperty({ enum: ['low', 'low_medium', 'medium', 'high'], nullable: true })
  risk: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  subscores: Record<string, number>;
  /** The fields NEWS2 needs that were not given. */
  missing: string[];
}

export class VitalsResponse {
  id: string;
  patientId: string;
  episodeId: string;
  takenAt: Date;
  heartRate: number | null;
  systolicBp: number | null;
  diastolicBp: number | null;
  respiratoryRate: number | null;
  temperatureC: number | null;
  spo2: number | null;
  /** The patient's prescribed NEWS2 SpO2 scale when the set was recorded. */
  spo2Scale: number;
  onSupplementalOxygen: boolean | null;
  consciousness: string | null;
  news2: News2Response;
  recordedBy: string;
  recordedAt: Date;

  protected static fields(r: VitalSignsReading) {
    return {
      id: r.id, patientId: r.patientId, episodeId: r.episodeId, takenAt: r.takenAt, heartRate: r.heartRate,
      systolicBp: r.systolicBp, diastolicBp: r.diastolicBp, respiratoryRate: r.respiratoryRate,
      temperatureC: r.temperatureC, spo2: r.spo2, spo2Scale: r.spo2Scale,
      onSupplementalOxygen: r.onSupplementalOxygen, consciousness: r.consciousness,
      news2: Object.assign(new News2Response(), {
        complete: r.news2Complete, total: r.news2Total, risk: r.news2Risk,
        subscores: r.news2Subscores as Record<string, number>, missing: r.news2Missing,
      }),
      recordedBy: r.recordedBy, recordedAt: r.recordedAt,
    };
  }
}

/** The answer to recording vitals: the stored set and the alerts it raised. */
export class RecordedVitalsResponse extends VitalsResponse {
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];

  static ofRecorded(r: VitalSignsReading, alerts: Alert[]): RecordedVitalsResponse {
    return Object.assign(new RecordedVitalsResponse(), VitalsResponse.fields(r), {
      alerts: alerts.map((a) => RaisedAlertSummary.of(a)),
    });
  }
}

export class VitalsPage extends PageOf(VitalsResponse) {
  /** Signs observed in the same period (oldest first, at most `limit`), beside the vitals. */
  @ApiProperty({ type: [ObservationResponse] })
  observations: ObservationResponse[];
}
