// Registry of the screening instruments and the single entry point that scores a response.
import {
  QuestionnaireAnswerError,
  UnknownInstrumentError,
  scoreQuestionnaire,
  type AnswerValue,
  type QuestionnaireBand,
} from '../../common/questionnaire';
import { AUDIT } from './audit';
import { AUDIT_C } from './audit-c';
import { CAGE } from './cage';
import { DAST_10 } from './dast-10';
import { GAD_7 } from './gad-7';
import type { InstrumentFlag, ScreeningContext, ScreeningInstrument } from './instrument';
import { PHQ_9 } from './phq-9';

export { QuestionnaireAnswerError, UnknownInstrumentError };
export type { InstrumentFlag, ScreeningContext, ScreeningInstrument };

export const INSTRUMENTS = {
  AUDIT,
  'AUDIT-C': AUDIT_C,
  'DAST-10': DAST_10,
  CAGE,
  'PHQ-9': PHQ_9,
  'GAD-7': GAD_7,
} as const satisfies Record<string, ScreeningInstrument>;

export type InstrumentId = keyof typeof INSTRUMENTS;

export const INSTRUMENT_IDS = Object.keys(INSTRUMENTS) as InstrumentId[];

export function isInstrumentId(id: unknown): id is InstrumentId {
  return typeof id === 'string' && Object.hasOwn(INSTRUMENTS, id);
}

export function getInstrument(id: string): ScreeningInstrument {
  if (!isInstrumentId(id)) throw new UnknownInstrumentError(id);
  return INSTRUMENTS[id];
}

export interface InstrumentDescription {
  id: string;
  version: string;
  title: string;
  items: { key: string; label: string; allowed: readonly AnswerValue[] }[];
  bands: readonly QuestionnaireBand[];
  flags: readonly InstrumentFlag[];
}

/** Plain, serialisable shape for GET /instruments. */
export function describeInstrument(instrument: ScreeningInstrument): InstrumentDescription {
  const { id, version, title, bands, flags } = instrument;
  const items = instrument.items.map(({ key, label, allowed }) => ({ key, label, allowed }));
  return { id, version, title, items, bands, flags };
}

export function describeInstruments(): InstrumentDescription[] {
  return INSTRUMENT_IDS.map((id) => describeInstrument(INSTRUMENTS[id]));
}

export interface InstrumentResult {
  instrument: InstrumentId;
  version: string;
  total: number;
  band: string;
  flags: string[];
  answers: Record<string, AnswerValue>;
  itemScores: Record<string, number>;
}

/**
 * Validates and scores a whole response on the server. Throws UnknownInstrumentError for an
 * unknown id and QuestionnaireAnswerError (every bad field listed) for invalid answers.
 */
export function scoreInstrument(id: string, answers: unknown, context: ScreeningContext): InstrumentResult {
  if (!isInstrumentId(id)) throw new UnknownInstrumentError(id);
  const instrument: ScreeningInstrument = INSTRUMENTS[id];
  const bands = instrument.bandsFor ? instrument.bandsFor(context) : instrument.bands;
  const scored = scoreQuestionnaire({ ...instrument, bands }, answers);
  const flags = instrument.raiseFlags ? instrument.raiseFlags(scored, context) : [];
  return {
    instrument: id,
    version: instrument.version,
    total: scored.total,
    band: scored.band,
    flags,
    answers: scored.answers,
    itemScores: scored.itemScores,
  };
}
