import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IntegerFromText } from '../../../common/http/integer-text';
import { PageOf, PageQuery } from '../../../common/http/pagination';
import { WEEKDAYS, type Weekday } from '../recurrence';
import { SESSION_KINDS, type SessionKind } from '../../session-kinds';
import type { SessionView } from '../session-queries.service';
import { IsInstant } from '../../../common/http/is-instant';
import { NotBlank } from '../../../common/http/not-blank';

export const SCOPES = ['this', 'following'] as const;
export type Scope = (typeof SCOPES)[number];

export class RecurrenceDto {
  /** Weekdays the session repeats on (iCalendar codes); must include the weekday of startsAt in the program time zone. */
  @ApiProperty({ enum: WEEKDAYS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'weekdays must not list a day twice' })
  @IsIn(WEEKDAYS, { each: true })
  weekdays: Weekday[];

  /** Number of occurrences, 1-200 (exactly one of count and until). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  count?: number;

  /** Last possible start, inclusive; at most 200 occurrences (exactly one of count and until). */
  @IsOptional()
  @IsInstant()
  until?: string;
}

export class CreateSessionDto {
  @ApiProperty({ enum: SESSION_KINDS, example: 'individual' })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ example: '2027-03-02T10:00:00-05:00' })
  @IsInstant()
  startsAt: string;

  /** After startsAt, at most 12 hours later. */
  @ApiProperty({ example: '2027-03-02T10:50:00-05:00' })
  @IsInstant()
  endsAt: string;

  @IsOptional()
  @IsUUID()
  roomId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  clinicianIds: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  patientIds: string[];

  /**
   * Weekly recurrence. Each occurrence becomes its own session of one series, at the same LOCAL
   * wall-clock time in the program time zone (an 18:00 group stays at 18:00 across DST changes).
   * All occurrences are booked, or none.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;
}

export class RescheduleSessionDto {
  /** New start. Given alone, the session keeps its duration. */
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  /** New end. Given alone, the session keeps its start. */
  @IsOptional()
  @IsInstant()
  endsAt?: string;

  /** Another room, or null for none. Omit to keep the room. */
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  roomId?: string | null;

  /**
   * `this` (default) moves this occurrence only. `following` also moves every later scheduled
   * occurrence of its series: each by the same number of local calendar days, to the new local
   * wall-clock time and duration, and to the new room when given.
   */
  @ApiPropertyOptional({ enum: SCOPES, default: 'this' })
  @IsOptional()
  @IsIn(SCOPES)
  scope: Scope = 'this';
}

export class CancelSessionDto {
  @IsString()
  @Length(1, 500) @NotBlank()
  reason: string;

  /** Who cancelled: the patient, or the program. */
  @ApiProperty({ enum: ['patient', 'program'] })
  @IsIn(['patient', 'program'])
  by: 'patient' | 'program';

  /** `this` (default) cancels this occurrence; `following` also every later scheduled occurrence of its series. */
  @ApiPropertyOptional({ enum: SCOPES, default: 'this' })
  @IsOptional()
  @IsIn(SCOPES)
  scope: Scope = 'this';
}

export class SessionQuery extends PageQuery {
  @IsOptional() @IsUUID()
  clinicianId?: string;

  @IsOptional() @IsUUID()
  patientId?: string;

  @IsOptional() @IsUUID()
  roomId?: string;

  /** Sessions ending after this instant. */
  @IsInstant({ filter: true })
  from: string;

  /** Sessions starting before this instant; at most 366 days after from. */
  @IsInstant({ filter: true })
  to: string;

  @ApiPropertyOptional({ enum: ['scheduled', 'cancelled'] })
  @IsOptional() @IsIn(['scheduled', 'cancelled'])
  status?: 'scheduled' | 'cancelled';

  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOptional() @IsIn(SESSION_KINDS)
  kind?: SessionKind;
}

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value;

export class FreeSlotsQuery {
  /** Clinicians who must all be free: repeat the parameter or separate ids with commas. */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  clinicianIds?: string[];

  @IsOptional()
  @IsUUID()
  roomId?: string;

  @IntegerFromText()
  @IsInt()
  @Min(5)
  @Max(720)
  durationMinutes: number;

  @IsInstant({ filter: true })
  from: string;

  /** At most 62 days after from. */
  @IsInstant({ filter: true })
  to: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 10, description: 'Most slots returned.' })
  @IsOptional()
  @IntegerFromText()
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 10;
}

export class SessionResponse {
  id: string;
  @ApiProperty({ enum: SESSION_KINDS })
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  roomName: string | null;
  seriesId: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] })
  status: 'scheduled' | 'cancelled';
  @ApiProperty({ enum: ['patient', 'program'], nullable: true })
  cancelledBy: 'patient' | 'program' | null;
  /** Shown only to callers who may see every patient of the session (free text can identify people). */
  cancelReason?: string | null;
  cancelledAt: Date | null;
  clinicianIds: string[];
  /** Only the patients of the caller's care team (or emergency grant); others are counted, not named. */
  patientIds: string[];
  patientCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;

  static of(s: SessionView): SessionResponse {
    const seesEveryone = s.visiblePatientIds.length === s.patientCount;
    return Object.assign(new SessionResponse(), {
      id: s.id, kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt, roomId: s.roomId, roomName: s.roomName,
      seriesId: s.seriesId, status: s.status, cancelledBy: s.cancelledBy,
      ...(seesEveryone ? { cancelReason: s.cancelReason } : {}),
      cancelledAt: s.cancelledAt, clinicianIds: s.clinicianIds, patientIds: s.visiblePatientIds,
      patientCount: s.patientCount, version: s.version, createdAt: s.createdAt, updatedAt: s.updatedAt,
    });
  }
}

export class SessionPage extends PageOf(SessionResponse) {}

export class ScheduleResponse {
  /** The series of a recurring booking, else null. */
  seriesId: string | null;
  @ApiProperty({ type: [SessionResponse] })
  sessions: SessionResponse[];
}

export class SessionChangeResponse {
  /** The session addressed by the request, after the change (its ETag is in the response header). */
  session: SessionResponse;
  /** Every session changed, this one first, then later occurrences in time order. */
  affectedSessionIds: string[];
}

export class FreeSlotResponse {
  startsAt: Date;
  endsAt: Date;
}

export class FreeSlotsResponse {
  timeZone: string;
  @ApiProperty({ type: [FreeSlotResponse] })
  slots: FreeSlotResponse[];
}
