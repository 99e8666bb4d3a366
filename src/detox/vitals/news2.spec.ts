import { computeNews2, news2Risk } from './news2';
import { VitalSigns } from './vital-signs';

/** A complete set of vitals that scores 0 in every parameter. */
const NORMAL: VitalSigns = {
  respiratoryRate: 16,
  spo2: 98,
  spo2Scale: 1,
  onSupplementalOxygen: false,
  temperatureC: 37.0,
  systolicBp: 120,
  heartRate: 70,
  consciousness: 'A',
};

const score = (v: Partial<VitalSigns>) => computeNews2({ ...NORMAL, ...v });

describe('NEWS2 respiration rate', () => {
  it.each([
    [4, 3], [8, 3], [9, 1], [11, 1], [12, 0], [20, 0], [21, 2], [24, 2], [25, 3], [60, 3],
  ])('scores a respiratory rate of %d as %d', (rr, expected) => {
    expect(score({ respiratoryRate: rr }).subscores.respiratoryRate).toBe(expected);
  });
});

describe('NEWS2 SpO2 scale 1', () => {
  it.each([
    [50, 3], [91, 3], [92, 2], [93, 2], [94, 1], [95, 1], [96, 0], [100, 0],
  ])('scores an SpO2 of %d %% on scale 1 as %d, on air or on oxygen', (spo2, expected) => {
    expect(score({ spo2, onSupplementalOxygen: false }).subscores.spo2).toBe(expected);
    expect(score({ spo2, onSupplementalOxygen: true }).subscores.spo2).toBe(expected);
  });

  it('uses scale 1 when no scale is given', () => {
    expect(score({ spo2: 92, spo2Scale: undefined }).subscores.spo2).toBe(2);
  });
});

describe('NEWS2 SpO2 scale 2 (hypercapnic respiratory failure)', () => {
  it.each([
    [50, 3], [83, 3], [84, 2], [85, 2], [86, 1], [87, 1], [88, 0], [92, 0],
  ])('scores an SpO2 of %d %% on scale 2 as %d whether on air or on oxygen', (spo2, expected) => {
    expect(score({ spo2, spo2Scale: 2, onSupplementalOxygen: false }).subscores.spo2).toBe(expected);
    expect(score({ spo2, spo2Scale: 2, onSupplementalOxygen: true }).subscores.spo2).toBe(expected);
  });

  it.each([93, 94, 95, 96, 97, 100])('scores an SpO2 of %d %% on scale 2 on air as 0', (spo2) => {
    expect(score({ spo2, spo2Scale: 2, onSupplementalOxygen: false }).subscores.spo2).toBe(0);
  });

  it.each([
    [93, 1], [94, 1], [95, 2], [96, 2], [97, 3], [100, 3],
  ])('scores an SpO2 of %d %% on scale 2 on oxygen as %d', (spo2, expected) => {
    expect(score({ spo2, spo2Scale: 2, onSupplementalOxygen: true }).subscores.spo2).toBe(expected);
  });

  it('cannot score an SpO2 of 93 % or more on scale 2 without the oxygen status', () => {
    const r = score({ spo2: 93, spo2Scale: 2, onSupplementalOxygen: undefined });
    expect(r.subscores.spo2).toBeUndefined();
    expect(r.missing).toEqual(['onSupplementalOxygen']);
  });

  it('still scores an SpO2 of 92 % or less on scale 2 without the oxygen status', () => {
    expect(score({ spo2: 85, spo2Scale: 2, onSupplementalOxygen: undefined }).subscores.spo2).toBe(2);
  });
});

describe('NEWS2 air or oxygen', () => {
  it('scores supplemental oxygen as 2', () => {
    expect(score({ onSupplementalOxygen: true }).subscores.supplementalOxygen).toBe(2);
  });

  it('scores air as 0', () => {
    expect(score({ onSupplementalOxygen: false }).subscores.supplementalOxygen).toBe(0);
  });
});

describe('NEWS2 systolic blood pressure', () => {
  it.each([
    [50, 3], [90, 3], [91, 2], [100, 2], [101, 1], [110, 1], [111, 0], [219, 0], [220, 3], [260, 3],
  ])('scores a systolic pressure of %d mmHg as %d', (systolicBp, expected) => {
    expect(score({ systolicBp }).subscores.systolicBp).toBe(expected);
  });
});

describe('NEWS2 pulse', () => {
  it.each([
    [20, 3], [40, 3], [41, 1], [50, 1], [51, 0], [90, 0], [91, 1], [110, 1], [111, 2], [130, 2], [131, 3], [250, 3],
  ])('scores a pulse of %d/min as %d', (heartRate, expected) => {
    expect(score({ heartRate }).subscores.heartRate).toBe(expected);
  });
});

describe('NEWS2 consciousness', () => {
  it('scores alert as 0', () => {
    expect(score({ consciousness: 'A' }).subscores.consciousness).toBe(0);
  });

  it.each(['C', 'V', 'P', 'U'] as const)('scores %s (new confusion, voice, pain, unresponsive) as 3', (c) => {
    expect(score({ consciousness: c }).subscores.consciousness).toBe(3);
  });
});

