// Registry of the withdrawal scales scored by the server during detox monitoring.
import {
  UnknownInstrumentError,
  scoreQuestionnaire,
  type AnswerValue,
  type QuestionnaireDefinition,
} from '../../../common/questionnaire';
import { CIWA_AR } from './ciwa-ar';
import { COWS } from './cows';

export { QuestionnaireAnswerError, UnknownInstrumentError } from '../../../common/questionnaire';

export const WITHDRAWAL_SCALES = {
  'CIWA-Ar': CIWA_AR,
  COWS,
} as const satisfies Record<string, QuestionnaireDefinition>;

export type WithdrawalScaleId = keyof typeof WITHDRAWAL_SCALES;

export function isWithdrawalScaleId(id: unknown): id is WithdrawalScaleId {
  return typeof id === 'string' && Object.hasOwn(WITHDRAWAL_SCALES, id);
}

export interface WithdrawalScaleResult {
  scale: WithdrawalScaleId;
  version: string;
  total: number;
  band: string;
  answers: Record<string, AnswerValue>;
  itemScores: Record<string, number>;
}

/** Throws UnknownInstrumentError for an unknown id, QuestionnaireAnswerError for bad answers. */
export function scoreWithdrawalScale(id: string, answers: unknown): WithdrawalScaleResult {
  if (!isWithdrawalScaleId(id)) throw new UnknownInstrumentError(id);
  const scale: QuestionnaireDefinition = WITHDRAWAL_SCALES[id];
  const { total, band, answers: normalized, itemScores } = scoreQuestionnaire(scale, answers);
  return { scale: id, version: scale.version, total, band, answers: normalized, itemScores };
}
