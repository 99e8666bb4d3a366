import { DateTime } from 'luxon';
import { shiftOccurrence } from './series-shift';

const NY = 'America/New_York';
const ny = (iso: string): Date => DateTime.fromISO(iso, { zone: NY }).toJSDate();
const show = (i: { startsAt: Date; endsAt: Date }): string =>
  `${DateTime.fromJSDate(i.startsAt, { zone: NY }).toFormat('yyyy-MM-dd ccc HH:mm')}-${DateTime.fromJSDate(i.endsAt, { zone: NY }).toFormat('HH:mm')}`;

/** A weekly Wednesday 18:00-19:30 group, first on 25 February 2026 (before the 8 March DST change). */
const wed = (date: string) => ({ startsAt: ny(`${date}T18:00`), endsAt: ny(`${date}T19:30`) });

describe('shiftOccurrence', () => {
  it('gives back the new times for the occurrence that was moved', () => {
    const change = { from: wed('2026-02-25'), to: { startsAt: ny('2026-02-26T17:30'), endsAt: ny('2026-02-26T19:00') } };
    expect(shiftOccurrence(change.from, change, NY)).toEqual(change.to);
  });

  it('moves later occurrences by the same local days, to the new local time, across the DST change', () => {
    const change = { from: wed('2026-02-25'), to: { startsAt: ny('2026-02-26T17:30'), endsAt: ny('2026-02-26T19:00') } };
    expect(show(shiftOccurrence(wed('2026-03-04'), change, NY))).toBe('2026-03-05 Thu 17:30-19:00');
    expect(show(shiftOccurrence(wed('2026-03-11'), change, NY))).toBe('2026-03-12 Thu 17:30-19:00');
  });

  it('keeps the day and changes only the time and duration when the move is within the day', () => {
    const change = { from: wed('2026-03-04'), to: { startsAt: ny('2026-03-04T16:00'), endsAt: ny('2026-03-04T18:00') } };
    expect(show(shiftOccurrence(wed('2026-03-18'), change, NY))).toBe('2026-03-18 Wed 16:00-18:00');
  });

  it('moves occurrences to earlier days', () => {
    const change = { from: wed('2026-03-04'), to: { startsAt: ny('2026-03-02T18:00'), endsAt: ny('2026-03-02T19:30') } };
    expect(show(shiftOccurrence(wed('2026-11-04'), change, NY))).toBe('2026-11-02 Mon 18:00-19:30');
  });

  it('judges days on the local clock: a late-evening move that crosses UTC midnight keeps the local day', () => {
    const change = { from: wed('2026-03-04'), to: { startsAt: ny('2026-03-04T20:30'), endsAt: ny('2026-03-04T21:30') } };
    expect(show(shiftOccurrence(wed('2026-03-11'), change, NY))).toBe('2026-03-11 Wed 20:30-21:30');
  });

  it('rejects an unknown zone', () => {
    const change = { from: wed('2026-03-04'), to: wed('2026-03-05') };
    expect(() => shiftOccurrence(wed('2026-03-11'), change, 'Nowhere/Zone')).toThrow(RangeError);
  });
});
