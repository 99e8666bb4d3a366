import {
  QuestionnaireAnswerError,
  UnknownInstrumentError,
  findBand,
  integerRange,
  isPlainObject,
  normalizeAnswers,
  scoreQuestionnaire,
  yesNoItem,
  type QuestionnaireDefinition,
} from './questionnaire';
import { errorsOf } from '../../test/support/questionnaire-answers';

// A synthetic three-item questionnaire: two numeric items with gaps, one reverse yes/no item.
const TOY: QuestionnaireDefinition = {
  id: 'TOY',
  version: '1',
  title: 'Toy questionnaire',
  items: [
    { key: 'a', label: 'Item a', allowed: [0, 1, 2] },
    { key: 'b', label: 'Item b', allowed: [0, 2, 4] },
    yesNoItem('c', 'Item c', true),
  ],
  bands: [
    { id: 'low', min: 0, max: 2, label: 'Low' },
    { id: 'high', min: 3, max: 7, label: 'High' },
  ],
};

describe('questionnaire engine', () => {
  describe('helpers', () => {
    it('builds an inclusive integer range', () => {
      expect(integerRange(0, 4)).toEqual([0, 1, 2, 3, 4]);
      expect(integerRange(2, 2)).toEqual([2]);
    });

    it('scores a yes/no item 1 for "yes" and 0 for "no"', () => {
      const item = yesNoItem('x', 'X');
      expect(item.allowed).toEqual(['yes', 'no']);
      expect(item.score?.('yes')).toBe(1);
      expect(item.score?.('no')).toBe(0);
    });

    it('scores a reverse yes/no item 1 for "no" and 0 for "yes"', () => {
      const item = yesNoItem('x', 'X', true);
      expect(item.score?.('no')).toBe(1);
      expect(item.score?.('yes')).toBe(0);
    });

    it('recognises plain objects only', () => {
      expect(isPlainObject({})).toBe(true);
      expect(isPlainObject(Object.create(null))).toBe(true);
      expect(isPlainObject([])).toBe(false);
      expect(isPlainObject(null)).toBe(false);
      expect(isPlainObject(new Date())).toBe(false);
      expect(isPlainObject('a')).toBe(false);
    });

    it('finds the band containing a total, boundaries inclusive', () => {
      expect(findBand(TOY, 2).id).toBe('low');
      expect(findBand(TOY, 3).id).toBe('high');
    });

    it('treats a total outside every band as a definition bug', () => {
      expect(() => findBand(TOY, 8)).toThrow('TOY: no band covers total 8');
    });
  });

  describe('normalizeAnswers', () => {
    it('accepts an array in item order and keys it by item', () => {
      expect(normalizeAnswers(TOY, [1, 4, 'no'])).toEqual({ a: 1, b: 4, c: 'no' });
    });

    it('accepts an object keyed by item', () => {
      expect(normalizeAnswers(TOY, { c: 'yes', a: 0, b: 2 })).toEqual({ a: 0, b: 2, c: 'yes' });
    });

    it.each([
      ['a string', 'abc'],
      ['a number', 3],
      ['null', null],
      ['undefined', undefined],
      ['a Date', new Date(0)],
    ])('rejects %s as the answers container', (_name, answers) => {
      expect(errorsOf(() => normalizeAnswers(TOY, answers))).toEqual([
        { field: 'answers', message: 'must be an array of 3 values in item order or an object keyed by item' },
      ]);
    });

    it('names each missing item of an object', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { b: 2 }))).toEqual([
        { field: 'answers.a', message: 'is required' },
        { field: 'answers.c', message: 'is required' },
      ]);
    });

    it('treats an item set to undefined as missing', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: undefined, b: 2, c: 'no' }))).toEqual([
        { field: 'answers.a', message: 'is required' },
      ]);
    });

    it('names the missing items of a short array', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, [1]))).toEqual([
        { field: 'answers.b', message: 'is required' },
        { field: 'answers.c', message: 'is required' },
      ]);
    });

    it('treats a hole in a sparse array as a missing item', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, [1, , 'no']))).toEqual([
        { field: 'answers.b', message: 'is required' },
      ]);
    });

    it('reports the number of extra values in a long array', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, [1, 2, 'no', 0, 0]))).toEqual([
        { field: 'answers', message: 'has 2 extra values; TOY has 3 items' },
      ]);
    });

    it('reports a single extra value in the singular', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, [1, 2, 'no', 0]))).toEqual([
        { field: 'answers', message: 'has 1 extra value; TOY has 3 items' },
      ]);
    });

    it('names each unknown key of an object', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: 1, b: 2, c: 'no', d: 1, total: 9 }))).toEqual([
        { field: 'answers.d', message: 'is not an item of TOY' },
        { field: 'answers.total', message: 'is not an item of TOY' },
      ]);
    });

    it('rejects a number that is not allowed and lists the allowed values', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: 3, b: 1, c: 'no' }))).toEqual([
        { field: 'answers.a', message: 'must be one of 0, 1, 2' },
        { field: 'answers.b', message: 'must be one of 0, 2, 4' },
      ]);
    });

    it.each([
      ['a fraction', 1.5],
      ['a negative number', -1],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
    ])('rejects %s for a numeric item', (_name, value) => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: value, b: 0, c: 'no' }))).toEqual([
        { field: 'answers.a', message: 'must be one of 0, 1, 2' },
      ]);
    });

    it.each([
      ['a numeric string', '2'],
      ['null', null],
      ['a boolean', true],
      ['an object', { value: 1 }],
      ['an array', [1]],
    ])('rejects %s for a numeric item as the wrong type', (_name, value) => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: value, b: 0, c: 'no' }))).toEqual([
        { field: 'answers.a', message: 'must be a number, one of 0, 1, 2' },
      ]);
    });

    it('rejects a string that is not allowed for a yes/no item', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: 0, b: 0, c: 'Yes' }))).toEqual([
        { field: 'answers.c', message: 'must be one of "yes", "no"' },
      ]);
    });

    it.each([
      ['a number', 1],
      ['a boolean', true],
      ['null', null],
    ])('rejects %s for a yes/no item as the wrong type', (_name, value) => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: 0, b: 0, c: value }))).toEqual([
        { field: 'answers.c', message: 'must be a string, one of "yes", "no"' },
      ]);
    });

    it('collects every error of an object response, not only the first', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: '1', c: 'maybe', extra: 1 }))).toEqual([
        { field: 'answers.a', message: 'must be a number, one of 0, 1, 2' },
        { field: 'answers.b', message: 'is required' },
        { field: 'answers.c', message: 'must be one of "yes", "no"' },
        { field: 'answers.extra', message: 'is not an item of TOY' },
      ]);
    });

    it('collects every error of an array response, not only the first', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, [7, null, 'no', 1]))).toEqual([
        { field: 'answers.a', message: 'must be one of 0, 1, 2' },
        { field: 'answers.b', message: 'must be a number, one of 0, 2, 4' },
        { field: 'answers', message: 'has 1 extra value; TOY has 3 items' },
      ]);
    });

    it('uses the given field prefix in error fields', () => {
      expect(errorsOf(() => normalizeAnswers(TOY, { a: 0, b: 0 }, 'ratings'))).toEqual([
        { field: 'ratings.c', message: 'is required' },
      ]);
    });

    it('carries the errors in the error message without echoing values', () => {
      expect(() => normalizeAnswers(TOY, { a: 0, b: 0 })).toThrow('Invalid answers: answers.c is required');
    });
  });

  describe('scoreQuestionnaire', () => {
    it('scores all-minimum answers as total 0 in the lowest band', () => {
      expect(scoreQuestionnaire(TOY, [0, 0, 'yes'])).toEqual({
        total: 0,
        band: 'low',
        itemScores: { a: 0, b: 0, c: 0 },
        answers: { a: 0, b: 0, c: 'yes' },
      });
    });

    it('scores all-maximum answers as total 7 in the highest band', () => {
      expect(scoreQuestionnaire(TOY, [2, 4, 'no'])).toEqual({
        total: 7,
        band: 'high',
        itemScores: { a: 2, b: 4, c: 1 },
        answers: { a: 2, b: 4, c: 'no' },
      });
    });

    it('places a total of 2 in the low band and 3 in the high band', () => {
      expect(scoreQuestionnaire(TOY, [2, 0, 'yes']).band).toBe('low');
      expect(scoreQuestionnaire(TOY, [2, 0, 'no']).band).toBe('high');
    });

    it('gives the same result for array and object answers', () => {
      expect(scoreQuestionnaire(TOY, [1, 2, 'no'])).toEqual(scoreQuestionnaire(TOY, { c: 'no', b: 2, a: 1 }));
    });

    it('throws QuestionnaireAnswerError and scores nothing for an incomplete response', () => {
      expect(() => scoreQuestionnaire(TOY, [1, 2])).toThrow(QuestionnaireAnswerError);
    });

    it('refuses a string item without a score function as a definition bug', () => {
      const broken: QuestionnaireDefinition = {
        ...TOY,
        items: [{ key: 'a', label: 'A', allowed: ['x'] }],
      };
      expect(() => scoreQuestionnaire(broken, ['x'])).toThrow('TOY: item a needs a score function');
    });
  });

  describe('errors', () => {
    it('QuestionnaireAnswerError is an Error with its name and errors', () => {
      const error = new QuestionnaireAnswerError([{ field: 'answers.a', message: 'is required' }]);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('QuestionnaireAnswerError');
      expect(error.errors).toEqual([{ field: 'answers.a', message: 'is required' }]);
    });

    it('UnknownInstrumentError carries the unknown id', () => {
      const error = new UnknownInstrumentError('NOPE');
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('UnknownInstrumentError');
      expect(error.instrumentId).toBe('NOPE');
      expect(error.message).toBe('Unknown instrument "NOPE"');
    });
  });
});
