import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from '../../../../common/http/is-instant';
import { CLINICAL_STATUS_KINDS, type ClinicalStatus, type ClinicalStatusKind } from '../entities/clinical-status.entity';
import { IsDecimal } from '../../../../common/http/is-decimal';

/** pregnancy / breastfeeding take `present`; egfr / creatinine_clearance take `value` (mL/min). */
export class RecordClinicalStatusDto {
  @ApiProperty({ enum: CLINICAL_STATUS_KINDS })
  @IsIn(CLINICAL_STATUS_KINDS)
  kind: ClinicalStatusKind;

  /** Whether the status holds; must be given when kind is pregnancy or breastfeeding, and only then. */
  @IsOptional() @IsBoolean()
  present?: boolean;

  /** mL/min; must be given when kind is egfr or creatinine_clearance, and only then. */
  @IsOptional() @IsDecimal(2) @Min(1) @Max(250)
  value?: number;

  /** When it was observed or measured (ISO 8601 with offset); not in the future. */
  @IsInstant()
  observedAt: string;
}

export class ClinicalStatusResponse {
  id: string;
  patientId: string;
  @ApiProperty({ enum: CLINICAL_STATUS_KINDS })
  kind: string;
  present: boolean | null;
  value: number | null;
  observedAt: Date;
  recordedBy: string;
  recordedAt: Date;

  static of(s: ClinicalStatus): ClinicalStatusResponse {
    return Object.assign(new ClinicalStatusResponse(), {
      id: s.id, patientId: s.patientId, kind: s.kind, present: s.present, value: s.value, observedAt: s.observedAt,
      recordedBy: s.recordedBy, recordedAt: s.recordedAt,
    });
  }
}
