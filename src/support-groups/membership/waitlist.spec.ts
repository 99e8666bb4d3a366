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
  const anyone = () => Promise.resolve(true);
  const ids = (places: { membershipId: string }[]) => places.map((e) => e.membershipId);

  it('promotes the earliest arrival into a freed seat', async () => {
    expect(ids((await nextInLine([entry('late', 9), entry('early', 2)], 1, anyone)).seated)).toEqual(['early']);
  });

  it('promotes as many as seats were freed, in arrival order', async () => {
    expect(ids((await nextInLine([entry('a', 1), entry('b', 2), entry('c', 3)], 2, anyone)).seated)).toEqual(['a', 'b']);
  });

  it('promotes nobody when no seat is free or nobody waits', async () => {
    expect(await nextInLine([entry('a', 1)], 0, anyone)).toEqual({ seated: [], passedOver: [] });
    expect(await nextInLine([], 3, anyone)).toEqual({ seated: [], passedOver: [] });
  });

  it('passes over who cannot sit and asks nobody once the seats are given', async () => {
    const asked: string[] = [];
    const canSit = (e: { membershipId: string }) => {
      asked.push(e.membershipId);
      return Promise.resolve(e.membershipId !== 'a');
    };
    const handout = await nextInLine([entry('c', 3), entry('a', 1), entry('b', 2), entry('d', 4)], 2, canSit);
    expect({ seated: ids(handout.seated), passedOver: ids(handout.passedOver) }).toEqual({ seated: ['b', 'c'], passedOver: ['a'] });
    expect(asked).toEqual(['a', 'b', 'c']);
  });
});
