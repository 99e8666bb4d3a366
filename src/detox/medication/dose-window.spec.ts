import { DateTime } from 'luxon';
import { checkRollingDose, DoseRecord } from './dose-window';

const NY = 'America/New_York';
/** A New York wall-clock time as a UTC instant. */
const ny = (iso: string): Date => DateTime.fromISO(iso, { zone: NY }).toJSDate();
const utc = (iso: string): Date => new Date(iso);
const dose = (d: number, givenAt: Date): DoseRecord => ({ dose: d, givenAt });
const HOUR = 3600 * 1000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('checkRollingDose: baclofen 80 mg per 24 h', () => {
  const given = [
    dose(20, utc('2026-05-10T08:00:00Z')),
    dose(20, utc('2026-05-10T14:00:00Z')),
    dose(20, utc('2026-05-10T20:00:00Z')),
    dose(20, utc('2026-05-11T02:00:00Z')),
  ];

  it('refuses a fifth 20 mg dose after four of 20 mg in the last 24 hours', () => {
    const proposed = dose(20, utc('2026-05-11T07:00:00Z'));
    expect(checkRollingDose({ maxPer24h: 80, given, proposed })).toEqual({
      allowed: false,
      alreadyGiven: 80,
      windowStart: utc('2026-05-10T07:00:00Z'),
      windowEnd: utc('2026-05-11T07:00:00Z'),
      worstWindowTotal: 100,
    });
  });

  it('allows the fourth 20 mg dose, which reaches exactly 80 mg', () => {
    const r = checkRollingDose({ maxPer24h: 80, given: given.slice(0, 3), proposed: dose(20, utc('2026-05-11T02:00:00Z')) });
    expect([r.allowed, r.alreadyGiven, r.worstWindowTotal]).toEqual([true, 60, 80]);
  });

  it('allows the fifth dose once the first dose is exactly 24 hours old', () => {
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(20, utc('2026-05-11T08:00:00Z')) });
    expect([r.allowed, r.alreadyGiven]).toEqual([true, 60]);
  });

  it('still counts the first dose one millisecond before it is 24 hours old', () => {
    const proposed = dose(20, plus(utc('2026-05-11T08:00:00Z'), -1));
    expect(checkRollingDose({ maxPer24h: 80, given, proposed }).allowed).toBe(false);
  });

  it('counts a dose recorded at the same instant as the proposed one', () => {
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(0, utc('2026-05-11T02:00:00Z')) });
    expect(r.alreadyGiven).toBe(80);
    expect(r.allowed).toBe(true);
  });
});

describe('checkRollingDose: time is real elapsed time', () => {
  it('counts doses on either side of midnight in the same window', () => {
    const given = [dose(40, ny('2026-06-01T22:00')), dose(30, ny('2026-06-01T23:30'))];
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(20, ny('2026-06-02T00:30')) });
    expect([r.allowed, r.alreadyGiven, r.worstWindowTotal]).toEqual([false, 70, 90]);
  });

  it('does not reset the allowance at local midnight', () => {
    const given = [dose(80, ny('2026-06-01T23:59'))];
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-06-02T00:01')) }).allowed).toBe(false);
  });

  it('keeps a dose at 08:00 the day before the spring-forward change until 09:00 wall clock (only 23 h pass by 08:00)', () => {
    // 2026-03-08 02:00 EST -> 03:00 EDT in New York
    const given = [dose(80, ny('2026-03-07T08:00'))];
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-03-08T08:00')) }).allowed).toBe(false);
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-03-08T08:59')) }).allowed).toBe(false);
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-03-08T09:00')) }).allowed).toBe(true);
  });

  it('releases a dose at 08:00 the day before the fall-back change at 07:00 wall clock (24 h have passed)', () => {
    // 2026-11-01 02:00 EDT -> 01:00 EST in New York
    const given = [dose(80, ny('2026-10-31T08:00'))];
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-11-01T06:59')) }).allowed).toBe(false);
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, ny('2026-11-01T07:00')) });
    expect([r.allowed, r.alreadyGiven]).toEqual([true, 0]);
    expect(r.windowEnd.getTime() - r.windowStart.getTime()).toBe(24 * HOUR);
  });
});

