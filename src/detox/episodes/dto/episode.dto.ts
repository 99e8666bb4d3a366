import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  DETOX_OUTCOMES,
  DETOX_SETTINGS,
  type DetoxEpisode,
  type DetoxOutcome,
  type DetoxSetting,
} from '../entities/detox-episode.entity';
import { IsInstant } from '../../../common/http/is-instant';

const normaliseList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;

export class StartEpisodeDto {
  /** Substances being withdrawn, e.g. `alcohol`, `opioids`, `baclofen`, `benzodiazepines`. */
  @Transform(normaliseList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  substances: string[];

  /** Planned length in days (1-60). */
  @IsInt()
  @Min(1)
  @Max(60)
  expectedLengthDays: number;

  /** ASAM withdrawal management: 1-WM ambulatory, or 2-WM ambulatory with extended on-site monitoring. */
  @ApiProperty({ enum: DETOX_SETTINGS })
  @IsIn(DETOX_SETTINGS)
  setting: DetoxSetting;

  /** When the episode started; defaults to now. Not in the future. */
  @IsOptional()
  @IsInstant()
  startedAt?: string;
}

export class EndEpisodeDto {
  @ApiProperty({ enum: DETOX_OUTCOMES })
  @IsIn(DETOX_OUTCOMES)
  outcome: DetoxOutcome;

  /** When it ended; defaults to now. Not in the future, not before the start. */
  @IsOptional()
  @IsInstant()
  endedAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class EpisodeResponse {
  id: string;
  patientId: string;
  substances: string[];
  expectedLengthDays: number;
  @ApiProperty({ enum: DETOX_SETTINGS })
  setting: string;
  @ApiProperty({ enum: ['open', 'ended'] })
  status: 'open' | 'ended';
  startedAt: Date;
  startedBy: string;
  endedAt: Date | null;
  endedBy: string | null;
  @ApiPropertyOptional({ enum: DETOX_OUTCOMES, nullable: true })
  outcome: string | null;
  endNote: string | null;

  static of(e: DetoxEpisode): EpisodeResponse {
    return Object.assign(new EpisodeResponse(), {
      id: e.id, patientId: e.patientId, substances: e.substances, expectedLengthDays: e.expectedLengthDays,
      setting: e.setting, status: e.endedAt ? 'ended' : 'open', startedAt: e.startedAt, startedBy: e.startedBy,
      endedAt: e.endedAt, endedBy: e.endedBy, outcome: e.outcome, endNote: e.endNote,
    });
  }
}
