import { ciwaMonitoringComplete } from './ciwa-monitoring';

const at = (hours: number) => new Date(Date.UTC(2026, 2, 1, 0, 0) + hours * 3_600_000);
const minimal = (h: number) => ({ assessedAt: at(h), band: 'minimal', itemDanger: false });
const moderate = (h: number) => ({ assessedAt: at(h), band: 'moderate', itemDanger: false });
const minimalWithDangerItem = (h: number) => ({ assessedAt: at(h), band: 'minimal', itemDanger: true });

describe('ciwaMonitoringComplete', () => {
  it('is not complete on a first minimal score', () => {
    expect(ciwaMonitoringComplete([], minimal(0), 24)).toBe(false);
  });

  it('completes exactly 24 hours after the first of an unbroken run of minimal scores', () => {
    const history = [minimal(0), minimal(8), minimal(16)];
    expect(ciwaMonitoringComplete(history, minimal(23.99), 24)).toBe(false);
    expect(ciwaMonitoringComplete(history, minimal(24), 24)).toBe(true);
  });

  it('never counts a minimal total with a dangerous item toward the time under 10', () => {
    expect(ciwaMonitoringComplete([minimal(0), minimal(8)], minimalWithDangerItem(24), 24)).toBe(false);
    const history = [minimal(0), minimalWithDangerItem(8), minimal(16)];
    expect(ciwaMonitoringComplete(history, minimal(24), 24)).toBe(false);
    expect(ciwaMonitoringComplete(history, minimal(32), 24)).toBe(false);
    expect(ciwaMonitoringComplete([...history, minimal(24)], minimal(40), 24)).toBe(true);
  });

  it('restarts the clock at any score of 10 or more', () => {
    const history = [minimal(0), minimal(8), moderate(12), minimal(16)];
    expect(ciwaMonitoringComplete(history, minimal(30), 24)).toBe(false);
    expect(ciwaMonitoringComplete(history, minimal(40), 24)).toBe(true);
  });

  it('is never complete on a moderate or severe score', () => {
    expect(ciwaMonitoringComplete([minimal(0)], moderate(30), 24)).toBe(false);
    expect(ciwaMonitoringComplete([minimal(0)], { assessedAt: at(30), band: 'severe', itemDanger: false }, 24)).toBe(false);
  });

  it('ignores assessments later than the current one and accepts history in any order', () => {
    const history = [moderate(50), minimal(8), minimal(0)];
    expect(ciwaMonitoringComplete(history, minimal(24), 24)).toBe(true);
  });

  it('uses the configured number of hours', () => {
    expect(ciwaMonitoringComplete([minimal(0)], minimal(12), 12)).toBe(true);
    expect(() => ciwaMonitoringComplete([], minimal(0), 0)).toThrow(RangeError);
  });
});
