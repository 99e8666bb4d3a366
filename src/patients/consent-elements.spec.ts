import { consentDateErrors, consentInForce } from './consent-elements';

describe('consent in force (42 CFR 2.31)', () => {
  const base = { signedOn: '2026-03-01', expiresOn: '2026-06-30', revokedAt: null };

  it('is in force from the signing day through the expiry day', () => {
    expect(consentInForce(base, '2026-02-28')).toBe(false);
    expect(consentInForce(base, '2026-03-01')).toBe(true);
    expect(consentInForce(base, '2026-06-30')).toBe(true);
    expect(consentInForce(base, '2026-07-01')).toBe(false);
  });

  it('is not in force once revoked, nor without an expiry date (a deficient consent recorded before one was required)', () => {
    expect(consentInForce({ ...base, revokedAt: new Date() }, '2026-04-01')).toBe(false);
    expect(consentInForce({ ...base, expiresOn: null }, '2026-04-01')).toBe(false);
  });
});

describe('consent dates', () => {
  it('accepts a consent signed today or before, expiring on or after the signing day', () => {
    expect(consentDateErrors('2026-03-01', '2026-03-01', '2026-03-01')).toEqual([]);
    expect(consentDateErrors('2026-02-01', '2027-02-01', '2026-03-01')).toEqual([]);
  });

  it('refuses a signing day in the future and an expiry before the signing day', () => {
    expect(consentDateErrors('2026-03-02', '2026-04-01', '2026-03-01')).toEqual([
      { field: 'signedOn', message: 'signedOn must not be in the future' },
    ]);
    expect(consentDateErrors('2026-03-01', '2026-02-28', '2026-03-01')).toEqual([
      { field: 'expiresOn', message: 'expiresOn must not be before signedOn' },
    ]);
  });
});
