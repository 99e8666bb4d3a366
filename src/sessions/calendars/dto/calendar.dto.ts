import { IsOptional } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';

export class CalendarQuery {
  /** Default: 90 days ago. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Default: 366 days after from; at most 731 days after from. */
  @IsOptional()
  @IsInstant()
  to?: string;
}
