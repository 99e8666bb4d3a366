import type { QuestionnaireDefinition } from '../../../common/questionnaire';
import {
  UnknownInstrumentError,
  WITHDRAWAL_SCALES,
  isWithdrawalScaleId,
  scoreWithdrawalScale,
} from './index';
import { errorsOf } from '../../../../test/support/questionnaire-answers';

/** Answers in item order that add up to `total`, filling the earliest items first. */
function answersTotalling(def: QuestionnaireDefinition, total: number): number[] {
  let remaining = total;
  const answers = def.items.map((item) => {
    const pick = Math.max(...item.allowed.filter((v): v is number => typeof v === 'number' && v <= remaining));
    remaining -= pick;
    return pick;
  });
  if (remaining !== 0) throw new Error(`cannot build ${def.id} answers totalling ${total}`);
  return answers;
}

describe('withdrawal scales registry', () => {
  it('registers CIWA-Ar and COWS under their ids', () => {
    expect(Object.keys(WITHDRAWAL_SCALES)).toEqual(['CIWA-Ar', 'COWS']);
    expect(WITHDRAWAL_SCALES['CIWA-Ar'].id).toBe('CIWA-Ar');
    expect(WITHDRAWAL_SCALES.COWS.id).toBe('COWS');
  });

  it('recognises known scale ids only', () => {
    expect(isWithdrawalScaleId('COWS')).toBe(true);
    expect(isWithdrawalScaleId('cows')).toBe(false);
    expect(isWithdrawalScaleId('hasOwnProperty')).toBe(false);
  });

  it.each(['CIWA-A', 'AUDIT', 'constructor'])('throws UnknownInstrumentError for the scale "%s"', (id) => {
    expect(() => scoreWithdrawalScale(id, [])).toThrow(UnknownInstrumentError);
  });
});

describe('CIWA-Ar', () => {
  const def = WITHDRAWAL_SCALES['CIWA-Ar'];

  it('has the 10 items in the published order', () => {
    expect(def.items.map((i) => i.key)).toEqual([
      'nausea_vomiting',
      'tremor',
      'paroxysmal_sweats',
      'anxiety',
      'agitation',
      'tactile_disturbances',
      'auditory_disturbances',
      'visual_disturbances',
      'headache',
      'orientation',
    ]);
  });

  it('rates nine items 0-7 and orientation 0-4', () => {
    def.items.slice(0, 9).forEach((item) => expect(item.allowed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(def.items[9]?.allowed).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    [0, 'minimal'],
    [9, 'minimal'],
    [10, 'moderate'],
    [15, 'moderate'],
    [16, 'severe'],
    [67, 'severe'],
  ])('scores CIWA-Ar %i as %s', (total, band) => {
    expect(scoreWithdrawalScale('CIWA-Ar', answersTotalling(def, total))).toMatchObject({
      scale: 'CIWA-Ar',
      version: '1989',
      total,
      band,
    });
  });

  it('scores all-maximum CIWA-Ar answers as 67', () => {
    expect(scoreWithdrawalScale('CIWA-Ar', [7, 7, 7, 7, 7, 7, 7, 7, 7, 4]).total).toBe(67);
  });

  it('rejects 5 for orientation and 8 for tremor', () => {
    expect(errorsOf(() => scoreWithdrawalScale('CIWA-Ar', [0, 8, 0, 0, 0, 0, 0, 0, 0, 5]))).toEqual([
      { field: 'answers.tremor', message: 'must be one of 0, 1, 2, 3, 4, 5, 6, 7' },
      { field: 'answers.orientation', message: 'must be one of 0, 1, 2, 3, 4' },
    ]);
  });

  it('gives the same CIWA-Ar result for array and object answers', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 0, 1, 2];
    const keyed = Object.fromEntries(def.items.map((item, i) => [item.key, values[i]]));
    expect(scoreWithdrawalScale('CIWA-Ar', keyed)).toEqual(scoreWithdrawalScale('CIWA-Ar', values));
  });
});

