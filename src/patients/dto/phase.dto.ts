import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import type { PatientPhaseChange } from '../entities/patient-phase-change.entity';
import { DISCHARGE_REASONS, type DischargeReason, type Phase, PHASES } from '../phase-transitions';
import { NotBlank } from '../../common/http/not-blank';
import type { PhaseChangeOutcome } from '../phase-effects';
import { PatientResponse } from './patient.dto';

export class ChangePhaseDto {
  @ApiProperty({ enum: PHASES })
  @IsIn(PHASES)
  to: Phase;

  @IsString()
  @Length(1, 500) @NotBlank()
  reason: string;

  /** Required when `to` is `discharged`. */
  @ApiPropertyOptional({ enum: DISCHARGE_REASONS })
  @ValidateIf((dto: ChangePhaseDto) => dto.to === 'discharged' || dto.dischargeReason !== undefined)
  @IsIn(DISCHARGE_REASONS, { message: 'dischargeReason must be one of: ' + DISCHARGE_REASONS.join(', ') })
  dischargeReason?: DischargeReason;
}

export class PhaseChangeResponse {
  id: string;
  @ApiPropertyOptional({ enum: PHASES, nullable: true })
  fromPhase: Phase | null;
  @ApiProperty({ enum: PHASES })
  toPhase: Phase;
  reason: string;
  dischargeReason: string | null;
  changedBy: string | null;
  changedAt: Date;

  static of(c: PatientPhaseChange): PhaseChangeResponse {
    return Object.assign(new PhaseChangeResponse(), {
      id: c.id, fromPhase: c.fromPhase, toPhase: c.toPhase, reason: c.reason,
      dischargeReason: c.dischargeReason, changedBy: c.changedBy, changedAt: c.changedAt,
    });
  }
}

/** What a move closed, by the module that closed it (e.g. `sessions`: the future sessions cancelled or left). */
export class ClosedByMove {
  @ApiProperty({ enum: ['sessions', 'support-group-seats', 'medication-orders', 'follow-ups'] })
  effect: string;
  ids: string[];
}

export class PhaseMoveResponse extends PatientResponse {
  @ApiProperty({ type: [ClosedByMove] })
  closed: ClosedByMove[];

  static ofOutcome(outcome: PhaseChangeOutcome): PhaseMoveResponse {
    return Object.assign(new PhaseMoveResponse(), PatientResponse.of(outcome.patient), { closed: outcome.closed });
  }
}
