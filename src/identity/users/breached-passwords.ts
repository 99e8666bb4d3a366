/**
 * OWASP ASVS 5.0 V6.2 (password security): at least 12 characters, no
 * composition rules, and refuse passwords known from breaches. This bundled
 * list holds commonly breached passwords that meet the length rule (the
 * shorter ones are already refused), compared case-insensitively. It ships
 * with the code so the check works offline and never sends a password out.
 */
const BREACHED = new Set([
  '000000000000', '111111111111', '123123123123', '123456789012', '1234567890123', '12345678901234',
  '123456789123', '123456123456', '123654789123', '147258369147', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u',
  '1q2w3e4r5t6y7u8i', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'aaaaaaaaaaaa', 'abc123456789', 'abcd12345678',
  'abcdefghijkl', 'abcdefghijklm', 'administrator', 'administrator1', 'asdfghjkl123', 'asdfghjklzxc',
  'baseball1234', 'changeme1234', 'correcthorsebatterystaple', 'football1234', 'iloveyou1234', 'iloveyouiloveyou',
  'iloveyoubaby', 'letmein12345', 'letmeinletmein', 'monkeymonkey', 'passw0rd1234', 'password1234',
  'password12345', 'password123456', 'password@123', 'password!123', 'passwordpassword', 'password1password1',
  'princess1234', 'qazwsxedcrfv', 'qazwsxedcrfvtgb', 'qwerty123456', 'qwerty1234567', 'qwertyqwerty',
  'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwertyuiopasdfghjkl', 'starwars1234',
  'sunshine1234', 'superman1234', 'trustno1trustno1', 'welcome12345', 'welcome123456', 'zxcvbnm12345',
  'zxcvbnmasdfghjkl', '1234qwerasdf', '12qwaszx12qwaszx', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6', 'asdf1234asdf',
  '!qaz@wsx#edc', 'p@ssw0rd1234', 'p@ssword1234', 'welcome@1234', 'summer2024!!', 'spring2025!!',
]);

/** Whether a password is on the bundled list of breached passwords. */
export function isBreachedPassword(password: string): boolean {
  return BREACHED.has(password.toLowerCase());
}
