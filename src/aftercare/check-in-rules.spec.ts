import { expectedAnalytes, isRepeatedLapse, unexpectedPositives } from './check-in-rules';

describe('drug screen expectations', () => {
  it('expects buprenorphine for a patient on buprenorphine, whatever the case of the order', () => {
    expect([...expectedAnalytes(['Buprenorphine '])]).toEqual(['buprenorphine']);
  });

  it('maps each prescribed drug to the analyte it shows up as', () => {
    expect([...expectedAnalytes(['diazepam', 'methadone', 'baclofen', 'morphine'])].sort()).toEqual(
      ['baclofen', 'benzodiazepines', 'methadone', 'opiates'],
    );
  });

  it('expects nothing without prescriptions, and never alcohol or cocaine', () => {
    expect(expectedAnalytes([]).size).toBe(0);
    expect(expectedAnalytes(['ethanol', 'cocaine']).size).toBe(0);
  });

  it('reports positives not explained by a prescription; negatives and invalids are not positives', () => {
    expect(unexpectedPositives([
      { analyte: 'buprenorphine', result: 'positive', expected: true },
      { analyte: 'fentanyl', result: 'positive', expected: false },
      { analyte: 'cocaine', result: 'invalid', expected: false },
      { analyte: 'opiates', result: 'negative', expected: false },
    ])).toEqual(['fentanyl']);
  });
});

describe('two lapses within 30 days', () => {
  it('is a repeated lapse when another lapse was 30 days before or fewer', () => {
    expect(isRepeatedLapse('lapse', '2026-03-31', ['2026-03-01'])).toBe(true);
    expect(isRepeatedLapse('lapse', '2026-03-31', ['2026-03-31'])).toBe(true);
  });

  it('is not when the earlier lapse was 31 days before', () => {
    expect(isRepeatedLapse('lapse', '2026-04-01', ['2026-03-01'])).toBe(false);
  });

  it('counts only lapses: an abstinent or relapse report is not a repeated lapse', () => {
    expect(isRepeatedLapse('abstinent', '2026-03-10', ['2026-03-01'])).toBe(false);
    expect(isRepeatedLapse('relapse', '2026-03-10', ['2026-03-01'])).toBe(false);
    expect(isRepeatedLapse('lapse', '2026-03-10', [])).toBe(false);
  });
});
