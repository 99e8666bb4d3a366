import { DEFAULT_DETOX_ALERT_THRESHOLDS } from '../alerting/alert-thresholds';
import { DEFAULT_REASSESSMENT_INTERVALS } from './reassessment';
import { nextAssessment, schedulingBand, type ScheduleRules, type ScoredPoint } from './withdrawal-schedule';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 2, 1) + hours * HOUR);
const RULES: ScheduleRules = {
  intervals: DEFAULT_REASSESSMENT_INTERVALS, thresholds: DEFAULT_DETOX_ALERT_THRESHOLDS,
  ciwaStopAfterHoursUnder10: 24, overdueGraceMinutes: 15,
};
const ciwa = (hours: number, total: number, band: string): ScoredPoint =>
  ({ scale: 'CIWA-Ar', total, band, itemScores: {}, assessedAt: at(hours) });

describe('schedulingBand', () => {
  it('is the published band at the default thresholds', () => {
    expect(schedulingBand({ scale: 'CIWA-Ar', total: 15, band: 'moderate' }, DEFAULT_DETOX_ALERT_THRESHOLDS)).toBe('moderate');
    expect(schedulingBand({ scale: 'COWS', total: 24, band: 'moderate' }, DEFAULT_DETOX_ALERT_THRESHOLDS)).toBe('moderate');
  });

  it('raises the band to a stricter threshold, never lowers it', () => {
    const strict = { ...DEFAULT_DETOX_ALERT_THRESHOLDS, ciwaSevere: 12, cowsModeratelySevere: 20, cowsSevere: 30 };
    expect(schedulingBand({ scale: 'CIWA-Ar', total: 12, band: 'moderate' }, strict)).toBe('severe');
    expect(schedulingBand({ scale: 'COWS', total: 21, band: 'moderate' }, strict)).toBe('moderately_severe');
    expect(schedulingBand({ scale: 'COWS', total: 31, band: 'moderately_severe' }, strict)).toBe('severe');
    expect(schedulingBand({ scale: 'COWS', total: 40, band: 'severe' }, strict)).toBe('severe');
  });
});

describe('nextAssessment', () => {
  it('completes CIWA-Ar monitoring after 24 hours of on-time minimal scores', () => {
    const history = [ciwa(0, 3, 'minimal'), ciwa(8, 3, 'minimal'), ciwa(16, 3, 'minimal')];
    expect(nextAssessment(ciwa(24, 2, 'minimal'), history, RULES, false)).toEqual({ nextDueAt: null, monitoringComplete: true });
  });

  it('keeps monitoring when a stricter severe threshold makes a minimal total severe', () => {
    const rules = { ...RULES, thresholds: { ...RULES.thresholds, ciwaSevere: 8 } };
    const history = [ciwa(0, 3, 'minimal'), ciwa(8, 9, 'minimal'), ciwa(16, 3, 'minimal')];
    expect(nextAssessment(ciwa(24, 2, 'minimal'), history, rules, false).monitoringComplete).toBe(false);
    expect(nextAssessment(ciwa(24, 9, 'minimal'), [], rules, false).nextDueAt).toEqual(at(25));
  });
});
