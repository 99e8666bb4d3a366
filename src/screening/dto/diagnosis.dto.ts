import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PageOf, PageQuery } from '../../common/http/pagination';
import { criteriaPeriod } from '../dsm5-specifiers';
import { DSM5_SUD_CRITERIA, type SudCriteria, type SudCriterion, type SudSeverity } from '../dsm5-sud';
import type { Diagnosis } from '../entities/diagnosis.entity';
import { NotBlank } from '../../common/http/not-blank';
import { IsCalendarDate } from '../../common/http/is-calendar-date';

/** ICD-10-CM code: letter, digit, letter or digit, then optionally a dot and 1-4 characters (F10.20, F11.23, F17.210). */
export const ICD10_CM = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

const normalizeSubstance = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : value;
const normalizeCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

const CRITERIA_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  description: 'The 11 DSM-5 criteria, each true (present) or false (absent); all are required.',
  properties: Object.fromEntries(DSM5_SUD_CRITERIA.map((c) => [c.key, { type: 'boolean' as const, description: c.label }])),
  required: DSM5_SUD_CRITERIA.map((c) => c.key),
  additionalProperties: false,
};

/** DSM-5 remission: no criterion but craving met since `noCriteriaSince` (3-12 months early, 12+ sustained). */
export class RemissionDto {
  /** The last day a criterion other than craving was met (YYYY-MM-DD); the criteria describe the 12 months before it. */
  @IsCalendarDate()
  noCriteriaSince: string;

  /** In a controlled environment (e.g. a locked or substance-free residential setting). */
  @IsOptional() @IsBoolean()
  controlledEnvironment?: boolean;
}

export class CreateDiagnosisDto {
  /** The substance the criteria were assessed for, e.g. alcohol, opioids, baclofen (stored lower-case). */
  @ApiProperty({ example: 'alcohol' })
  @Transform(normalizeSubstance)
  @IsString()
  @Length(1, 60)
  substance: string;

  /** Validated by the server (a missing or non-boolean criterion is a 400 naming `criteria.<key>`). */
  @ApiProperty({
    ...CRITERIA_SCHEMA,
    selfRequired: true,
    example: Object.fromEntries(DSM5_SUD_CRITERIA.map((c, i) => [c.key, [0, 2, 3, 9, 10].includes(i)])),
  })
  @IsDefined({ message: 'criteria is required' })
  criteria: unknown;

  /** Optional ICD-10-CM code, e.g. F10.20 (alcohol use disorder, moderate/severe). */
  @ApiPropertyOptional({ example: 'F10.20' })
  @IsOptional()
  @Transform(normalizeCode)
  @Matches(ICD10_CM, { message: 'icd10Code must be an ICD-10-CM code such as F10.20' })
  icd10Code?: string;

  /**
   * Taken solely under appropriate medical supervision (opioids, sedatives/hypnotics/anxiolytics incl. baclofen,
   * stimulants): tolerance and withdrawal are then not counted (DSM-5).
   */
  @IsOptional() @IsBoolean()
  medicallySupervised?: boolean;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => RemissionDto)
  remission?: RemissionDto;

  /** On maintenance therapy (opioid agonist, or tobacco replacement), DSM-5 specifier. */
  @IsOptional() @IsBoolean()
  maintenanceTherapy?: boolean;
}

export class ConfirmDiagnosisDto {
  /** Required when the clinician who recorded the diagnosis confirms it (program setting). */
  @IsOptional() @IsString() @Length(1, 1000) @NotBlank()
  attestation?: string;
}

export class CriteriaPeriodResponse {
  start: string;
  end: string;
}

export class DiagnosisQuery extends PageQuery {
  @IsOptional()
  @Transform(normalizeSubstance)
  @IsString()
  @Length(1, 60)
  substance?: string;
}

export class DiagnosisResponse {
  id: string;
  patientId: string;
  substance: string;
  @ApiProperty(CRITERIA_SCHEMA)
  criteria: SudCriteria;
  /** Number of criteria counted (computed by the server; tolerance and withdrawal drop out under medical supervision). */
  criteriaCount: number;
  medicallySupervised: boolean;
  /** Criteria present but not counted (tolerance, withdrawal under medical supervision). */
  excludedCriteria: string[];
  /** The 12 months the criteria describe (null for diagnoses recorded before it was kept). */
  criteriaPeriod: CriteriaPeriodResponse | null;
  @ApiPropertyOptional({ enum: ['early', 'sustained'], nullable: true })
  remission: string | null;
  noCriteriaSince: string | null;
  controlledEnvironment: boolean;
  maintenanceTherapy: boolean;
  confirmationAttestation: string | null;
  /** none (0-1), mild (2-3), moderate (4-5), severe (6+), computed by the server. */
  @ApiProperty({ enum: ['none', 'mild', 'moderate', 'severe'] })
  severity: SudSeverity;
  icd10Code: string | null;
  recordedBy: string;
  recordedAt: Date;
  confirmed: boolean;
  confirmedBy: string | null;
  confirmedAt: Date | null;

  static of(d: Diagnosis): DiagnosisResponse {
    return Object.assign(new DiagnosisResponse(), {
      id: d.id, patientId: d.patientId, substance: d.substance, criteria: d.criteria,
      criteriaCount: d.criteriaCount, severity: d.severity, icd10Code: d.icd10Code,
      medicallySupervised: d.medicallySupervised,
      excludedCriteria: d.medicallySupervised ? (['tolerance', 'withdrawal'] as SudCriterion[]).filter((k) => d.criteria[k]) : [],
      criteriaPeriod: d.criteriaPeriodEnd === null ? null : Object.assign(new CriteriaPeriodResponse(), criteriaPeriod(d.criteriaPeriodEnd)),
      remission: d.remission, noCriteriaSince: d.noCriteriaSince, controlledEnvironment: d.controlledEnvironment,
      maintenanceTherapy: d.maintenanceTherapy, confirmationAttestation: d.confirmationAttestation,
      recordedBy: d.recordedBy, recordedAt: d.recordedAt,
      confirmed: d.confirmedAt !== null, confirmedBy: d.confirmedBy, confirmedAt: d.confirmedAt,
    });
  }
}

export class DiagnosisPage extends PageOf(DiagnosisResponse) {}