describe('checkRollingDose: out-of-order recording', () => {
  it('refuses a backdated dose that would overfill a window ending at a later dose', () => {
    // Recorded now: 20 mg at 10:00, 20:00 and next day 06:00 (60 mg). A 30 mg dose
    // given at 09:00 is entered late: the window ending at 06:00 next day holds
    // 09:00, 10:00, 20:00 and 06:00, 90 mg.
    const given = [
      dose(20, utc('2026-05-10T10:00:00Z')),
      dose(20, utc('2026-05-10T20:00:00Z')),
      dose(20, utc('2026-05-11T06:00:00Z')),
    ];
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(30, utc('2026-05-10T09:00:00Z')) });
    expect(r).toEqual({
      allowed: false,
      alreadyGiven: 60,
      windowStart: utc('2026-05-10T06:00:00Z'),
      windowEnd: utc('2026-05-11T06:00:00Z'),
      worstWindowTotal: 90,
    });
  });

  it('allows a backdated dose when every window containing it stays within the maximum', () => {
    // 20 mg given at 09:59 on 05-11 but entered after the 10:00 dose. The window
    // ending at 09:59 holds 40 + 20; the one ending at 10:00 holds 20 + 40
    // (the 05-10 10:00 dose is then exactly 24 h old and no longer counts).
    const given = [dose(40, utc('2026-05-10T10:00:00Z')), dose(40, utc('2026-05-11T10:00:00Z'))];
    const proposed = dose(20, utc('2026-05-11T09:59:00Z'));
    const r = checkRollingDose({ maxPer24h: 60, given, proposed });
    expect([r.allowed, r.worstWindowTotal]).toEqual([true, 60]);
    expect(checkRollingDose({ maxPer24h: 59, given, proposed }).allowed).toBe(false);
  });

  it('ignores doses more than 24 hours after the proposed one', () => {
    const given = [dose(80, utc('2026-05-12T10:00:00Z'))];
    expect(checkRollingDose({ maxPer24h: 80, given, proposed: dose(10, utc('2026-05-11T10:00:00Z')) }).allowed).toBe(true);
  });

  it('reports the window ending at the proposed dose when windows tie', () => {
    const given = [dose(20, utc('2026-05-10T10:00:00Z')), dose(20, utc('2026-05-10T12:00:00Z'))];
    const r = checkRollingDose({ maxPer24h: 80, given, proposed: dose(20, utc('2026-05-10T11:00:00Z')) });
    expect(r.windowEnd).toEqual(utc('2026-05-10T12:00:00Z'));
    expect(r.alreadyGiven).toBe(40);
  });
});

describe('checkRollingDose: decimal doses', () => {
  it('adds 0.1 mg doses exactly, so reaching the maximum is not refused by float error', () => {
    const given = Array.from({ length: 24 }, (_, h) => dose(0.1, utc(`2026-05-10T${String(h).padStart(2, '0')}:00:00Z`)));
    const r = checkRollingDose({ maxPer24h: 3, given, proposed: dose(0.6, utc('2026-05-10T23:30:00Z')) });
    expect([r.allowed, r.alreadyGiven, r.worstWindowTotal]).toEqual([true, 2.4, 3]);
  });

  it('refuses 2.5 mg over a 7.5 mg maximum after three 2.5 mg doses', () => {
    const given = [0, 1, 2].map((h) => dose(2.5, utc(`2026-05-10T0${h}:00:00Z`)));
    const r = checkRollingDose({ maxPer24h: 7.5, given, proposed: dose(2.5, utc('2026-05-10T03:00:00Z')) });
    expect([r.allowed, r.alreadyGiven, r.worstWindowTotal]).toEqual([false, 7.5, 10]);
  });
});

describe('checkRollingDose: inputs', () => {
  const at = utc('2026-05-10T00:00:00Z');

  it('allows the first dose when nothing has been given', () => {
    const r = checkRollingDose({ maxPer24h: 80, given: [], proposed: dose(20, at) });
    expect(r).toEqual({
      allowed: true, alreadyGiven: 0, windowStart: utc('2026-05-09T00:00:00Z'), windowEnd: at, worstWindowTotal: 20,
    });
  });

  it('refuses a single dose above the maximum', () => {
    expect(checkRollingDose({ maxPer24h: 80, given: [], proposed: dose(81, at) }).allowed).toBe(false);
  });

  it('rejects negative or non-finite doses and invalid dates', () => {
    expect(() => checkRollingDose({ maxPer24h: -1, given: [], proposed: dose(1, at) })).toThrow(/maxPer24h/);
    expect(() => checkRollingDose({ maxPer24h: 80, given: [], proposed: dose(Number.NaN, at) })).toThrow(/proposed dose/);
    expect(() => checkRollingDose({ maxPer24h: 80, given: [], proposed: dose(1, new Date('x')) })).toThrow(/givenAt/);
    expect(() => checkRollingDose({ maxPer24h: 80, given: [dose(-5, at)], proposed: dose(1, at) })).toThrow(/given\[0\]/);
  });
});
