/** One panel of the detox chart: a value scale, shaded danger bands and series of readings over time. */

export interface ChartPoint {
  t: number;
  v: number;
  /** Shown on hover after the value (e.g. the signs observed). */
  note?: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Points only, no line between them. */
  scatter?: boolean;
  points: ChartPoint[];
}

export interface ChartBand {
  from: number;
  to: number;
  tone: 'danger' | 'warning';
  label: string;
}

export interface ChartPanel {
  key: string;
  title: string;
  unit: string;
  min: number;
  max: number;
  ticks: number[];
  bands: ChartBand[];
  series: ChartSeries[];
  decimals: 0 | 1;
}