describe('NEWS2 temperature', () => {
  const bands: [number, number][] = [
    [30.0, 3], [35.0, 3], [35.1, 1], [36.0, 1], [36.1, 0], [38.0, 0], [38.1, 1], [39.0, 1], [39.1, 2], [43.5, 2],
  ];
  it.each(bands.map(([t, s]) => [t.toFixed(1), t, s] as const))('scores a temperature of %s °C as %d', (_, temperatureC, expected) => {
    expect(score({ temperatureC }).subscores.temperature).toBe(expected);
  });

  it('scores a temperature computed with float noise by its tenth (36.1 - 0.1 is 36.0, scoring 1)', () => {
    expect(score({ temperatureC: 36.1 - 0.1 }).subscores.temperature).toBe(1);
    expect(score({ temperatureC: 35 + 0.1 }).subscores.temperature).toBe(1);
    expect(score({ temperatureC: 37.9 + 0.1 }).subscores.temperature).toBe(0);
  });

  it('rounds a temperature given with more than one decimal to the tenth (38.04 scores as 38.0)', () => {
    expect(score({ temperatureC: 38.04 }).subscores.temperature).toBe(0);
    expect(score({ temperatureC: 38.06 }).subscores.temperature).toBe(1);
  });
});

describe('NEWS2 total and clinical risk', () => {
  it('scores normal vitals as 0, low risk', () => {
    expect(computeNews2(NORMAL)).toEqual({
      complete: true,
      total: 0,
      risk: 'low',
      subscores: {
        respiratoryRate: 0, spo2: 0, supplementalOxygen: 0, temperature: 0, systolicBp: 0, heartRate: 0, consciousness: 0,
      },
      missing: [],
    });
  });

  it('adds the subscores of every parameter', () => {
    // RR 21 (2) + SpO2 94 (1) + oxygen (2) + 38.5 °C (1) + SBP 105 (1) + HR 115 (2) + V (3) = 12
    const r = computeNews2({
      respiratoryRate: 21, spo2: 94, onSupplementalOxygen: true, temperatureC: 38.5,
      systolicBp: 105, heartRate: 115, consciousness: 'V',
    });
    expect(r.total).toBe(12);
    expect(r.risk).toBe('high');
  });

  it('rates a total of 4 without a single 3 as low', () => {
    // oxygen 2 + HR 111 (2) = 4
    const r = score({ onSupplementalOxygen: true, heartRate: 111 });
    expect([r.total, r.risk]).toEqual([4, 'low']);
  });

  it('rates a total of 5 as medium', () => {
    // oxygen 2 + HR 111 (2) + RR 9 (1) = 5
    const r = score({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 9 });
    expect([r.total, r.risk]).toEqual([5, 'medium']);
  });

  it('rates a total of 6 as medium', () => {
    const r = score({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 21 });
    expect([r.total, r.risk]).toEqual([6, 'medium']);
  });

  it('rates a total of 7 as high', () => {
    const r = score({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 21, temperatureC: 35.5 });
    expect([r.total, r.risk]).toEqual([7, 'high']);
  });

  it('rates a single parameter scoring 3 with a total below 5 as low-medium', () => {
    const r = score({ consciousness: 'C' });
    expect([r.total, r.risk]).toEqual([3, 'low_medium']);
    const r4 = score({ respiratoryRate: 8, temperatureC: 35.5 });
    expect([r4.total, r4.risk]).toEqual([4, 'low_medium']);
  });

  it('rates a single parameter scoring 3 with a total of 5 or 6 as medium, not low-medium', () => {
    const r = score({ respiratoryRate: 8, heartRate: 111 });
    expect([r.total, r.risk]).toEqual([5, 'medium']);
  });

  it('does not count supplemental oxygen (2) as a single parameter 3', () => {
    expect(score({ onSupplementalOxygen: true }).risk).toBe('low');
  });

  it.each([
    [0, false, 'low'], [4, false, 'low'], [0, true, 'low_medium'], [4, true, 'low_medium'],
    [5, false, 'medium'], [6, true, 'medium'], [7, false, 'high'], [20, true, 'high'],
  ] as const)('maps a total of %d (single 3: %s) to %s risk', (total, single3, risk) => {
    expect(news2Risk(total, single3)).toBe(risk);
  });
});

describe('NEWS2 incomplete sets', () => {
  it.each([
    ['respiratoryRate'], ['spo2'], ['onSupplementalOxygen'], ['temperatureC'], ['systolicBp'], ['heartRate'], ['consciousness'],
  ] as const)('gives no total or risk when %s is missing', (field) => {
    const r = computeNews2({ ...NORMAL, [field]: undefined });
    expect(r.complete).toBe(false);
    expect(r.total).toBeNull();
    expect(r.risk).toBeNull();
    expect(r.missing).toEqual([field]);
  });

  it('keeps the subscores of what is present', () => {
    const r = computeNews2({ respiratoryRate: 8, heartRate: 120 });
    expect(r.subscores).toEqual({ respiratoryRate: 3, heartRate: 2 });
    expect(r.missing).toEqual(['spo2', 'onSupplementalOxygen', 'temperatureC', 'systolicBp', 'consciousness']);
  });

  it('lists every parameter as missing for an empty set', () => {
    const r = computeNews2({});
    expect(r.subscores).toEqual({});
    expect(r.missing).toHaveLength(7);
  });

  it('treats a non-finite number as missing', () => {
    const r = score({ heartRate: Number.NaN });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['heartRate']);
  });

  it('does not need the diastolic pressure', () => {
    expect(score({ diastolicBp: undefined }).complete).toBe(true);
  });
});
