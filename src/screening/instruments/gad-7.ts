// GAD-7, Generalized Anxiety Disorder scale. Source: Spitzer RL, Kroenke K, Williams JBW,
// Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern
// Med 2006;166:1092-1097. Seven items 0-3, total 0-21; 5, 10, 15 mark mild, moderate, severe.
import { integerRange } from '../../common/questionnaire';
import type { ScreeningInstrument } from './instrument';

const FREQUENCY = integerRange(0, 3);

export const GAD_7: ScreeningInstrument = {
  id: 'GAD-7',
  version: '2006',
  title: 'Generalized Anxiety Disorder-7',
  items: [
    { key: 'q1', label: 'Feeling nervous, anxious or on edge', allowed: FREQUENCY },
    { key: 'q2', label: 'Not being able to stop or control worrying', allowed: FREQUENCY },
    { key: 'q3', label: 'Worrying too much about different things', allowed: FREQUENCY },
    { key: 'q4', label: 'Trouble relaxing', allowed: FREQUENCY },
    { key: 'q5', label: 'So restless that it is hard to sit still', allowed: FREQUENCY },
    { key: 'q6', label: 'Becoming easily annoyed or irritable', allowed: FREQUENCY },
    { key: 'q7', label: 'Feeling afraid as if something awful might happen', allowed: FREQUENCY },
  ],
  bands: [
    { id: 'minimal', min: 0, max: 4, label: 'Minimal' },
    { id: 'mild', min: 5, max: 9, label: 'Mild' },
    { id: 'moderate', min: 10, max: 14, label: 'Moderate' },
    { id: 'severe', min: 15, max: 21, label: 'Severe' },
  ],
  flags: [],
};
