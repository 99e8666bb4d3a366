import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/http/is-calendar-date';
import { NotBlank } from '../../common/http/not-blank';
import { TABLE_FORMATS, type TableFormat } from '../output/table-format';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Period of a report: whole days in the program time zone. */
export class ReportPeriodQuery {
  /** First local day, YYYY-MM-DD. */
  @IsCalendarDate()
  from: string;

  /** Last local day (inclusive), YYYY-MM-DD. */
  @IsCalendarDate()
  to: string;
}

export class ReportQuery extends ReportPeriodQuery {
  @IsOptional() @IsIn(TABLE_FORMATS)
  format: TableFormat = 'json';

  /** Row exports only: include who each row is about. A disclosure: needs purpose and recipient. */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  identified: boolean = false;

  @IsOptional() @IsString() @Length(1, 500)
  purpose?: string;

  @IsOptional() @IsString() @Length(1, 200)
  recipient?: string;

  /**
   * External identified exports: the class of recipients (as a consent with recipientKind `class` names it, e.g.
   * "my treating providers") the recipient belongs to. Patients whose consent names that class are included too.
   */
  @IsOptional() @IsString() @Length(1, 200) @NotBlank()
  recipientClass?: string;

  /**
   * `external` (default): only patients whose active consent covers this export and names the recipient (or its
   * `recipientClass`) and the purpose are included.
   * `program`: a communication within the program (42 CFR 2.12(c)(3)), no consent needed; the recipient
   * must then be the email of an active program user whose role may read the exported data (vitals.read,
   * sessions.read), else 422; only the recipient's care-team patients are included.
   */
  @IsOptional() @IsIn(['program', 'external'])
  recipientScope: 'program' | 'external' = 'external';
}

export class ProgramSummaryQuery extends ReportPeriodQuery {
  @IsOptional() @IsIn(['pdf'])
  format: 'pdf' = 'pdf';
}
