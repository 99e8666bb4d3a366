import { DateTime } from 'luxon';
import type { DetoxAlertThresholds } from '../alerting/alert-thresholds';
import { type ChartObservationPoint, observationsPanel } from './detox-chart-observations';
import type { ChartPanel, ChartPoint, ChartSeries } from './detox-chart-panel';
import { timeTicks } from './detox-chart-ticks';

/*
 * The detox monitoring chart: stacked panels sharing one time axis, one per
 * vital sign, then NEWS2, CIWA-Ar, COWS and observed signs, each with its unit, its value
 * scale, and the danger bands of the alert rules in force shaded (red: a
 * danger sign or NEWS2 high; amber: NEWS2 medium, moderate or moderately
 * severe withdrawal). Time labels are in the program's time zone. The chart
 * carries no patient identity at all; every reading's value is in a <title>
 * a browser shows on hover. Out-of-scale values are drawn at the panel edge
 * (their <title> keeps the real value).
 */

export interface ChartVitalsPoint {
  takenAt: Date;
  heartRate: number | null;
  systolicBp: number | null;
  diastolicBp: number | null;
  respiratoryRate: number | null;
  temperatureC: number | null;
  spo2: number | null;
  /** Null for an incomplete set. */
  news2Total: number | null;
}

export interface ChartScorePoint {
  assessedAt: Date;
  scale: 'CIWA-Ar' | 'COWS';
  total: number;
  band: string;
}

export interface DetoxChartInput {
  from: Date;
  to: Date;
  timeZone: string;
  vitals: readonly ChartVitalsPoint[];
  scores: readonly ChartScorePoint[];
  observations: readonly ChartObservationPoint[];
  thresholds: DetoxAlertThresholds;
}

const WIDTH = 960;
const PLOT_LEFT = 150;
const PLOT_RIGHT = WIDTH - 24;
const TOP = 70;
const PANEL_HEIGHT = 92;
const PANEL_GAP = 24;
const AXIS_SPACE = 56;
const TONES = {
  danger: { fill: '#f4b6b0', opacity: '0.55', name: 'Danger' },
  warning: { fill: '#fbe0a0', opacity: '0.6', name: 'Warning' },
} as const;

