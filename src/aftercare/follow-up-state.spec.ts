import { followUpAnswered, followUpTiming } from './follow-up-state';

describe('follow-up timing (overdue rule)', () => {
  it.each([
    ['2026-03-10', '2026-03-09', 'upcoming'],
    ['2026-03-10', '2026-03-10', 'due'],
    ['2026-03-10', '2026-03-13', 'due'], // 3 days late: within the default grace
    ['2026-03-10', '2026-03-14', 'overdue'], // more than 3 days late
    ['2026-02-28', '2026-03-03', 'due'], // month end, non-leap year: 3 days
    ['2026-02-28', '2026-03-04', 'overdue'],
    ['2028-02-28', '2028-03-02', 'due'], // across a leap day: 3 days
    ['2028-02-28', '2028-03-03', 'overdue'],
    ['2026-03-06', '2026-03-09', 'due'], // across spring forward: still 3 calendar days
    ['2026-10-30', '2026-11-03', 'overdue'], // across fall back: 4 calendar days
  ])('due %s, today %s: %s with 3 days of grace', (due, today, expected) => {
    expect(followUpTiming(due, today, 3)).toBe(expected);
  });

  it('with no grace is overdue the day after', () => {
    expect(followUpTiming('2026-03-10', '2026-03-10', 0)).toBe('due');
    expect(followUpTiming('2026-03-10', '2026-03-11', 0)).toBe('overdue');
  });
});

describe('the follow-up a check-in answers', () => {
  const open = [
    { id: 'a', dueDate: '2026-03-01' },
    { id: 'b', dueDate: '2026-03-31' },
  ];

  it('is the open follow-up already due, however late, before one ahead', () => {
    expect(followUpAnswered(open, '2026-03-04', 14)).toBe('a');
    expect(followUpAnswered(open, '2026-03-20', 14)).toBe('a');
    expect(followUpAnswered(open, '2026-03-01', 14)).toBe('a');
  });

  it('is the latest of several already due', () => {
    expect(followUpAnswered([...open, { id: 'c', dueDate: '2026-03-15' }], '2026-03-20', 14)).toBe('c');
  });

  it('is the nearest one ahead within the window when none is due, including the window edge', () => {
    expect(followUpAnswered(open, '2026-02-15', 14)).toBe('a');
    expect(followUpAnswered(open, '2026-02-14', 14)).toBeNull();
    expect(followUpAnswered([{ id: 'b', dueDate: '2026-03-31' }], '2026-03-20', 14)).toBe('b');
  });

  it('answers none when nothing is open', () => {
    expect(followUpAnswered([], '2026-03-16', 14)).toBeNull();
  });
});
