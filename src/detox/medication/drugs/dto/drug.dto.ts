import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CNS_DEPRESSANT_CLASSES, type CnsDepressantClass, type Drug, DRUG_UNITS, type DrugUnit } from '../entities/drug.entity';
import { IsDecimal } from '../../../../common/http/is-decimal';
import { trim } from '../../../../common/http/trim';

const NAME = /^[A-Za-z][A-Za-z0-9 .\-]*$/;

/** A drug an admin adds to the table orders pick from. */
export class CreateDrugDto {
  /** Generic name (stored lower-case), e.g. gabapentin. */
  @Transform(trim) @IsString() @Length(1, 100) @Matches(NAME, { message: 'generic must be a drug name' })
  generic: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true })
  @Matches(NAME, { each: true, message: 'each brand must be a drug name' })
  brands?: string[];

  /** Dosage forms, e.g. tablet, capsule, oral_solution, oral_suspension. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(/^[a-z_]{2,40}$/, { each: true, message: 'each form must be a word such as tablet or oral_suspension' })
  forms: string[];

  /** Strengths as labelled, e.g. "10 mg", "5 mg/mL". */
  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 40, { each: true })
  strengths?: string[];

  @ApiProperty({ enum: DRUG_UNITS })
  @IsIn(DRUG_UNITS)
  unit: DrugUnit;

  /** The labelled maximum per 24 hours in `unit`; orders above it need an override reason. */
  @IsOptional() @IsDecimal(4) @IsPositive() @Max(1000000)
  defaultMaxPer24h?: number;

  @ApiPropertyOptional({ enum: CNS_DEPRESSANT_CLASSES })
  @IsOptional() @IsIn(CNS_DEPRESSANT_CLASSES)
  cnsDepressantClass?: CnsDepressantClass;

  @IsBoolean()
  abruptStopDangerous: boolean;

  @IsOptional() @IsDecimal(4) @IsPositive() @Max(100000)
  doseStep?: number;

  @IsOptional() @IsInt() @Min(1) @Max(366)
  minTaperDays?: number;
}

export class DrugResponse {
  id: string;
  generic: string;
  brands: string[];
  forms: string[];
  strengths: string[];
  unit: string;
  defaultMaxPer24h: number | null;
  @ApiPropertyOptional({ enum: CNS_DEPRESSANT_CLASSES, nullable: true })
  cnsDepressantClass: string | null;
  abruptStopDangerous: boolean;
  doseStep: number | null;
  minTaperDays: number | null;

  static of(d: Drug): DrugResponse {
    return Object.assign(new DrugResponse(), {
      id: d.id, generic: d.generic, brands: d.brands, forms: d.forms, strengths: d.strengths, unit: d.unit,
      defaultMaxPer24h: d.defaultMaxPer24h, cnsDepressantClass: d.cnsDepressantClass,
      abruptStopDangerous: d.abruptStopDangerous, doseStep: d.doseStep, minTaperDays: d.minTaperDays,
    });
  }
}
