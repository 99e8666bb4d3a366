// CAGE questionnaire. Source: Ewing JA. Detecting alcoholism: the CAGE questionnaire.
// JAMA 1984;252(14):1905-1907. Four yes/no items, one point per "yes"; 2 or more is
// clinically significant.
import { yesNoItem } from '../../common/questionnaire';
import type { ScreeningInstrument } from './instrument';

export const CAGE: ScreeningInstrument = {
  id: 'CAGE',
  version: '1984',
  title: 'CAGE questionnaire',
  items: [
    yesNoItem('q1', 'Ever felt you should cut down on your drinking'),
    yesNoItem('q2', 'People annoyed you by criticising your drinking'),
    yesNoItem('q3', 'Ever felt bad or guilty about your drinking'),
    yesNoItem('q4', 'Ever had a morning eye-opener drink to steady nerves or a hangover'),
  ],
  bands: [
    { id: 'negative', min: 0, max: 1, label: 'Not clinically significant' },
    { id: 'positive', min: 2, max: 4, label: 'Clinically significant' },
  ],
  flags: [],
};
