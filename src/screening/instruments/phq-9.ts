// PHQ-9, Patient Health Questionnaire depression module. Source: Kroenke K, Spitzer RL,
// Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med
// 2001;16:606-613. Nine items 0-3 (not at all .. nearly every day), total 0-27; 5, 10, 15, 20
// mark mild, moderate, moderately severe, severe. Any answer above 0 on item 9 raises an
// urgent self-harm flag whatever the total.
import { integerRange } from '../../common/questionnaire';
import type { ScreeningInstrument } from './instrument';

const FREQUENCY = integerRange(0, 3);
const SELF_HARM_ITEM = 'q9';

export const PHQ_9: ScreeningInstrument = {
  id: 'PHQ-9',
  version: '2001',
  title: 'Patient Health Questionnaire-9 (depression)',
  items: [
    { key: 'q1', label: 'Little interest or pleasure in doing things', allowed: FREQUENCY },
    { key: 'q2', label: 'Feeling down, depressed or hopeless', allowed: FREQUENCY },
    { key: 'q3', label: 'Trouble with sleep, or sleeping too much', allowed: FREQUENCY },
    { key: 'q4', label: 'Feeling tired or having little energy', allowed: FREQUENCY },
    { key: 'q5', label: 'Poor appetite or overeating', allowed: FREQUENCY },
    { key: 'q6', label: 'Feeling bad about yourself, or a failure', allowed: FREQUENCY },
    { key: 'q7', label: 'Trouble concentrating', allowed: FREQUENCY },
    { key: 'q8', label: 'Moving or speaking slowly, or being fidgety or restless', allowed: FREQUENCY },
    { key: SELF_HARM_ITEM, label: 'Thoughts of being better off dead or of hurting yourself', allowed: FREQUENCY },
  ],
  bands: [
    { id: 'minimal', min: 0, max: 4, label: 'Minimal' },
    { id: 'mild', min: 5, max: 9, label: 'Mild' },
    { id: 'moderate', min: 10, max: 14, label: 'Moderate' },
    { id: 'moderately_severe', min: 15, max: 19, label: 'Moderately severe' },
    { id: 'severe', min: 20, max: 27, label: 'Severe' },
  ],
  flags: [
    {
      id: 'self_harm_risk',
      description: 'Item 9 (thoughts of death or self-harm) answered above 0: urgent clinician review, whatever the total',
    },
  ],
  raiseFlags: ({ itemScores }) => ((itemScores[SELF_HARM_ITEM] ?? 0) > 0 ? ['self_harm_risk'] : []),
};
