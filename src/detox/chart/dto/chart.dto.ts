import { IsOptional } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';

export class ChartQuery {
  /** Start of the period (default: 72 hours before `to`). At most 31 days. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** End of the period (default: now). */
  @IsOptional()
  @IsInstant()
  to?: string;
}
