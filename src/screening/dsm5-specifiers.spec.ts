import type { SudCriteria } from './dsm5-sud';
import { DSM5_SUD_CRITERIA } from './dsm5-sud';
import {
  countedSeverity, criteriaPeriod, MEDICALLY_SUPERVISABLE, monthsBetween, remissionFor, type SpecifierInput, specifierErrors,
} from './dsm5-specifiers';

const criteria = (...present: string[]): SudCriteria =>
  Object.fromEntries(DSM5_SUD_CRITERIA.map((c) => [c.key, present.includes(c.key)])) as SudCriteria;

describe('countedSeverity', () => {
  it('does not count tolerance and withdrawal under medical supervision, so prescribed use alone is no disorder', () => {
    expect(countedSeverity(criteria('tolerance', 'withdrawal'), true)).toEqual({ count: 0, severity: 'none', excluded: ['tolerance', 'withdrawal'] });
    expect(countedSeverity(criteria('tolerance', 'withdrawal'), false)).toMatchObject({ count: 2, severity: 'mild', excluded: [] });
  });

  it('still counts the other criteria under medical supervision', () => {
    expect(countedSeverity(criteria('tolerance', 'withdrawal', 'craving', 'time_spent'), true)).toMatchObject({ count: 2, severity: 'mild' });
  });
});

describe('remission', () => {
  it('counts whole months', () => {
    expect(monthsBetween('2026-01-15', '2026-04-14')).toBe(2);
    expect(monthsBetween('2026-01-15', '2026-04-15')).toBe(3);
  });

  it('is early from 3 to under 12 months and sustained from 12', () => {
    expect(remissionFor('2026-01-15', '2026-04-14')).toBeNull();
    expect(remissionFor('2026-01-15', '2026-04-15')).toBe('early');
    expect(remissionFor('2025-04-16', '2026-04-15')).toBe('early');
    expect(remissionFor('2025-04-15', '2026-04-15')).toBe('sustained');
  });
});

describe('criteriaPeriod', () => {
  it('is the 12 months ending on the given day', () => {
    expect(criteriaPeriod('2026-04-15')).toEqual({ start: '2025-04-16', end: '2026-04-15' });
    expect(criteriaPeriod('2024-02-29')).toEqual({ start: '2023-03-01', end: '2024-02-29' });
  });
});

describe('specifierErrors', () => {
  const base: SpecifierInput = {
    substance: 'opioids', medicallySupervised: false, noCriteriaSince: null, controlledEnvironment: false,
    maintenanceTherapy: false, withdrawalPresent: false, count: 4, today: '2026-04-15',
  };
  const fields = (s: Partial<SpecifierInput>) => specifierErrors({ ...base, ...s }).map((e) => e.field);

  it('accepts a plain diagnosis', () => expect(fields({})).toEqual([]));

  it('refuses the withdrawal criterion for phencyclidine, other hallucinogens and inhalants, not for cannabis', () => {
    for (const substance of ['hallucinogens', 'phencyclidine', 'inhalants']) {
      expect(fields({ substance, withdrawalPresent: true })).toEqual(['criteria.withdrawal']);
      expect(fields({ substance, withdrawalPresent: false })).toEqual([]);
    }
    expect(fields({ substance: 'cannabis', withdrawalPresent: true })).toEqual([]);
    expect(fields({ substance: 'alcohol', withdrawalPresent: true })).toEqual([]);
  });

  it('allows medical supervision only for opioids, sedatives (baclofen included) and stimulants', () => {
    expect(fields({ substance: 'baclofen', medicallySupervised: true })).toEqual([]);
    expect(fields({ substance: 'alcohol', medicallySupervised: true })).toEqual(['medicallySupervised']);
  });

  it('needs at least 3 months, a past date and full criteria for remission', () => {
    expect(fields({ noCriteriaSince: '2026-01-15' })).toEqual([]);
    expect(fields({ noCriteriaSince: '2026-02-01' })).toEqual(['remission.noCriteriaSince']);
    expect(fields({ noCriteriaSince: '2026-05-01' })).toEqual(['remission.noCriteriaSince']);
    expect(fields({ noCriteriaSince: '2025-01-01', count: 1 })).toEqual(['criteria']);
  });

  it('allows a controlled environment only in remission, maintenance therapy only for opioids and tobacco', () => {
    expect(fields({ controlledEnvironment: true })).toEqual(['remission.controlledEnvironment']);
    expect(fields({ controlledEnvironment: true, noCriteriaSince: '2025-01-01' })).toEqual([]);
    expect(fields({ maintenanceTherapy: true })).toEqual([]);
    expect(fields({ substance: 'alcohol', maintenanceTherapy: true })).toEqual(['maintenanceTherapy']);
    // An opioid use disorder recorded under the opioid itself (DSM-5: an agonist such as methadone or buprenorphine).
    for (const substance of ['methadone', 'buprenorphine', 'morphine', 'hydrocodone', 'heroin', 'tobacco']) {
      expect(fields({ substance, maintenanceTherapy: true })).toEqual([]);
    }
    expect(fields({ substance: 'cocaine', maintenanceTherapy: true })).toEqual(['maintenanceTherapy']);
  });

  it('counts every prescribable opioid, sedative and stimulant as medically supervisable, not heroin or cocaine', () => {
    for (const substance of ['hydromorphone', 'tapentadol', 'chlordiazepoxide', 'temazepam', 'methamphetamine', 'lisdexamfetamine']) {
      expect(MEDICALLY_SUPERVISABLE.has(substance)).toBe(true);
    }
    expect(MEDICALLY_SUPERVISABLE.has('heroin')).toBe(false);
    expect(MEDICALLY_SUPERVISABLE.has('cocaine')).toBe(false);
  });
});
