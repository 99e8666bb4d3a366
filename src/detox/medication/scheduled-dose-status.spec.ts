import { scheduledDoseStatus } from './scheduled-dose-status';

const t = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const base = { scheduledAt: t('08:00'), given: false, orderedAt: t('06:00'), discontinuedAt: null };

describe('scheduledDoseStatus', () => {
  it('is upcoming before its time, due during the grace period, missed after it', () => {
    expect(scheduledDoseStatus(base, t('07:59'), 120)).toBe('upcoming');
    expect(scheduledDoseStatus(base, t('08:00'), 120)).toBe('due');
    expect(scheduledDoseStatus(base, t('10:00'), 120)).toBe('due');
    expect(scheduledDoseStatus(base, new Date(t('10:00').getTime() + 1), 120)).toBe('missed');
  });

  it('is given once an administration fulfils it, even late', () => {
    expect(scheduledDoseStatus({ ...base, given: true }, t('23:00'), 120)).toBe('given');
  });

  it('is cancelled when the order was discontinued before it fell due', () => {
    expect(scheduledDoseStatus({ ...base, discontinuedAt: t('07:00') }, t('23:00'), 120)).toBe('cancelled');
    expect(scheduledDoseStatus({ ...base, discontinuedAt: t('09:00') }, t('23:00'), 120)).toBe('missed');
  });

  it('never counts a dose scheduled before the order was written as missed', () => {
    expect(scheduledDoseStatus({ ...base, orderedAt: t('09:00') }, t('23:00'), 120)).toBe('before_order');
  });
});