/** Escapes text and attribute values for XML. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const fmt = (x: number): string => String(Math.round(x * 10) / 10);

function panels(input: DetoxChartInput): ChartPanel[] {
  const { thresholds: t } = input;
  const od = t.depressantOverdose;
  const wd = t.withdrawal;
  const vitals = [...input.vitals].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const vitalSeries = (key: keyof ChartVitalsPoint, label: string, color: string, dashed = false): ChartSeries => ({
    key, label, color, dashed,
    points: vitals.flatMap((v) => {
      const value = v[key];
      return typeof value === 'number' ? [{ t: v.takenAt.getTime(), v: value }] : [];
    }),
  });
  const scores = (scale: ChartScorePoint['scale']): ChartPoint[] =>
    input.scores
      .filter((s) => s.scale === scale)
      .map((s) => ({ t: s.assessedAt.getTime(), v: s.total }))
      .sort((a, b) => a.t - b.t);
  const ciwa = scores('CIWA-Ar');
  const ciwaMax = Math.min(67, Math.max(30, Math.ceil((Math.max(0, ...ciwa.map((p) => p.v)) + 1) / 10) * 10));

  return [
    {
      key: 'heartRate', title: 'Heart rate', unit: 'beats/min', min: 30, max: 180, decimals: 0,
      ticks: [40, 80, 120, 160],
      bands: [
        { from: 30, to: od.heartRateMax, tone: 'danger', label: `Bradycardia: at or below ${od.heartRateMax} beats/min` },
        { from: wd.heartRateMin, to: 180, tone: 'danger', label: `Tachycardia: at or above ${wd.heartRateMin} beats/min` },
      ],
      series: [vitalSeries('heartRate', 'Heart rate', '#b03a2e')],
    },
    {
      key: 'bloodPressure', title: 'Blood pressure', unit: 'mmHg', min: 40, max: 240, decimals: 0,
      ticks: [40, 80, 120, 160, 200, 240],
      bands: [
        { from: 40, to: od.systolicBpMax, tone: 'danger', label: `Hypotension: systolic at or below ${od.systolicBpMax} mmHg` },
        { from: 220, to: 240, tone: 'danger', label: 'Systolic at or above 220 mmHg (NEWS2 scores 3)' },
      ],
      series: [
        vitalSeries('systolicBp', 'Systolic', '#1f4e79'),
        vitalSeries('diastolicBp', 'Diastolic', '#5b8fc7', true),
      ],
    },
    {
      key: 'respiratoryRate', title: 'Respiratory rate', unit: 'breaths/min', min: 0, max: 40, decimals: 0,
      ticks: [0, 10, 20, 30, 40],
      bands: [
        { from: 0, to: od.respiratoryRateMax, tone: 'danger', label: `Slow breathing: at or below ${od.respiratoryRateMax} breaths/min` },
        { from: 25, to: 40, tone: 'danger', label: 'At or above 25 breaths/min (NEWS2 scores 3)' },
      ],
      series: [vitalSeries('respiratoryRate', 'Respiratory rate', '#196f3d')],
    },
    {
      key: 'spo2', title: 'SpO2', unit: '%', min: 80, max: 100, decimals: 0,
      ticks: [80, 85, 90, 95, 100],
      bands: [{ from: 80, to: od.spo2Max, tone: 'danger', label: `Low oxygen saturation: at or below ${od.spo2Max} %` }],
      series: [vitalSeries('spo2', 'SpO2', '#6c3483')],
    },
    {
      key: 'temperature', title: 'Temperature', unit: '°C', min: 34, max: 41, decimals: 1,
      ticks: [34, 36, 38, 40],
      bands: [
        { from: 34, to: od.temperatureMax, tone: 'danger', label: `Hypothermia: at or below ${od.temperatureMax.toFixed(1)} °C` },
        { from: wd.temperatureMin, to: 41, tone: 'danger', label: `Fever: at or above ${wd.temperatureMin.toFixed(1)} °C` },
      ],
      series: [vitalSeries('temperatureC', 'Temperature', '#a04000')],
    },
    {
      key: 'news2', title: 'NEWS2', unit: 'points', min: 0, max: 20, decimals: 0,
      ticks: [0, 5, 10, 15, 20],
      bands: [
        { from: t.news2Medium, to: t.news2High, tone: 'warning', label: `NEWS2 medium: ${t.news2Medium} to ${t.news2High - 1}` },
        { from: t.news2High, to: 20, tone: 'danger', label: `NEWS2 high: ${t.news2High} or more` },
      ],
      series: [vitalSeries('news2Total', 'NEWS2', '#17202a')],
    },
    {
      key: 'ciwaAr', title: 'CIWA-Ar', unit: 'points', min: 0, max: ciwaMax, decimals: 0,
      ticks: Array.from({ length: Math.floor(ciwaMax / 10) + 1 }, (_, i) => i * 10),
      bands: [
        { from: 10, to: t.ciwaSevere, tone: 'warning', label: `Moderate withdrawal: 10 to ${t.ciwaSevere - 1}` },
        { from: t.ciwaSevere, to: ciwaMax, tone: 'danger', label: `Severe withdrawal: ${t.ciwaSevere} or more` },
      ],
      series: [{ key: 'ciwaAr', label: 'CIWA-Ar', color: '#7d3c98', points: ciwa }],
    },
    {
      key: 'cows', title: 'COWS', unit: 'points', min: 0, max: 48, decimals: 0,
      ticks: [0, 12, 24, 36, 48],
      bands: [
        {
          from: t.cowsModeratelySevere, to: t.cowsSevere, tone: 'warning',
          label: `Moderately severe withdrawal: ${t.cowsModeratelySevere} to ${t.cowsSevere - 1}`,
        },
        { from: t.cowsSevere, to: 48, tone: 'danger', label: `Severe withdrawal: ${t.cowsSevere} or more` },
      ],
      series: [{ key: 'cows', label: 'COWS', color: '#0e6655', points: scores('COWS') }],
    },
    observationsPanel(input.observations),
  ];
}

/** Renders the chart as a standalone SVG document (no XML declaration). */
export function renderDetoxChartSvg(input: DetoxChartInput): string {
  const start = input.from.getTime();
  const end = input.to.getTime();
  if (!(end > start)) throw new RangeError('to must be after from');
  const zone = input.timeZone;
  const x = (t: number) => PLOT_LEFT + ((t - start) / (end - start)) * (PLOT_RIGHT - PLOT_LEFT);
  const local = (t: number, format: string) => DateTime.fromMillis(t, { zone }).toFormat(format);
  const all = panels(input);
  const height = TOP + all.length * (PANEL_HEIGHT + PANEL_GAP) + AXIS_SPACE;
  const ticks = timeTicks(input.from, input.to, zone);
  const period = `${local(start, 'LLL d, yyyy HH:mm')} to ${local(end, 'LLL d, yyyy HH:mm')} (${zone})`;
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
      `role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title id="chart-title">Detox monitoring chart</title>`,
    `<desc id="chart-desc">${xmlEscape(
      `Vital signs, NEWS2, withdrawal scores and observed signs from ${period}. Shaded bands mark danger (red) and warning (amber) ranges.`,
    )}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="26" font-size="16" font-weight="bold">Detox monitoring</text>`,
    `<text x="12" y="46" fill="#444444">${xmlEscape(period)}</text>`,
    `<g class="legend" transform="translate(${PLOT_RIGHT - 250}, 40)">` +
      `<rect x="0" y="-9" width="14" height="10" fill="${TONES.danger.fill}" fill-opacity="${TONES.danger.opacity}"/>` +
      `<text x="18" y="0">danger range</text>` +
      `<rect x="110" y="-9" width="14" height="10" fill="${TONES.warning.fill}" fill-opacity="${TONES.warning.opacity}"/>` +
      `<text x="128" y="0">warning range</text></g>`,
  );

  all.forEach((panel, index) => {
    const top = TOP + index * (PANEL_HEIGHT + PANEL_GAP);
    const clamp = (v: number) => Math.min(panel.max, Math.max(panel.min, v));
    const y = (v: number) => top + PANEL_HEIGHT * (1 - (clamp(v) - panel.min) / (panel.max - panel.min));
    out.push(`<g class="panel" data-panel="${panel.key}">`);
    out.push(`<text x="12" y="${top + 14}" font-weight="bold">${xmlEscape(panel.title)}</text>`);
    out.push(`<text x="12" y="${top + 28}" fill="#555555">${xmlEscape(panel.unit)}</text>`);
    panel.series.forEach((s, i) => {
      if (panel.series.length < 2) return;
      const ly = top + 44 + i * 14;
      out.push(
        `<line x1="12" y1="${ly - 4}" x2="30" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"` +
          `${s.dashed ? ' stroke-dasharray="4 3"' : ''}/><text x="34" y="${ly}">${xmlEscape(s.label)}</text>`,
      );
    });
    out.push(
      `<rect x="${PLOT_LEFT}" y="${top}" width="${PLOT_RIGHT - PLOT_LEFT}" height="${PANEL_HEIGHT}" ` +
        `fill="#ffffff" stroke="#999999"/>`,
    );
    for (const band of panel.bands) {
      const lo = clamp(Math.min(band.from, band.to));
      const hi = clamp(Math.max(band.from, band.to));
      if (hi <= lo) continue;
      const tone = TONES[band.tone];
      out.push(
        `<rect class="band band-${band.tone}" x="${PLOT_LEFT}" y="${fmt(y(hi))}" width="${PLOT_RIGHT - PLOT_LEFT}" ` +
          `height="${fmt(y(lo) - y(hi))}" fill="${tone.fill}" fill-opacity="${tone.opacity}">` +
          `<title>${xmlEscape(`${tone.name}: ${band.label}`)}</title></rect>`,
      );
    }
    for (const tick of panel.ticks) {
      const ty = fmt(y(tick));
      out.push(
        `<line x1="${PLOT_LEFT - 4}" y1="${ty}" x2="${PLOT_RIGHT}" y2="${ty}" stroke="#e5e5e5"/>` +
          `<text x="${PLOT_LEFT - 7}" y="${fmt(y(tick) + 4)}" text-anchor="end" fill="#333333">${fmt(tick)}</text>`,
      );
    }
    for (const tick of ticks) {
      out.push(`<line x1="${fmt(x(tick.t))}" y1="${top}" x2="${fmt(x(tick.t))}" y2="${top + PANEL_HEIGHT}" stroke="#ececec"/>`);
    }
    let drawn = 0;
    for (const s of panel.series) {
      const points = s.points.filter((p) => p.t >= start && p.t <= end);
      drawn += points.length;
      out.push(`<g class="series" data-series="${s.key}" data-count="${points.length}">`);
      if (points.length > 1 && !s.scatter) {
        out.push(
          `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''} ` +
            `points="${points.map((p) => `${fmt(x(p.t))},${fmt(y(p.v))}`).join(' ')}"/>`,
        );
      }
      for (const p of points) {
        const value = panel.decimals === 1 ? p.v.toFixed(1) : fmt(p.v);
        out.push(
          `<circle cx="${fmt(x(p.t))}" cy="${fmt(y(p.v))}" r="3" fill="${s.color}">` +
            `<title>${xmlEscape(`${s.label} ${value} ${panel.unit}${p.note ? ` (${p.note})` : ''} at ${local(p.t, 'LLL d HH:mm')}`)}</title></circle>`,
        );
      }
      out.push(`</g>`);
    }
    if (drawn === 0) {
      out.push(
        `<text x="${(PLOT_LEFT + PLOT_RIGHT) / 2}" y="${top + PANEL_HEIGHT / 2 + 4}" text-anchor="middle" ` +
          `fill="#888888">No readings in this period</text>`,
      );
    }
    out.push(`</g>`);
  });

  const axisTop = TOP + all.length * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP;
  out.push(`<g class="time-axis">`);
  for (const tick of ticks) {
    const tx = fmt(x(tick.t));
    out.push(
      `<line x1="${tx}" y1="${axisTop}" x2="${tx}" y2="${axisTop + 5}" stroke="#333333"/>` +
        `<text x="${tx}" y="${axisTop + 17}" text-anchor="middle">${xmlEscape(tick.label)}</text>`,
    );
    if (tick.dateLabel) {
      out.push(`<text x="${tx}" y="${axisTop + 30}" text-anchor="middle" fill="#555555">${xmlEscape(tick.dateLabel)}</text>`);
    }
  }
  out.push(
    `<text x="${(PLOT_LEFT + PLOT_RIGHT) / 2}" y="${axisTop + 48}" text-anchor="middle" fill="#333333">` +
      `${xmlEscape(`Time (${zone})`)}</text>`,
    `</g>`,
    `</svg>`,
  );
  return out.join('\n');
}
