// DAST-10, Drug Abuse Screening Test (10-item version). Source: Skinner HA. The Drug Abuse
// Screening Test. Addictive Behaviors 1982;7(4):363-371. One point per "yes", except item 3
// ("always able to stop using drugs when you want to?") where "no" scores 1. Degree of
// problems: 0 none, 1-2 low, 3-5 moderate, 6-8 substantial, 9-10 severe.
import { yesNoItem } from '../../common/questionnaire';
import type { ScreeningInstrument } from './instrument';

export const DAST_10: ScreeningInstrument = {
  id: 'DAST-10',
  version: '1982',
  title: 'Drug Abuse Screening Test (10 items)',
  items: [
    yesNoItem('q1', 'Used drugs other than those required for medical reasons'),
    yesNoItem('q2', 'Abuse more than one drug at a time'),
    yesNoItem('q3', 'Always able to stop using drugs when you want to', true),
    yesNoItem('q4', 'Blackouts or flashbacks as a result of drug use'),
    yesNoItem('q5', 'Feel bad or guilty about your drug use'),
    yesNoItem('q6', 'Spouse or parents complain about your involvement with drugs'),
    yesNoItem('q7', 'Neglected your family because of your use of drugs'),
    yesNoItem('q8', 'Engaged in illegal activities to obtain drugs'),
    yesNoItem('q9', 'Withdrawal symptoms (felt sick) when you stopped taking drugs'),
    yesNoItem('q10', 'Medical problems as a result of drug use'),
  ],
  bands: [
    { id: 'none', min: 0, max: 0, label: 'No problems reported' },
    { id: 'low', min: 1, max: 2, label: 'Low level' },
    { id: 'moderate', min: 3, max: 5, label: 'Moderate level' },
    { id: 'substantial', min: 6, max: 8, label: 'Substantial level' },
    { id: 'severe', min: 9, max: 10, label: 'Severe level' },
  ],
  flags: [],
};
