import { hiddenCounts } from './complementary-suppression';

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
