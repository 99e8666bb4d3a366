import { integerFields } from './setting-definition';

describe('integerFields', () => {
  const validate = integerFields({ attemptsPerMinute: [1, 100] });

  it('accepts the declared fields within bounds', () => {
    expect(validate({ attemptsPerMinute: 5 })).toEqual([]);
  });

  it('refuses undeclared fields, including names of Object.prototype members', () => {
    for (const key of ['extra', 'toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__']) {
      expect(validate(JSON.parse(`{"attemptsPerMinute":5,"${key}":1}`))).toEqual([
        { field: `value.${key}`, message: 'unknown setting field' },
      ]);
    }
  });
});
