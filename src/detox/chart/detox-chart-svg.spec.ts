import { DEFAULT_DETOX_ALERT_THRESHOLDS, mergeThresholds } from '../alerting/alert-thresholds';
import { assertWellFormedXml } from '../../../test/support/detox-xml';
import { type ChartVitalsPoint, type DetoxChartInput, renderDetoxChartSvg, xmlEscape } from './detox-chart-svg';

const zone = 'America/New_York';

function vitals(iso: string, values: Partial<ChartVitalsPoint> = {}): ChartVitalsPoint {
  return {
    takenAt: new Date(iso), heartRate: 80, systolicBp: 120, diastolicBp: 80, respiratoryRate: 16,
    temperatureC: 36.8, spo2: 97, news2Total: 0, ...values,
  };
}

function input(overrides: Partial<DetoxChartInput> = {}): DetoxChartInput {
  return {
    from: new Date('2026-03-01T11:00:00Z'),
    to: new Date('2026-03-02T11:00:00Z'),
    timeZone: zone,
    vitals: [
      vitals('2026-03-01T12:00:00Z'),
      vitals('2026-03-01T16:00:00Z', { heartRate: 118, temperatureC: 38.4, news2Total: 3 }),
      vitals('2026-03-01T20:00:00Z', { heartRate: 250, respiratoryRate: 8, news2Total: null }),
    ],
    scores: [
      { assessedAt: new Date('2026-03-01T12:30:00Z'), scale: 'CIWA-Ar', total: 12, band: 'moderate' },
      { assessedAt: new Date('2026-03-01T16:30:00Z'), scale: 'CIWA-Ar', total: 18, band: 'severe' },
    ],
    observations: [
      { observedAt: new Date('2026-03-01T17:00:00Z'), signs: ['seizure', 'tremor', 'hallucinations_visual'] },
      { observedAt: new Date('2026-03-01T18:00:00Z'), signs: ['tremor'] },
    ],
    thresholds: DEFAULT_DETOX_ALERT_THRESHOLDS,
    ...overrides,
  };
}

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('renderDetoxChartSvg', () => {
  it('produces one well-formed <svg> document in the SVG namespace', () => {
    const svg = renderDetoxChartSvg(input());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(() => assertWellFormedXml(svg)).not.toThrow();
  });

  it('draws every vital sign, NEWS2 and both withdrawal scales as its own series with its readings', () => {
    const svg = renderDetoxChartSvg(input());
    for (const [series, n] of [
      ['heartRate', 3], ['systolicBp', 3], ['diastolicBp', 3], ['respiratoryRate', 3], ['temperatureC', 3],
      ['spo2', 3], ['news2Total', 2], ['ciwaAr', 2], ['cows', 0],
    ] as const) {
      expect(svg).toContain(`data-series="${series}" data-count="${n}"`);
    }
    expect(svg).toContain('<title>Heart rate 118 beats/min at Mar 1 11:00</title>');
    expect(svg).toContain('<title>Temperature 38.4 °C at Mar 1 11:00</title>');
    expect(svg).toContain('<title>CIWA-Ar 18 points at Mar 1 11:30</title>');
  });

  it('draws observed signs by class, each point naming its signs', () => {
    const svg = renderDetoxChartSvg(input());
    expect(svg).toContain('data-series="emergencySigns" data-count="1"');
    expect(svg).toContain('data-series="urgentSigns" data-count="1"');
    expect(svg).toContain('data-series="otherSigns" data-count="2"');
    expect(svg).toContain('<title>Emergency signs 1 signs present (seizure) at Mar 1 12:00</title>');
    expect(svg).toContain('<title>Other signs 1 signs present (tremor) at Mar 1 13:00</title>');
  });

  it('labels each panel with its unit', () => {
    const svg = renderDetoxChartSvg(input());
    for (const unit of ['beats/min', 'mmHg', 'breaths/min', '%', '°C', 'points']) {
      expect(svg).toContain(`fill="#555555">${unit}</text>`);
    }
  });

  it('shades the danger bands of the alert rules in force', () => {
    const svg = renderDetoxChartSvg(input());
    expect(svg).toContain('Danger: Bradycardia: at or below 50 beats/min');
    expect(svg).toContain('Danger: Tachycardia: at or above 110 beats/min');
    expect(svg).toContain('Danger: Slow breathing: at or below 10 breaths/min');
    expect(svg).toContain('Danger: Low oxygen saturation: at or below 92 %');
    expect(svg).toContain('Danger: NEWS2 high: 7 or more');
    expect(svg).toContain('Warning: NEWS2 medium: 5 to 6');
    expect(svg).toContain('Danger: Severe withdrawal: 16 or more');
    expect(count(svg, /class="band band-danger"/g)).toBeGreaterThanOrEqual(10);

    const changed = renderDetoxChartSvg(
      input({ thresholds: mergeThresholds(DEFAULT_DETOX_ALERT_THRESHOLDS, { withdrawal: { heartRateMin: 120 } }) }),
    );
    expect(changed).toContain('Danger: Tachycardia: at or above 120 beats/min');
  });

  it('labels time in the program time zone, with the date where it changes', () => {
    const svg = renderDetoxChartSvg(input());
    expect(svg).toContain('Time (America/New_York)');
    expect(svg).toContain('Mar 1, 2026 06:00 to Mar 2, 2026 06:00 (America/New_York)');
    expect(svg).toMatch(/text-anchor="middle">06:00<\/text>/);
    expect(svg).toMatch(/fill="#555555">Mar 2<\/text>/);
  });

  it('keeps out-of-scale values inside their panel, with the real value in the tooltip', () => {
    const svg = renderDetoxChartSvg(input());
    const circle = /<circle cx="[\d.]+" cy="([\d.]+)" r="3" fill="#b03a2e"><title>Heart rate 250 beats\/min/.exec(svg);
    expect(circle).not.toBeNull();
    expect(Number(circle?.[1])).toBe(70); // the top edge of the first panel
  });

  it('says so in each panel when there is nothing to draw', () => {
    const svg = renderDetoxChartSvg(input({ vitals: [], scores: [] }));
    expect(count(svg, /No readings in this period/g)).toBe(8);
    expect(() => assertWellFormedXml(svg)).not.toThrow();
  });

  it('ignores readings outside the period', () => {
    const svg = renderDetoxChartSvg(input({ vitals: [vitals('2026-02-20T12:00:00Z')], scores: [] }));
    expect(svg).toContain('data-series="heartRate" data-count="0"');
  });

  it('refuses an empty or reversed period', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(() => renderDetoxChartSvg(input({ from: at, to: at }))).toThrow(RangeError);
  });
});

describe('assertWellFormedXml (the test helper itself)', () => {
  it('rejects broken documents', () => {
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg x=1></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg></svg><svg></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg a="1" a="2"></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg><g/></svg>')).not.toThrow();
  });
});

describe('xmlEscape', () => {
  it('escapes the five XML special characters', () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
