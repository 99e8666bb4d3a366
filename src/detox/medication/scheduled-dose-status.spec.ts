import { type ScheduledDoseFacts, scheduledDoseStatus } from './scheduled-dose-status';

const t = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const base: ScheduledDoseFacts = {
  scheduledAt: t('08:00'), scheduledDose: 20, givenDose: null, omission: null, orderedAt: t('06:00'), discontinuedAt: null,
};
const status = (facts: Partial<ScheduledDoseFacts>, now = t('23:00')) => scheduledDoseStatus({ ...base, ...facts }, now, 120, 10);

describe('scheduledDoseStatus', () => {
  it('is upcoming before its time, due during the grace period, missed after it', () => {
    expect(status({}, t('07:59'))).toBe('upcoming');
    expect(status({}, t('08:00'))).toBe('due');
    expect(status({}, t('10:00'))).toBe('due');
    expect(status({}, new Date(t('10:00').getTime() + 1))).toBe('missed');
  });

  it('is given when the ordered amount within the tolerance was given, even late', () => {
    expect(status({ givenDose: 20 })).toBe('given');
    expect(status({ givenDose: 18 })).toBe('given');
    expect(status({ givenDose: 25 })).toBe('given');
  });

  it('is given partially when less than the tolerance allows was given', () => {
    expect(status({ givenDose: 17.9 })).toBe('given_partially');
    expect(status({ givenDose: 1 })).toBe('given_partially');
  });

  it('is held or refused as recorded', () => {
    expect(status({ omission: 'held' })).toBe('held');
    expect(status({ omission: 'refused' })).toBe('refused');
  });

  it('is cancelled when the order was discontinued before it fell due', () => {
    expect(status({ discontinuedAt: t('07:00') })).toBe('cancelled');
    expect(status({ discontinuedAt: t('09:00') })).toBe('missed');
  });

  it('never counts a dose scheduled before the order was written as missed', () => {
    expect(status({ orderedAt: t('09:00') })).toBe('before_order');
  });
});
