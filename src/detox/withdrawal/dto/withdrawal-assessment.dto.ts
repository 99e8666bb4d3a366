import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional } from 'class-validator';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import type { WithdrawalAssessment } from '../entities/withdrawal-assessment.entity';
import { WITHDRAWAL_SCALES, type WithdrawalScaleId } from '../withdrawal-scales';
import { RaisedAlertSummary } from '../../../platform/alerts/dto/alert.dto';
import { IsInstant } from '../../../common/http/is-instant';
import { TimeRangePageQuery } from '../../../common/http/time-range.dto';
import { PageOf } from '../../../common/http/pagination';

const SCALES = Object.keys(WITHDRAWAL_SCALES) as WithdrawalScaleId[];

export class RecordAssessmentDto {
  @ApiProperty({ enum: SCALES, example: 'CIWA-Ar' })
  @IsIn(SCALES)
  scale: WithdrawalScaleId;

  /**
   * The item answers, either an array in the scale's official item order or an
   * object keyed by item key (CIWA-Ar: nausea_vomiting ... orientation; COWS:
   * resting_pulse ... gooseflesh). Each item accepts only its listed values.
   */
  @ApiProperty({
    oneOf: [{ type: 'array', items: { type: 'integer' } }, { type: 'object', additionalProperties: { type: 'integer' } }],
    example: {
      nausea_vomiting: 2, tremor: 3, paroxysmal_sweats: 2, anxiety: 2, agitation: 1,
      tactile_disturbances: 0, auditory_disturbances: 0, visual_disturbances: 0, headache: 1, orientation: 0,
    },
  })
  @IsDefined()
  answers: unknown;

  /** When the assessment was made; defaults to now. Not in the future, nor before the open detox episode started. */
  @IsOptional()
  @IsInstant()
  assessedAt?: string;
}

export class AssessmentQuery extends TimeRangePageQuery {
  @IsOptional()
  @IsIn(SCALES)
  scale?: WithdrawalScaleId;
}

export class AssessmentResponse {
  id: string;
  patientId: string;
  episodeId: string;
  @ApiProperty({ enum: SCALES })
  scale: string;
  scaleVersion: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  answers: Record<string, number | string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  itemScores: Record<string, number>;
  total: number;
  /** CIWA-Ar: minimal, moderate, severe. COWS: none, mild, moderate, moderately_severe, severe. */
  band: string;
  assessedAt: Date;
  /** When the next assessment is due; null when monitoring on this scale is complete. */
  nextDueAt: Date | null;
  monitoringComplete: boolean;
  assessedBy: string;
  recordedAt: Date;

  static of(a: WithdrawalAssessment): AssessmentResponse {
    return Object.assign(new AssessmentResponse(), AssessmentResponse.fields(a));
  }

  protected static fields(a: WithdrawalAssessment) {
    return {
      id: a.id, patientId: a.patientId, episodeId: a.episodeId, scale: a.scale, scaleVersion: a.scaleVersion,
      answers: a.answers, itemScores: a.itemScores, total: a.total, band: a.band, assessedAt: a.assessedAt,
      nextDueAt: a.nextDueAt, monitoringComplete: a.monitoringComplete, assessedBy: a.assessedBy,
      recordedAt: a.recordedAt,
    };
  }
}

export class RecordedAssessmentResponse extends AssessmentResponse {
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];

  static ofRecorded(a: WithdrawalAssessment, alerts: Alert[]): RecordedAssessmentResponse {
    return Object.assign(new RecordedAssessmentResponse(), AssessmentResponse.fields(a), {
      alerts: alerts.map((x) => RaisedAlertSummary.of(x)),
    });
  }
}

export class AssessmentPage extends PageOf(AssessmentResponse) {}
