import { hiddenCounts, hiddenTableCounts } from './complementary-suppression';

const OUTCOMES = { total: 'ended', parts: ['completed', 'transferred', 'left', 'other'] };

describe('hiddenCounts', () => {
  it('hides the smallest other non-zero part when one small part would follow by subtraction', () => {
    const hidden = hiddenCounts({ ended: 40, completed: 25, transferred: 0, left: 3, other: 12 }, [OUTCOMES], 11);
    expect([...hidden.small]).toEqual(['left']);
    expect([...hidden.complementary]).toEqual(['other']);
  });

  it('hides nothing more when the total is small too, and a part before the total', () => {
    const hidden = hiddenCounts({ ended: 3, completed: 0, transferred: 0, left: 3, other: 0 }, [OUTCOMES], 11);
    expect([...hidden.small].sort()).toEqual(['ended', 'left']);
    expect([...hidden.complementary]).toEqual([]);
    const bigger = hiddenCounts({ ended: 15, completed: 0, transferred: 0, left: 3, other: 12 }, [OUTCOMES], 11);
    expect([...bigger.complementary]).toEqual(['other']);
    const onlyTotal = hiddenCounts({ ended: 13, completed: 0, transferred: 0, left: 0, other: 13 }, [OUTCOMES], 11);
    expect([...onlyTotal.small]).toEqual([]);
  });

  it('adds nothing when two cells of the partition are already hidden, or none is', () => {
    expect([...hiddenCounts({ ended: 40, completed: 34, transferred: 0, left: 3, other: 3 }, [OUTCOMES], 11).complementary]).toEqual([]);
    expect([...hiddenCounts({ ended: 40, completed: 29, transferred: 0, left: 11, other: 0 }, [OUTCOMES], 11).complementary]).toEqual([]);
  });

  it('keeps going across partitions that share a cell until none has a lone hidden cell', () => {
    const partitions = [
      { total: 'all', parts: ['a', 'b'] },
      { total: 'b', parts: ['b1', 'b2'] },
    ];
    const hidden = hiddenCounts({ all: 60, a: 5, b: 55, b1: 20, b2: 35 }, partitions, 11);
    expect([...hidden.small]).toEqual(['a']);
    // b is hidden to protect a; then b1 is hidden so that b cannot be worked back from b1 + b2.
    expect([...hidden.complementary]).toEqual(['b', 'b1']);
  });
});

describe('hiddenTableCounts', () => {
  const BOOKINGS = [{ total: 'bookings', parts: ['attended', 'no_show'] }];
  const listed = (hidden: { small: ReadonlySet<string>; complementary: ReadonlySet<string> }[]) =>
    hidden.map((h) => ({ small: [...h.small], complementary: [...h.complementary] }));

  it("hides a second kind row's cell when one is small, so the clinician row's total cannot give it back (13 - 12 = 1)", () => {
    const rows = [
      { bookings: 1, attended: 1, no_show: 0 }, // kind family
      { bookings: 12, attended: 12, no_show: 0 }, // kind individual
      { bookings: 13, attended: 13, no_show: 0 }, // clinician X
    ];
    expect(listed(hiddenTableCounts(rows, BOOKINGS, [[0, 1], [2]], 11))).toEqual([
      { small: ['bookings', 'attended'], complementary: [] },
      { small: [], complementary: ['bookings', 'attended'] },
      { small: [], complementary: [] },
    ]);
  });

  it('hides the smallest other non-zero cell of the column in the group, and none where the rest are zeros', () => {
    const rows = [{ bookings: 4, attended: 4, no_show: 0 }, { bookings: 40, attended: 40, no_show: 0 },
      { bookings: 25, attended: 25, no_show: 0 }, { bookings: 0, attended: 0, no_show: 0 }];
    const hidden = hiddenTableCounts(rows, BOOKINGS, [[0, 1, 2, 3]], 11);
    expect(listed(hidden).map((h) => h.complementary)).toEqual([[], [], ['bookings', 'attended'], []]);
  });

  it('applies the row and the group rules in turn until neither has a lone hidden cell', () => {
    const rows = [{ bookings: 20, attended: 17, no_show: 3 }, { bookings: 30, attended: 30, no_show: 0 }];
    // A's 3 no-shows hide its 17 attended; then B's 30 attended (the group's margin is known from the other
    // dimension), then B's bookings (30 = attended + 0), then A's bookings (the margin minus B's).
    expect(listed(hiddenTableCounts(rows, BOOKINGS, [[0, 1]], 11))).toEqual([
      { small: ['no_show'], complementary: ['attended', 'bookings'] },
      { small: [], complementary: ['attended', 'bookings'] },
    ]);
  });

  it('is hiddenCounts for one row and no groups', () => {
    const counts = { ended: 40, completed: 25, transferred: 0, left: 3, other: 12 };
    expect(hiddenTableCounts([counts], [OUTCOMES], [], 11)).toEqual([hiddenCounts(counts, [OUTCOMES], 11)]);
  });
});
