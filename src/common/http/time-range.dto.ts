import { IsOptional } from 'class-validator';
import { PageQuery } from './pagination';
import { IsInstant } from './is-instant';

/** A paginated list between two instants (both optional, `from` included, `to` excluded). */
export class TimeRangePageQuery extends PageQuery {
  /** Earliest time included, ISO 8601 with offset. */
  @IsOptional()
  @IsInstant({ filter: true })
  from?: string;

  /** Latest time, excluded, ISO 8601 with offset. */
  @IsOptional()
  @IsInstant({ filter: true })
  to?: string;
}
