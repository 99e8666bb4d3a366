import { patientKey } from './pseudonym';

describe('patientKey', () => {
  const id = '6f1c1d1e-0000-4000-8000-000000000001';

  it('is the HMAC-SHA-256 of the id, hex', () => {
    expect(patientKey(id, 'secret-a')).toMatch(/^[0-9a-f]{64}$/);
    expect(patientKey(id, 'secret-a')).toBe(patientKey(id, 'secret-a'));
  });

  it('differs between patients and between secrets, and never contains the id', () => {
    expect(patientKey(id, 'secret-a')).not.toBe(patientKey(id.replace(/1$/, '2'), 'secret-a'));
    expect(patientKey(id, 'secret-a')).not.toBe(patientKey(id, 'secret-b'));
    expect(patientKey(id, 'secret-a')).not.toContain(id.slice(0, 8));
  });
});
