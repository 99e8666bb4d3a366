import type { ChartPanel } from './detox-chart-panel';
import { EMERGENCY_SIGNS, type ObservationSign, URGENT_SIGNS } from '../observations/observation-signs';

/** One observation on the chart: when, and the signs seen present. */
export interface ChartObservationPoint {
  observedAt: Date;
  signs: readonly ObservationSign[];
}

const CLASSES: { key: string; label: string; color: string; member: (s: ObservationSign) => boolean }[] = [
  { key: 'emergencySigns', label: 'Emergency signs', color: '#c0392b', member: (s) => EMERGENCY_SIGNS.includes(s) },
  { key: 'urgentSigns', label: 'Urgent signs', color: '#d35400', member: (s) => URGENT_SIGNS.includes(s) },
  {
    key: 'otherSigns', label: 'Other signs', color: '#566573',
    member: (s) => !EMERGENCY_SIGNS.includes(s) && !URGENT_SIGNS.includes(s),
  },
];

/**
 * The observed-signs panel: per observation, how many present signs of each
 * class (emergency: seizure, coma, delirium; urgent: hallucinations,
 * psychosis, rigidity; other), each point naming its signs on hover.
 */
export function observationsPanel(observations: readonly ChartObservationPoint[]): ChartPanel {
  const sorted = [...observations].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  const most = Math.max(3, ...sorted.map((o) => o.signs.length));
  return {
    key: 'observations', title: 'Observed signs', unit: 'signs present', min: 0, max: most, decimals: 0,
    ticks: Array.from({ length: most + 1 }, (_, i) => i),
    bands: [],
    series: CLASSES.map((c) => ({
      key: c.key, label: c.label, color: c.color, scatter: true,
      points: sorted.flatMap((o) => {
        const signs = o.signs.filter(c.member);
        return signs.length > 0 ? [{ t: o.observedAt.getTime(), v: signs.length, note: signs.join(', ') }] : [];
      }),
    })),
  };
}
