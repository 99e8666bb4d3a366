import { ApiProperty } from '@nestjs/swagger';
import type { Alert } from '../../alerts/entities/alert.entity';

/** An alert a new reading raised (details at /api/v1/alerts). */
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
