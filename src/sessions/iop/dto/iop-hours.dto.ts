import { ApiProperty } from '@nestjs/swagger';
import type { IopWeek } from '../iop-weeks';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';

export class IopHoursQuery {
  /**
   * First day as a calendar date `YYYY-MM-DD` (not a date-time, unlike other ranges: weeks are days in the
   * program time zone); its whole Monday-Sunday week is reported.
   */
  @IsCalendarDate()
  from: string;

  /** Last day as `YYYY-MM-DD`, inclusive; at most 53 weeks after from. */
  @IsCalendarDate()
  to: string;
}

export class IopWeekResponse {
  /** Monday, `YYYY-MM-DD`, program time zone. */
  weekStart: string;
  /** Sunday. */
  weekEnd: string;
  /** Hours of the patient's sessions that week, cancelled ones excluded. */
  scheduledHours: number;
  attendedHours: number;
  /** The week's target: 9 hours for adults, 6 for adolescents (under 18 that Monday), ASAM level 2.1. */
  targetHours: number;
  metTarget: boolean;

  static of(w: IopWeek): IopWeekResponse {
    return Object.assign(new IopWeekResponse(), w);
  }
}

export class IopHoursResponse {
  patientId: string;
  /** Level of care of the patient's latest ASAM assessment (`2.1` = intensive outpatient), null when none. */
  levelOfCare: string | null;
  /** Whether that level is 2.1, the intensive outpatient program the target applies to. */
  intensiveOutpatient: boolean;
  timeZone: string;
  /** The target of the last week reported (by the patient's age then). */
  targetHours: number;
  @ApiProperty({ type: [IopWeekResponse] })
  weeks: IopWeekResponse[];
}
