import { routesForForms } from './form-routes';

describe('routesForForms', () => {
  it("gives baclofen's oral forms the oral route only", () => {
    expect([...(routesForForms(['tablet', 'oral_solution', 'oral_suspension', 'oral_granules']) ?? [])]).toEqual(['oral']);
  });

  it('reads the route a form names before its shape', () => {
    expect([...(routesForForms(['sublingual_tablet']) ?? [])]).toEqual(['sublingual']);
    expect([...(routesForForms(['buccal_film']) ?? [])]).toEqual(['buccal']);
    expect([...(routesForForms(['nasal_spray']) ?? [])]).toEqual(['intranasal']);
    expect([...(routesForForms(['transdermal_patch']) ?? [])]).toEqual(['transdermal']);
  });

  it('lets an injection be given into a muscle, a vein or under the skin', () => {
    expect([...(routesForForms(['tablet', 'injection']) ?? [])].sort()).toEqual(
      ['intramuscular', 'intravenous', 'oral', 'subcutaneous'],
    );
  });

  it('restricts nothing when a form is not recognised', () => {
    expect(routesForForms(['tablet', 'implant'])).toBeNull();
  });
});
