import { IsOptional } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';

export class CalendarQuery {
  /** Default: 90 days ago. */
  @IsOptional()
  @IsInstant({ filter: true })
  from?: string;

  /** Default: 548 days (18 months) after now, or after `from` when given; at most 731 days after from. */
  @IsOptional()
  @IsInstant({ filter: true })
  to?: string;
}
