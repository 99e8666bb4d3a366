import { ANALYTES, EXPLAINED_BY, expectedAnalytes, isRepeatedLapse, unexpectedPositives, withExpected } from './check-in-rules';

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

  it('maps the drug table\'s benzodiazepine class to the benzodiazepines analyte, whatever the drug', () => {
    for (const name of ['chlordiazepoxide', 'diazepam', 'lorazepam', 'oxazepam', 'clobazam']) {
      expect([...expectedAnalytes([{ name, cnsDepressantClass: 'benzodiazepine' }])]).toEqual(['benzodiazepines']);
    }
    expect([...expectedAnalytes(['oxazepam'])]).toEqual(['benzodiazepines']);
  });

  it('does not map the opioid class as a whole: buprenorphine and methadone explain only their own analytes', () => {
    expect([...expectedAnalytes([{ name: 'buprenorphine', cnsDepressantClass: 'opioid' }])]).toEqual(['buprenorphine']);
    expect([...expectedAnalytes([{ name: 'methadone', cnsDepressantClass: 'opioid' }])]).toEqual(['methadone']);
    expect(expectedAnalytes([{ name: 'tapentadol', cnsDepressantClass: 'opioid' }]).size).toBe(0);
  });

  it('maps opiates to morphine, codeine, hydrocodone and hydromorphone; oxycodone and fentanyl to themselves', () => {
    for (const name of ['morphine', 'codeine', 'hydrocodone', 'hydromorphone']) expect([...expectedAnalytes([name])]).toEqual(['opiates']);
    expect([...expectedAnalytes(['oxycodone'])]).toEqual(['oxycodone']);
    expect([...expectedAnalytes(['oxymorphone'])]).toEqual(['oxycodone']);
    expect([...expectedAnalytes(['fentanyl'])]).toEqual(['fentanyl']);
  });

  it('has an entry for every analyte, with lower-case names', () => {
    expect(Object.keys(EXPLAINED_BY).sort()).toEqual([...ANALYTES].sort());
    for (const { drugs } of Object.values(EXPLAINED_BY)) for (const d of drugs) expect(d).toBe(d.trim().toLowerCase());
  });

  it('derives expected from the active drugs only', () => {
    const results = [
      { analyte: 'methadone', result: 'positive' }, { analyte: 'benzodiazepines', result: 'positive' },
      { analyte: 'cocaine', result: 'negative' },
    ] as const;
    expect(withExpected(results, ['methadone'])).toEqual([
      { analyte: 'methadone', result: 'positive', expected: true },
      { analyte: 'benzodiazepines', result: 'positive', expected: false },
      { analyte: 'cocaine', result: 'negative', expected: false },
    ]);
    expect(unexpectedPositives(withExpected(results, []))).toEqual(['methadone', 'benzodiazepines']);
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
