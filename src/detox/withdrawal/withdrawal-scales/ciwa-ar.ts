// CIWA-Ar, Clinical Institute Withdrawal Assessment for Alcohol, revised. Source: Sullivan JT,
// Sykora K, Schneiderman J, Naranjo CA, Sellers EM. Assessment of alcohol withdrawal: the
// revised CIWA-Ar. Br J Addict 1989;84:1353-1357. Ten items in the published order, nine
// rated 0-7 and orientation / clouding of sensorium 0-4; total 0-67. Bands follow the
// program's protocol (DOMAIN.md): 0-9 minimal, 10-15 moderate, 16+ severe.
import { integerRange, type QuestionnaireDefinition } from '../../../common/questionnaire';

const SEVEN_POINT = integerRange(0, 7);

export const CIWA_AR: QuestionnaireDefinition = {
  id: 'CIWA-Ar',
  version: '1989',
  title: 'Clinical Institute Withdrawal Assessment for Alcohol, revised',
  items: [
    { key: 'nausea_vomiting', label: 'Nausea and vomiting', allowed: SEVEN_POINT },
    { key: 'tremor', label: 'Tremor (arms extended, fingers spread)', allowed: SEVEN_POINT },
    { key: 'paroxysmal_sweats', label: 'Paroxysmal sweats', allowed: SEVEN_POINT },
    { key: 'anxiety', label: 'Anxiety', allowed: SEVEN_POINT },
    { key: 'agitation', label: 'Agitation', allowed: SEVEN_POINT },
    { key: 'tactile_disturbances', label: 'Tactile disturbances', allowed: SEVEN_POINT },
    { key: 'auditory_disturbances', label: 'Auditory disturbances', allowed: SEVEN_POINT },
    { key: 'visual_disturbances', label: 'Visual disturbances', allowed: SEVEN_POINT },
    { key: 'headache', label: 'Headache, fullness in head', allowed: SEVEN_POINT },
    { key: 'orientation', label: 'Orientation and clouding of sensorium', allowed: integerRange(0, 4) },
  ],
  bands: [
    { id: 'minimal', min: 0, max: 9, label: 'Minimal withdrawal' },
    { id: 'moderate', min: 10, max: 15, label: 'Moderate withdrawal' },
    { id: 'severe', min: 16, max: 67, label: 'Severe withdrawal (risk of seizures and delirium)' },
  ],
};
