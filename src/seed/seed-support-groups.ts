import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { expandSchedule, type GroupSchedule } from '../support-groups/groups/group-schedule';

const GROUP_NAME = 'Demo evening relapse prevention';

/**
 * A demo support group that is full (two members) with one patient waiting,
 * facilitated by the demo clinician, with its next eight weeks of meetings
 * (the app's hourly job extends them). Synthetic data; runs once.
 */
export async function seedSupportGroups(
  dataSource: DataSource,
  ids: { clinician: string; caseManager: string },
  timeZone: string,
): Promise<void> {
  const [existing] = (await dataSource.query(`SELECT 1 FROM support_groups WHERE name = $1`, [GROUP_NAME])) as unknown[];
  if (existing) return;
  const today = DateTime.now().setZone(timeZone);
  const schedule: GroupSchedule = {
    weekdays: ['TU', 'TH'], startTime: '18:00', endTime: '19:30', firstDate: today.toISODate() as string, lastDate: null, timeZone,
  };
  const [group] = (await dataSource.query(
    `INSERT INTO support_groups (name, kind, capacity, weekdays, start_time, end_time, first_date, time_zone, video_url, enrollment, created_by)
     VALUES ($1, 'relapse_prevention', 2, $2, $3, $4, $5, $6, 'https://video.example.org/demo-group', 'open', $7) RETURNING id`,
    [GROUP_NAME, schedule.weekdays, schedule.startTime, schedule.endTime, schedule.firstDate, timeZone, ids.caseManager],
  )) as { id: string }[];
  const groupId = (group as { id: string }).id;
  await dataSource.query(`INSERT INTO support_group_facilitators (group_id, user_id) VALUES ($1, $2)`, [groupId, ids.clinician]);
  const patients = (await dataSource.query(
    `SELECT id FROM patients WHERE family_name = ANY($1) ORDER BY array_position($1, family_name)`,
    [['Placeholder', 'Fictional', 'Specimen']],
  )) as { id: string }[];
  for (const [index, patient] of patients.entries()) {
    const seated = index < 2;
    await dataSource.query(
      `INSERT INTO support_group_memberships (group_id, patient_id, status, seated_at, added_by)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'member' THEN clock_timestamp() END, $4)`,
      [groupId, patient.id, seated ? 'member' : 'waitlisted', ids.caseManager],
    );
  }
  for (const meeting of expandSchedule(schedule, today.toJSDate(), today.plus({ weeks: 8 }).toJSDate())) {
    const [row] = (await dataSource.query(
      `INSERT INTO support_group_meetings (group_id, starts_at, ends_at) VALUES ($1, $2, $3) RETURNING id`,
      [groupId, meeting.startsAt, meeting.endsAt],
    )) as { id: string }[];
    await dataSource.query(`INSERT INTO support_group_meeting_facilitators (meeting_id, user_id) VALUES ($1, $2)`, [
      row?.id, ids.clinician,
    ]);
  }
}
