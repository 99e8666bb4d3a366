import { normaliseDrugName } from './drug-names';

describe('normaliseDrugName', () => {
  it.each([
    ['baclofen', 'baclofen'],
    ['  Baclofen  ', 'baclofen'],
    ['baclofen 10 mg', 'baclofen'],
    ['Baclofen 10mg tablets', 'baclofen'],
    ['Lioresal® 10 mg', 'lioresal'],
    ['Ozobax 5 mg/5 mL', 'ozobax'],
    ['Fleqsuvy 5 mg/mL oral suspension', 'fleqsuvy'],
    ['Lyvispah 20 mg granules', 'lyvispah'],
    ['Kemstro tablets', 'kemstro'],
    ['baclofen oral suspension', 'baclofen'],
    ['lofexidine 0.18 mg', 'lofexidine'],
    ['chlordiazepoxide  25  MG capsules', 'chlordiazepoxide'],
  ])('reduces %p to %p', (input, expected) => {
    expect(normaliseDrugName(input)).toBe(expected);
  });

  it('keeps a name that is only a form word rather than returning nothing', () => {
    expect(normaliseDrugName('Solution')).toBe('solution');
  });

  it('keeps digits that are part of a name and not a strength', () => {
    expect(normaliseDrugName('vitamin b12')).toBe('vitamin b12');
  });
});