describe('COWS', () => {
  const def = WITHDRAWAL_SCALES.COWS;

  it('has the 11 items with their published allowed scores', () => {
    expect(Object.fromEntries(def.items.map((i) => [i.key, i.allowed]))).toEqual({
      resting_pulse: [0, 1, 2, 4],
      sweating: [0, 1, 2, 3, 4],
      restlessness: [0, 1, 3, 5],
      pupil_size: [0, 1, 2, 5],
      bone_joint_aches: [0, 1, 2, 4],
      runny_nose_tearing: [0, 1, 2, 4],
      gi_upset: [0, 1, 2, 3, 5],
      tremor: [0, 1, 2, 4],
      yawning: [0, 1, 2, 4],
      anxiety_irritability: [0, 1, 2, 4],
      gooseflesh: [0, 3, 5],
    });
  });

  it.each([
    [0, 'none'],
    [4, 'none'],
    [5, 'mild'],
    [12, 'mild'],
    [13, 'moderate'],
    [24, 'moderate'],
    [25, 'moderately_severe'],
    [36, 'moderately_severe'],
    [37, 'severe'],
    [48, 'severe'],
  ])('scores COWS %i as %s', (total, band) => {
    expect(scoreWithdrawalScale('COWS', answersTotalling(def, total))).toMatchObject({
      scale: 'COWS',
      version: '2003',
      total,
      band,
    });
  });

  it('scores all-maximum COWS answers as 48', () => {
    expect(scoreWithdrawalScale('COWS', [4, 4, 5, 5, 4, 4, 5, 4, 4, 4, 5])).toMatchObject({
      total: 48,
      band: 'severe',
    });
  });

  it('rejects scores that the published item does not offer', () => {
    const answers = [3, 0, 2, 3, 3, 3, 4, 3, 3, 3, 1];
    expect(errorsOf(() => scoreWithdrawalScale('COWS', answers))).toEqual([
      { field: 'answers.resting_pulse', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.restlessness', message: 'must be one of 0, 1, 3, 5' },
      { field: 'answers.pupil_size', message: 'must be one of 0, 1, 2, 5' },
      { field: 'answers.bone_joint_aches', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.runny_nose_tearing', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.gi_upset', message: 'must be one of 0, 1, 2, 3, 5' },
      { field: 'answers.tremor', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.yawning', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.anxiety_irritability', message: 'must be one of 0, 1, 2, 4' },
      { field: 'answers.gooseflesh', message: 'must be one of 0, 3, 5' },
    ]);
  });

  it('returns the scale, version, total, band, answers and item scores', () => {
    const values = [1, 2, 1, 1, 0, 2, 3, 0, 1, 1, 3];
    const keyed = Object.fromEntries(def.items.map((item, i) => [item.key, values[i]]));
    expect(scoreWithdrawalScale('COWS', values)).toEqual({
      scale: 'COWS',
      version: '2003',
      total: 15,
      band: 'moderate',
      answers: keyed,
      itemScores: keyed,
    });
    expect(scoreWithdrawalScale('COWS', keyed)).toEqual(scoreWithdrawalScale('COWS', values));
  });

  it('rejects a missing item, an unknown item and a wrong type together', () => {
    const answers = {
      resting_pulse: '1',
      sweating: 0,
      restlessness: 0,
      pupil_size: 0,
      bone_joint_aches: 0,
      runny_nose_tearing: 0,
      gi_upset: 0,
      tremor: 0,
      yawning: 0,
      anxiety_irritability: 0,
      heart_rate: 110,
    };
    expect(errorsOf(() => scoreWithdrawalScale('COWS', answers))).toEqual([
      { field: 'answers.resting_pulse', message: 'must be a number, one of 0, 1, 2, 4' },
      { field: 'answers.gooseflesh', message: 'is required' },
      { field: 'answers.heart_rate', message: 'is not an item of COWS' },
    ]);
  });

  it('rejects an array with an extra value', () => {
    expect(errorsOf(() => scoreWithdrawalScale('COWS', Array<number>(12).fill(0)))).toEqual([
      { field: 'answers', message: 'has 1 extra value; COWS has 11 items' },
    ]);
  });

  it('rejects a non-object as answers', () => {
    expect(errorsOf(() => scoreWithdrawalScale('COWS', 'none'))).toEqual([
      { field: 'answers', message: 'must be an array of 11 values in item order or an object keyed by item' },
    ]);
  });
});
