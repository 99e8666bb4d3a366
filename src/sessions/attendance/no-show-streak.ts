import type { AttendanceStatus } from '../iop/iop-weeks';

export interface RecordedAttendance {
  sessionId: string;
  status: AttendanceStatus;
}

export interface NoShowStreak {
  /** The earliest session of the run: identifies the streak (one alert per streak). */
  firstSessionId: string;
  sessionIds: string[];
}

/**
 * Finds the run of consecutive no-shows that contains `sessionId`, given one
 * patient's recorded attendance in session start order. Sessions the program
 * cancelled and attendance recorded as `cancelled` (an excused absence) are
 * expected to be left out by the caller: they neither extend nor break a run.
 * Sessions without recorded attendance are not in the list either.
 *
 * Returns the run when it has at least `threshold` no-shows, else null.
 */
export function noShowStreak(
  ordered: RecordedAttendance[],
  sessionId: string,
  threshold: number,
): NoShowStreak | null {
  if (!Number.isInteger(threshold) || threshold < 2) throw new RangeError('threshold must be an integer of at least 2');
  const index = ordered.findIndex((a) => a.sessionId === sessionId);
  if (index < 0 || ordered[index]?.status !== 'no_show') return null;
  let first = index;
  while (first > 0 && ordered[first - 1]?.status === 'no_show') first -= 1;
  let last = index;
  while (last < ordered.length - 1 && ordered[last + 1]?.status === 'no_show') last += 1;
  if (last - first + 1 < threshold) return null;
  const run = ordered.slice(first, last + 1).map((a) => a.sessionId);
  return { firstSessionId: run[0] as string, sessionIds: run };
}
