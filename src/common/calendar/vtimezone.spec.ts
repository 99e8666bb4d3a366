import { formatLocal, vtimezoneLines } from './vtimezone';

describe('vtimezoneLines', () => {
  it('writes both 2026 New York transitions with the offsets before and after', () => {
    const lines = vtimezoneLines('America/New_York', new Date('2026-01-15T12:00:00Z'), new Date('2026-12-15T12:00:00Z'));
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VTIMEZONE', 'TZID:America/New_York']);
    const text = lines.join('\n');
    expect(text).toContain(
      ['BEGIN:DAYLIGHT', 'DTSTART:20260308T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'TZNAME:EDT', 'END:DAYLIGHT'].join('\n'),
    );
    expect(text).toContain(
      ['BEGIN:STANDARD', 'DTSTART:20261101T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'TZNAME:EST', 'END:STANDARD'].join('\n'),
    );
    expect(lines.at(-1)).toBe('END:VTIMEZONE');
  });

  it('writes a single observance for a zone without daylight-saving time', () => {
    const lines = vtimezoneLines('Asia/Tokyo', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'));
    expect(lines.filter((l) => l.startsWith('BEGIN:STANDARD') || l.startsWith('BEGIN:DAYLIGHT'))).toHaveLength(1);
    expect(lines).toContain('TZOFFSETTO:+0900');
  });

  it('formats local times in the zone, across the spring change', () => {
    expect(formatLocal(new Date('2026-03-08T06:30:00Z'), 'America/New_York')).toBe('20260308T013000');
    expect(formatLocal(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('20260308T033000');
  });
});
