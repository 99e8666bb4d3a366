import { QuestionnaireAnswerError } from '../common/questionnaire';
import { ValidationFailed } from '../common/problem/domain-error';

/**
 * Runs a pure validator/scorer and turns its QuestionnaireAnswerError (every bad field named,
 * e.g. `answers.q3`, `criteria.craving`, `ratings.d2_biomedical`) into the API's 400.
 */
export function validatedOrThrow<T>(run: () => T, detail: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QuestionnaireAnswerError) throw new ValidationFailed(error.errors, detail);
    throw error;
  }
}
