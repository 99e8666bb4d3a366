// COWS, Clinical Opiate Withdrawal Scale. Source: Wesson DR, Ling W. The Clinical Opiate
// Withdrawal Scale (COWS). J Psychoactive Drugs 2003;35(2):253-259. Eleven items, each with
// its own published set of scores; total 0-48. Severity: 5-12 mild, 13-24 moderate,
// 25-36 moderately severe, more than 36 severe (below 5: no active withdrawal).
import type { QuestionnaireDefinition } from '../../../common/questionnaire';

export const COWS: QuestionnaireDefinition = {
  id: 'COWS',
  version: '2003',
  title: 'Clinical Opiate Withdrawal Scale',
  items: [
    { key: 'resting_pulse', label: 'Resting pulse rate', allowed: [0, 1, 2, 4] },
    { key: 'sweating', label: 'Sweating', allowed: [0, 1, 2, 3, 4] },
    { key: 'restlessness', label: 'Restlessness', allowed: [0, 1, 3, 5] },
    { key: 'pupil_size', label: 'Pupil size', allowed: [0, 1, 2, 5] },
    { key: 'bone_joint_aches', label: 'Bone or joint aches', allowed: [0, 1, 2, 4] },
    { key: 'runny_nose_tearing', label: 'Runny nose or tearing', allowed: [0, 1, 2, 4] },
    { key: 'gi_upset', label: 'GI upset', allowed: [0, 1, 2, 3, 5] },
    { key: 'tremor', label: 'Tremor (outstretched hands)', allowed: [0, 1, 2, 4] },
    { key: 'yawning', label: 'Yawning', allowed: [0, 1, 2, 4] },
    { key: 'anxiety_irritability', label: 'Anxiety or irritability', allowed: [0, 1, 2, 4] },
    { key: 'gooseflesh', label: 'Gooseflesh skin', allowed: [0, 3, 5] },
  ],
  bands: [
    { id: 'none', min: 0, max: 4, label: 'No active withdrawal' },
    { id: 'mild', min: 5, max: 12, label: 'Mild' },
    { id: 'moderate', min: 13, max: 24, label: 'Moderate' },
    { id: 'moderately_severe', min: 25, max: 36, label: 'Moderately severe' },
    { id: 'severe', min: 37, max: 48, label: 'Severe' },
  ],
};
