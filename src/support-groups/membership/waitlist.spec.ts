import { nextInLine, waitlistOrder } from './waitlist';

const entry = (id: string, arrival: number) => ({ membershipId: id, patientId: `p-${id}`, arrival });

describe('waitlistOrder', () => {
  it('orders by arrival with positions 1..n and no gaps, whatever order the rows come in', () => {
    expect(waitlistOrder([entry('c', 30), entry('a', 5), entry('b', 12)]).map((e) => [e.membershipId, e.position])).toEqual([
      ['a', 1], ['b', 2], ['c', 3],
    ]);
  });

  it('closes the gap when someone in the middle leaves the line', () => {
    expect(waitlistOrder([entry('a', 5), entry('c', 30)]).map((e) => e.position)).toEqual([1, 2]);
  });

  it('is empty for an empty line', () => {
    expect(waitlistOrder([])).toEqual([]);
  });
});

describe('nextInLine', () => {
  it('promotes the earliest arrival into a freed seat', () => {
    expect(nextInLine([entry('late', 9), entry('early', 2)], 1).map((e) => e.membershipId)).toEqual(['early']);
  });

  it('promotes as many as seats were freed, in arrival order', () => {
    expect(nextInLine([entry('a', 1), entry('b', 2), entry('c', 3)], 2).map((e) => e.membershipId)).toEqual(['a', 'b']);
  });

  it('promotes nobody when no seat is free or nobody waits', () => {
    expect(nextInLine([entry('a', 1)], 0)).toEqual([]);
    expect(nextInLine([], 3)).toEqual([]);
  });
});
