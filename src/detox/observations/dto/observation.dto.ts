import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested,
} from 'class-validator';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import { RaisedAlertSummary } from '../../../platform/alerts/dto/alert.dto';
import { IsInstant } from '../../../common/http/is-instant';
import type { ObservationSignEntry, SignSeverity } from '../entities/observation-sign.entity';
import type { Observation } from '../entities/observation.entity';
import { OBSERVATION_SIGNS, type ObservationSign } from '../observation-signs';
import { PageOf } from '../../../common/http/pagination';

const SEVERITIES: SignSeverity[] = ['mild', 'moderate', 'severe'];

export class ObservedSignDto {
  @ApiProperty({ enum: OBSERVATION_SIGNS })
  @IsIn(OBSERVATION_SIGNS)
  sign: ObservationSign;

  /** False records that the sign was looked for and is absent. */
  @IsBoolean()
  present: boolean;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'only for a present sign' })
  @IsOptional() @IsIn(SEVERITIES)
  severity?: SignSeverity;

  @IsOptional() @IsString() @Length(1, 1000)
  note?: string;
}

export class RecordObservationDto {
  /** When the signs were observed (ISO 8601 with offset); not in the future, nor before the open detox episode started. */
  @IsInstant()
  observedAt: string;

  /** Each sign at most once. */
  @ApiProperty({ type: [ObservedSignDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(OBSERVATION_SIGNS.length)
  @ValidateNested({ each: true }) @Type(() => ObservedSignDto)
  signs: ObservedSignDto[];
}

export class ObservedSignResponse {
  @ApiProperty({ enum: OBSERVATION_SIGNS })
  sign: string;
  present: boolean;
  @ApiProperty({ enum: SEVERITIES, nullable: true })
  severity: string | null;
  note: string | null;
}

export class ObservationResponse {
  id: string;
  patientId: string;
  episodeId: string;
  observedAt: Date;
  @ApiProperty({ type: [ObservedSignResponse] })
  signs: ObservedSignResponse[];
  recordedBy: string;
  recordedAt: Date;

  static of(o: Observation, signs: readonly ObservationSignEntry[]): ObservationResponse {
    return Object.assign(new ObservationResponse(), ObservationResponse.fields(o, signs));
  }

  protected static fields(o: Observation, signs: readonly ObservationSignEntry[]) {
    return {
      id: o.id, patientId: o.patientId, episodeId: o.episodeId, observedAt: o.observedAt,
      signs: signs.map((s) => Object.assign(new ObservedSignResponse(), {
        sign: s.sign, present: s.present, severity: s.severity, note: s.note,
      })),
      recordedBy: o.recordedBy, recordedAt: o.recordedAt,
    };
  }
}

/** The answer to recording an observation: the stored signs and the alerts they raised. */
export class RecordedObservationResponse extends ObservationResponse {
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];

  static ofRecorded(o: Observation, signs: readonly ObservationSignEntry[], alerts: Alert[]): RecordedObservationResponse {
    return Object.assign(new RecordedObservationResponse(), ObservationResponse.fields(o, signs), {
      alerts: alerts.map((a) => RaisedAlertSummary.of(a)),
    });
  }
}

export class ObservationPage extends PageOf(ObservationResponse) {}
