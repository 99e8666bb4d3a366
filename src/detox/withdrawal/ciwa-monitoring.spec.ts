import { ciwaMonitoringComplete } from './ciwa-monitoring';

const at = (hours: number) => new Date(Date.UTC(2026, 2, 1, 0, 0) + hours * 3_600_000);
const minimal = (h: number) => ({ assessedAt: at(h), band: 'minimal', itemDanger: false });
const moderate = (h: number) => ({ assessedAt: at(h), band: 'moderate', itemDanger: false });
const minimalWithDangerItem = (h: number) => ({ assessedAt: at(h), band: 'minimal', itemDanger: true });
/** The defaults: 24 hours under 10; minimal scores every 8 hours, 15 minutes' grace. */
const RULE = { hoursUnder10: 24, maxGapMinutes: 8 * 60 + 15 };

describe('ciwaMonitoringComplete', () => {
  it('is not complete on a first minimal score', () => {
    expect(ciwaMonitoringComplete([], minimal(0), RULE)).toBe(false);
  });

  it('completes exactly 24 hours after the first of an unbroken run of minimal scores', () => {
    const history = [minimal(0), minimal(8), minimal(16)];
    expect(ciwaMonitoringComplete(history, minimal(23.99), RULE)).toBe(false);
    expect(ciwaMonitoringComplete(history, minimal(24), RULE)).toBe(true);
  });

  it('never counts a minimal total with a dangerous item toward the time under 10', () => {
    expect(ciwaMonitoringComplete([minimal(0), minimal(8)], minimalWithDangerItem(16), RULE)).toBe(false);
    const history = [minimal(0), minimalWithDangerItem(8), minimal(16)];
    expect(ciwaMonitoringComplete(history, minimal(24), RULE)).toBe(false);
    expect(ciwaMonitoringComplete([...history, minimal(24), minimal(32)], minimal(40), RULE)).toBe(true);
  });

  it('restarts the clock at any score of 10 or more', () => {
    const history = [minimal(0), minimal(8), moderate(12), minimal(16), minimal(24), minimal(32)];
    expect(ciwaMonitoringComplete(history, minimal(36), RULE)).toBe(false);
    expect(ciwaMonitoringComplete(history, minimal(40), RULE)).toBe(true);
  });

  it('restarts the clock after a missed reassessment: a gap longer than the interval plus grace', () => {
    // 0, 8, then nothing until 24: the 16-hour reassessment was missed.
    expect(ciwaMonitoringComplete([minimal(0), minimal(8)], minimal(24), RULE)).toBe(false);
    expect(ciwaMonitoringComplete([minimal(0)], minimal(24), RULE)).toBe(false);
    // Exactly on the grace is still on time.
    const onGrace = [minimal(0), minimal(8.25), minimal(16.5)];
    expect(ciwaMonitoringComplete(onGrace, minimal(24.75), RULE)).toBe(true);
    expect(ciwaMonitoringComplete([minimal(0), minimal(8.26)], minimal(24), RULE)).toBe(false);
  });

  it('is never complete on a moderate or severe score', () => {
    expect(ciwaMonitoringComplete([minimal(0), minimal(8), minimal(16)], moderate(24), RULE)).toBe(false);
    const severe = { assessedAt: at(24), band: 'severe', itemDanger: false };
    expect(ciwaMonitoringComplete([minimal(0), minimal(8), minimal(16)], severe, RULE)).toBe(false);
  });

  it('ignores assessments later than the current one and accepts history in any order', () => {
    const history = [moderate(50), minimal(16), minimal(8), minimal(0)];
    expect(ciwaMonitoringComplete(history, minimal(24), RULE)).toBe(true);
  });

  it('monitors longer when configured, never shorter than 24 hours', () => {
    const day = [minimal(0), minimal(8), minimal(16)];
    expect(ciwaMonitoringComplete(day, minimal(24), { ...RULE, hoursUnder10: 32 })).toBe(false);
    expect(ciwaMonitoringComplete([...day, minimal(24)], minimal(32), { ...RULE, hoursUnder10: 32 })).toBe(true);
    expect(ciwaMonitoringComplete([minimal(0), minimal(8)], minimal(12), { ...RULE, hoursUnder10: 12 })).toBe(false);
    expect(() => ciwaMonitoringComplete([], minimal(0), { ...RULE, hoursUnder10: 0 })).toThrow(RangeError);
  });
});
