import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Role } from '../../../common/auth/roles';
import { PageOf, PageQuery } from '../../../common/http/pagination';
import { alertReadingVisibleTo } from '../alert-reading-visibility';
import type { Alert } from '../entities/alert.entity';

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged'] })
  @IsOptional() @IsIn(['open', 'acknowledged'])
  status?: 'open' | 'acknowledged';

  @IsOptional() @IsUUID()
  patientId?: string;
}

export class AcknowledgeAlertDto {
  /** Required for urgent and emergency clinical alerts: what was done. */
  @IsOptional() @IsString() @Length(0, 1000)
  note?: string;
}

export class AlertResponse {
  id: string;
  patientId: string;
  source: string;
  rule: string;
  @ApiProperty({ enum: ['warning', 'urgent', 'emergency'] })
  severity: string;
  @ApiProperty({ enum: ['clinician', 'case_manager', 'care_team'] })
  audience: string;
  /** clinical: acknowledged by a clinician (a note is required when urgent or emergency); engagement: by a case manager. */
  @ApiProperty({ enum: ['clinical', 'engagement'] })
  category: string;
  /** On an escalation alert: the unacknowledged alert it escalates. */
  escalatesAlertId: string | null;
  message: string;
  /** The values that raised the alert; `{}` when the caller's role may not read that record (readingWithheld). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  reading: Record<string, unknown>;
  /** True when `reading` is withheld from the caller's role (e.g. a case manager is not sent vital signs). */
  readingWithheld: boolean;
  readingId: string | null;
  @ApiProperty({ enum: ['open', 'acknowledged'] })
  status: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  /** Seconds from raising to acknowledgement. */
  secondsToAcknowledge: number | null;

  /** `readerRole`: the role the answer is for, which decides whether the reading is shown. */
  static of(a: Alert, readerRole: Role): AlertResponse {
    const readingWithheld = !alertReadingVisibleTo(readerRole, a.source);
    return Object.assign(new AlertResponse(), {
      id: a.id, patientId: a.patientId, source: a.source, rule: a.rule, severity: a.severity,
      audience: a.audience, category: a.category, escalatesAlertId: a.escalatesAlertId, message: a.message,
      reading: readingWithheld ? {} : a.reading, readingWithheld, readingId: a.readingId, status: a.status,
      raisedAt: a.raisedAt, acknowledgedAt: a.acknowledgedAt, acknowledgedBy: a.acknowledgedBy,
      acknowledgementNote: a.acknowledgementNote,
      secondsToAcknowledge: a.acknowledgedAt
        ? Math.round((a.acknowledgedAt.getTime() - a.raisedAt.getTime()) / 1000)
        : null,
    });
  }
}

export class AlertPage extends PageOf(AlertResponse) {}

/** An alert a new record raised, as returned with that record (details at /api/v1/alerts). */
export class RaisedAlertSummary {
  id: string;
  rule: string;
  @ApiProperty({ enum: ['warning', 'urgent', 'emergency'] })
  severity: string;
  @ApiProperty({ enum: ['clinician', 'case_manager', 'care_team'] })
  audience: string;
  message: string;

  static of(a: Alert): RaisedAlertSummary {
    return Object.assign(new RaisedAlertSummary(), {
      id: a.id, rule: a.rule, severity: a.severity, audience: a.audience, message: a.message,
    });
  }
}
