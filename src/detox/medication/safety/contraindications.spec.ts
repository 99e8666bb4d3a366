import { type ContraindicationFacts, contraindicationFindings } from './contraindications';

const none: ContraindicationFacts = {
  drug: 'baclofen', cnsDepressant: true, ageYears: 40, pregnant: false, breastfeeding: false, renal: null,
  renalImpairmentBelow: 60, otherCnsDepressants: [], alcoholUseDisorder: false, openOverdoseAlert: false,
};
const codes = (f: Partial<ContraindicationFacts>) => contraindicationFindings({ ...none, ...f }).map((x) => x.code);

describe('contraindicationFindings', () => {
  it('finds nothing for an adult with nothing recorded', () => {
    expect(codes({})).toEqual([]);
  });

  it('flags age under 12, not 12', () => {
    expect(codes({ ageYears: 11 })).toEqual(['age_under_12']);
    expect(codes({ ageYears: 12 })).toEqual([]);
  });

  it('flags pregnancy and breastfeeding', () => {
    expect(codes({ pregnant: true, breastfeeding: true })).toEqual(['pregnancy', 'breastfeeding']);
  });

  it('flags renal impairment strictly below the threshold', () => {
    expect(codes({ renal: { kind: 'egfr', value: 59.9 } })).toEqual(['renal_impairment']);
    expect(codes({ renal: { kind: 'creatinine_clearance', value: 60 } })).toEqual([]);
  });

  it('flags other CNS depressants, alcohol use disorder and an open overdose alert', () => {
    expect(codes({ otherCnsDepressants: ['lorazepam'], alcoholUseDisorder: true, openOverdoseAlert: true })).toEqual([
      'co_active_cns_depressant', 'alcohol_use_disorder', 'open_overdose_alert',
    ]);
  });

  it('names the other CNS depressants in the message', () => {
    const [finding] = contraindicationFindings({ ...none, otherCnsDepressants: ['lorazepam', 'methadone'] });
    expect(finding?.message).toContain('lorazepam, methadone');
  });

  it('does not check a drug that is not a CNS depressant', () => {
    expect(codes({ cnsDepressant: false, ageYears: 5, pregnant: true })).toEqual([]);
  });
});
