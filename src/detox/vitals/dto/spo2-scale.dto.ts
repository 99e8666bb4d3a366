import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Spo2ScalePrescription } from '../entities/spo2-scale-prescription.entity';
import { SPO2_SCALE_TARGETS } from '../news2';
import { NotBlank } from '../../../common/http/not-blank';

export class PrescribeSpo2ScaleDto {
  @ApiProperty({ enum: [1, 2], description: '2 only for a prescribed 88-92 % target (hypercapnic respiratory failure)' })
  @IsIn([1, 2])
  scale: 1 | 2;

  /** Why (required for scale 2), e.g. "hypercapnic respiratory failure (COPD)". */
  @IsOptional() @IsString() @Length(1, 500) @NotBlank()
  reason?: string;
}

export class Spo2ScaleResponse {
  patientId: string;
  @ApiProperty({ enum: [1, 2] })
  scale: number;
  /** The SpO2 target range the scale is for, %. */
  targetMin: number;
  targetMax: number;
  reason: string | null;
  /** Null while the patient has no prescription (scale 1 by default). */
  prescribedBy: string | null;
  prescribedAt: Date | null;

  static of(patientId: string, p: Spo2ScalePrescription | null): Spo2ScaleResponse {
    const target = SPO2_SCALE_TARGETS[p?.scale ?? 1];
    return Object.assign(new Spo2ScaleResponse(), {
      patientId, scale: p?.scale ?? 1, targetMin: target.min, targetMax: target.max, reason: p?.reason ?? null,
      prescribedBy: p?.prescribedBy ?? null, prescribedAt: p?.prescribedAt ?? null,
    });
  }
}
