import { isBreachedPassword } from './breached-passwords';

describe('isBreachedPassword', () => {
  it('refuses listed passwords whatever their case', () => {
    expect(isBreachedPassword('password1234')).toBe(true);
    expect(isBreachedPassword('PassWord1234')).toBe(true);
    expect(isBreachedPassword('1q2w3e4r5t6y')).toBe(true);
  });

  it('accepts passphrases that are not listed, including the demo and test passwords', () => {
    for (const ok of ['demo-password-admin', 'demo-password-clinician', 'demo-password-casemanager', 'correct-horse-battery-staple']) {
      expect(isBreachedPassword(ok)).toBe(false);
    }
  });

  it('compares whole passwords, not substrings', () => {
    expect(isBreachedPassword('password1234 but longer')).toBe(false);
  });
});
