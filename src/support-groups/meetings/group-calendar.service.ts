import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NotFound } from '../../common/problem/domain-error';
import { renderICalendar } from '../../common/calendar/icalendar';
import type { MeetingQuery } from './dto/meeting.dto';
import { meetingRange } from './meetings.service';

const PRODUCER = { company: 'Outpatient Program', product: 'Support groups' };

/** A group's meetings as an iCalendar feed: the group's name, time and place, never a member. */
@Injectable()
export class GroupCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async feed(groupId: string, q: MeetingQuery): Promise<string> {
    const { from, to } = meetingRange(q);
    const [group] = (await this.dataSource.query(`SELECT name, video_url FROM support_groups WHERE id = $1`, [groupId])) as {
      name: string;
      video_url: string | null;
    }[];
    if (!group) throw new NotFound('Support group');
    const rows = (await this.dataSource.query(
      `SELECT mt.id::text, mt.starts_at, mt.ends_at, r.name AS room_name, mt.status = 'cancelled' AS cancelled, mt.version,
              mt.updated_at
       FROM support_group_meetings mt LEFT JOIN rooms r ON r.id = mt.room_id
       WHERE mt.group_id = $1 AND mt.ends_at > $2 AND mt.starts_at < $3 ORDER BY mt.starts_at`,
      [groupId, from, to],
    )) as { id: string; starts_at: Date; ends_at: Date; room_name: string | null; cancelled: boolean; version: number; updated_at: Date }[];
    return renderICalendar({
      producer: PRODUCER,
      calendarName: group.name,
      timeZone: this.config.PROGRAM_TIMEZONE,
      events: rows.map((r) => ({
        uid: `${r.id}@outpatient-program`,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        summary: group.name,
        ...(r.room_name ?? group.video_url ? { location: (r.room_name ?? group.video_url) as string } : {}),
        status: r.cancelled ? 'CANCELLED' : 'CONFIRMED',
        sequence: r.version - 1,
        lastModified: r.updated_at,
      })),
    });
  }
}
