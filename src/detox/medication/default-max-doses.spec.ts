import { DEFAULT_MAX_DOSES, defaultMaxDosePer24h } from './default-max-doses';

describe('defaultMaxDosePer24h', () => {
  it('gives baclofen 80 mg per 24 hours, whatever the case and spacing of the name', () => {
    expect(defaultMaxDosePer24h('baclofen', 'mg')).toBe(80);
    expect(defaultMaxDosePer24h('  Baclofen ', 'mg')).toBe(80);
  });

  it('converts the default into the order unit when it is a mass unit', () => {
    expect(defaultMaxDosePer24h('baclofen', 'g')).toBe(0.08);
    expect(defaultMaxDosePer24h('lofexidine', 'mcg')).toBe(2880);
  });

  it('has no default for a unit that does not convert, or for an unlisted drug', () => {
    expect(defaultMaxDosePer24h('baclofen', 'mL')).toBeNull();
    expect(defaultMaxDosePer24h('diazepam', 'mg')).toBeNull();
  });

  it('documents a source for every default', () => {
    for (const entry of DEFAULT_MAX_DOSES) {
      expect(entry.source).not.toBe('');
      expect(entry.maxPer24h).toBeGreaterThan(0);
    }
  });
});
