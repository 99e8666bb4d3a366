import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '../../common/http/is-instant';
import { PageOf, PageQuery } from '../../common/http/pagination';
import type { AnswerValue } from '../../common/questionnaire';
import type { Screening } from '../entities/screening.entity';
import { INSTRUMENT_IDS, type InstrumentId } from '../instruments';

export class CreateScreeningDto {
  @ApiProperty({ enum: INSTRUMENT_IDS, example: 'PHQ-9' })
  @IsIn(INSTRUMENT_IDS, { message: `instrument must be one of: ${INSTRUMENT_IDS.join(', ')}` })
  instrument: InstrumentId;

  /**
   * Every item's answer, either as an array in the instrument's official item order
   * (e.g. PHQ-9 `[0, 1, 2, 0, 0, 1, 0, 0, 0]`) or as an object keyed by item key
   * (`{"q1": 0, ...}`); see GET /instruments for the keys and allowed values. Scaled items take
   * integers, yes/no items the strings "yes" and "no". The server validates and scores them:
   * a missing, extra or disallowed answer is a 400 naming `answers.<itemKey>` and nothing is stored.
   */
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { oneOf: [{ type: 'integer' }, { type: 'string', enum: ['yes', 'no'] }] } },
      { type: 'object', additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'string', enum: ['yes', 'no'] }] } },
    ],
    example: [1, 2, 1, 2, 1, 0, 1, 0, 0],
  })
  @IsDefined({ message: 'answers is required' })
  answers: unknown;

  /** When the patient completed it (ISO 8601 with offset); defaults to now; not in the future. */
  @IsOptional()
  @IsInstant()
  administeredAt?: string;
}

export class ScreeningQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INSTRUMENT_IDS })
  @IsOptional()
  @IsIn(INSTRUMENT_IDS, { message: `instrument must be one of: ${INSTRUMENT_IDS.join(', ')}` })
  instrument?: InstrumentId;

  /** Administered at or after this instant (ISO 8601 with offset; encode `+` as `%2B` in the query string). */
  @IsOptional()
  @IsInstant({ filter: true })
  from?: string;

  /** Administered before this instant (ISO 8601 with offset). */
  @IsOptional()
  @IsInstant({ filter: true })
  to?: string;

  /** By administeredAt: `desc` (newest first, the default) or `asc` (oldest first, for plotting a trend). */
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class ScreeningResponse {
  id: string;
  patientId: string;
  @ApiProperty({ enum: INSTRUMENT_IDS })
  instrument: string;
  /** The instrument version this response was scored with. */
  instrumentVersion: string;
  total: number;
  /** Band id as listed by GET /instruments, e.g. `moderately_severe`. */
  band: string;
  /** e.g. `self_harm_risk` (PHQ-9 item 9 above 0; an urgent alert was raised), `sex_unknown` (AUDIT-C). */
  flags: string[];
  /**
   * Answers keyed by item key. Only for roles allowed to read item-level answers (clinicians);
   * null for case managers, who see totals, bands and flags.
   */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  answers: Record<string, AnswerValue> | null;
  /** Points per item (reverse-scored items already applied); null when `answers` is. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, nullable: true })
  itemScores: Record<string, number> | null;
  administeredAt: Date;
  recordedBy: string;
  recordedAt: Date;

  static of(s: Screening, includeAnswers: boolean): ScreeningResponse {
    return Object.assign(new ScreeningResponse(), {
      id: s.id, patientId: s.patientId, instrument: s.instrument, instrumentVersion: s.instrumentVersion,
      total: s.total, band: s.band, flags: s.flags,
      answers: includeAnswers ? s.answers : null,
      itemScores: includeAnswers ? s.itemScores : null,
      administeredAt: s.administeredAt, recordedBy: s.recordedBy, recordedAt: s.recordedAt,
    });
  }
}

export class ScreeningPage extends PageOf(ScreeningResponse) {}
