// AUDIT-C, the three consumption items of the AUDIT, total 0-12. Sources: Bush K, Kivlahan DR,
// McDonell MB, Fihn SD, Bradley KA. Arch Intern Med 1998;158:1789-95 (positive at >=4 for men);
// Bradley KA, Bush KR, Epler AJ, et al. Arch Intern Med 2003;163:821-9 (>=3 for women).
// When sex at birth is not male or female the lower cut-off (3) is used and flagged.
import type { QuestionnaireBand } from '../../common/questionnaire';
import { AUDIT } from './audit';
import type { ScreeningContext, ScreeningInstrument } from './instrument';

const bandsWithCutOff = (cutOff: number): QuestionnaireBand[] => [
  { id: 'negative', min: 0, max: cutOff - 1, label: `Negative (below ${cutOff})` },
  { id: 'positive', min: cutOff, max: 12, label: `Positive (${cutOff} or more)` },
];

const MALE_CUT_OFF = 4;
const DEFAULT_CUT_OFF = 3;

function knownSex(context: ScreeningContext): 'male' | 'female' | null {
  const sex = context.sexAtBirth?.trim().toLowerCase();
  return sex === 'male' || sex === 'female' ? sex : null;
}

export const AUDIT_C: ScreeningInstrument = {
  id: 'AUDIT-C',
  version: '1998',
  title: 'AUDIT-Consumption (AUDIT items 1-3)',
  items: AUDIT.items.slice(0, 3),
  // Documentation: the female / unknown table; for male sex at birth the cut-off is 4.
  bands: [
    { id: 'negative', min: 0, max: 2, label: 'Negative (below 3; below 4 when sex at birth is male)' },
    { id: 'positive', min: 3, max: 12, label: 'Positive (3 or more; 4 or more when sex at birth is male)' },
  ],
  flags: [
    {
      id: 'sex_unknown',
      description: 'Sex at birth not recorded as male or female: the lower (female) cut-off of 3 was applied',
    },
  ],
  bandsFor: (context) => bandsWithCutOff(knownSex(context) === 'male' ? MALE_CUT_OFF : DEFAULT_CUT_OFF),
  raiseFlags: (_scored, context) => (knownSex(context) ? [] : ['sex_unknown']),
};
