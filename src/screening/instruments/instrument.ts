// Shape shared by the screening instruments: a questionnaire definition plus the flags it can
// raise and, where the published cut-off depends on the patient, context-dependent bands.
import type { QuestionnaireBand, QuestionnaireDefinition } from '../../common/questionnaire';

export interface ScreeningContext {
  /** 'male' | 'female' | 'intersex' | 'unknown' | other, or null when not recorded. */
  sexAtBirth: string | null;
}

export interface InstrumentFlag {
  id: string;
  description: string;
}

export interface ScoredItems {
  total: number;
  itemScores: Readonly<Record<string, number>>;
}

export interface ScreeningInstrument extends QuestionnaireDefinition {
  flags: readonly InstrumentFlag[];
  /** Bands to apply for this patient; defaults to `bands`. */
  bandsFor?: (context: ScreeningContext) => readonly QuestionnaireBand[];
  /** Ids of the flags raised by a scored response. */
  raiseFlags?: (scored: ScoredItems, context: ScreeningContext) => string[];
}
