import { timeTicks } from './detox-chart-ticks';

const zone = 'America/New_York';

describe('timeTicks', () => {
  it('puts ticks on round local hours across the spring daylight-saving change', () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT in New York.
    const ticks = timeTicks(new Date('2026-03-07T05:00:00Z'), new Date('2026-03-09T04:00:00Z'), zone);
    expect(ticks.length).toBeGreaterThan(6);
    for (const tick of ticks) expect(['00:00', '04:00', '08:00', '12:00', '16:00', '20:00']).toContain(tick.label);
    expect(ticks.filter((t) => t.dateLabel !== null).map((t) => t.dateLabel)).toEqual(['Mar 7', 'Mar 8', 'Mar 9']);
    const times = ticks.map((t) => t.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('switches to daily ticks at local midnight for long periods', () => {
    const ticks = timeTicks(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-08T00:00:00Z'), zone);
    expect(ticks.map((t) => t.label)).toEqual(['Mar 1', 'Mar 2', 'Mar 3', 'Mar 4', 'Mar 5', 'Mar 6', 'Mar 7']);
    expect(ticks.length).toBeLessThanOrEqual(12);
  });
});
