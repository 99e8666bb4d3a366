// AUDIT, Alcohol Use Disorders Identification Test. Source: Babor TF, Higgins-Biddle JC,
// Saunders JB, Monteiro MG. AUDIT: Guidelines for Use in Primary Care, 2nd ed. World Health
// Organization, 2001 (WHO/MSD/MSB/01.6a). Items 1-8 score 0-4; items 9-10 score 0, 2 or 4
// (no / yes but not in the past year / yes during the past year). Risk zones I 0-7,
// II 8-15, III 16-19, IV 20-40.
import { integerRange } from '../../common/questionnaire';
import type { ScreeningInstrument } from './instrument';

const FIVE_POINT = integerRange(0, 4);
const NO_YES_YES_LAST_YEAR = [0, 2, 4];

export const AUDIT: ScreeningInstrument = {
  id: 'AUDIT',
  version: '2001',
  title: 'Alcohol Use Disorders Identification Test',
  items: [
    { key: 'q1', label: 'How often a drink containing alcohol', allowed: FIVE_POINT },
    { key: 'q2', label: 'Drinks on a typical drinking day', allowed: FIVE_POINT },
    { key: 'q3', label: 'How often six or more drinks on one occasion', allowed: FIVE_POINT },
    { key: 'q4', label: 'Past year: unable to stop drinking once started', allowed: FIVE_POINT },
    { key: 'q5', label: 'Past year: failed to do what was expected because of drinking', allowed: FIVE_POINT },
    { key: 'q6', label: 'Past year: needed a first drink in the morning', allowed: FIVE_POINT },
    { key: 'q7', label: 'Past year: guilt or remorse after drinking', allowed: FIVE_POINT },
    { key: 'q8', label: 'Past year: unable to remember the night before', allowed: FIVE_POINT },
    { key: 'q9', label: 'You or someone else injured because of your drinking', allowed: NO_YES_YES_LAST_YEAR },
    { key: 'q10', label: 'Someone concerned about your drinking or suggested cutting down', allowed: NO_YES_YES_LAST_YEAR },
  ],
  bands: [
    { id: 'zone_1', min: 0, max: 7, label: 'Zone I: low risk' },
    { id: 'zone_2', min: 8, max: 15, label: 'Zone II: hazardous use' },
    { id: 'zone_3', min: 16, max: 19, label: 'Zone III: harmful use' },
    { id: 'zone_4', min: 20, max: 40, label: 'Zone IV: possible dependence' },
  ],
  flags: [],
};
