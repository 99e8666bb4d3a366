import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';
import type { DoseOmission } from '../entities/dose-omission.entity';
import { NotBlank } from '../../../common/http/not-blank';

const OUTCOMES = ['held', 'refused'] as const;

/** A scheduled dose not given: held for a clinical reason, or refused by the patient. */
export class RecordDoseOmissionDto {
  /**
   * The dose's scheduled time (a time of the order's schedule), ISO 8601 with
   * offset. The dose must be due: at most the missed-dose grace period ahead.
   */
  @IsInstant()
  scheduledAt: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: (typeof OUTCOMES)[number];

  @IsString() @Length(1, 500) @NotBlank()
  reason: string;
}

export class DoseOmissionResponse {
  id: string;
  orderId: string;
  patientId: string;
  scheduledDoseId: string | null;
  scheduledAt: Date;
  @ApiProperty({ enum: OUTCOMES })
  outcome: string;
  reason: string;
  recordedBy: string;
  recordedAt: Date;

  static of(o: DoseOmission): DoseOmissionResponse {
    return Object.assign(new DoseOmissionResponse(), {
      id: o.id, orderId: o.orderId, patientId: o.patientId, scheduledDoseId: o.scheduledDoseId, scheduledAt: o.scheduledAt,
      outcome: o.outcome, reason: o.reason, recordedBy: o.recordedBy, recordedAt: o.recordedAt,
    });
  }
}
