import { DateTime } from 'luxon';
import type { FieldError } from '../../common/field-error';
import { DomainError, ValidationFailed } from '../../common/problem/domain-error';
import type { DoseUnit } from './dose-units';
import { abruptStopFindings, peakRolling24h, roundSchedule, type TaperFinding, taperFindings } from './safety/taper-safety';
import { generateTaperSchedule, type ScheduledDose as PlannedDose } from './taper';

const MICRO = 1_000_000;
const clean = (x: number): number => Math.round(x * MICRO) / MICRO;

/** What an order asks for (CreateMedicationOrderDto, validated). */
export interface OrderRequest {
  drug: string;
  dose?: number;
  unit: DoseUnit;
  timesOfDay?: string[];
  asNeeded?: boolean;
  startDate: string;
  endDate?: string;
  maxDosePer24h?: number;
  maxDoseOverrideReason?: string;
  taperOverrideReason?: string;
  /** A replacement may lower a dangerous drug's daily dose too steeply, which taperOverrideReason then overrides. */
  replacesOrderId?: string;
  taper?: { startDose: number; stepDown: number; everyDays: number; floor: number };
}

/** The drug-table facts an order is planned against. */
export interface DrugRules {
  generic: string;
  defaultMaxPer24h: number | null;
  doseStep: number | null;
  minTaperDays: number | null;
  /** Stopping it abruptly is dangerous: a scheduled order ending on a date needs a taper (or an override). */
  abruptStopDangerous: boolean;
}

/** A drug the order resolved to, and how an amount in the drug's counting unit reads in the order's unit. */
export interface ResolvedDrug<D extends DrugRules = DrugRules> {
  drug: D;
  /** e.g. baclofen's 80 mg as mL of a 1 mg/mL suspension. */
  fromDrugUnit: (amount: number) => number;
}

export interface OrderPlan {
  asNeeded: boolean;
  times: string[];
  dose: number;
  max: number;
  /** The drug's labelled maximum in the order's unit, or null when the table has none. */
  defaultMax: number | null;
  schedule: PlannedDose[];
  taperFindings: TaperFinding[];
}

function fieldErrors(dto: OrderRequest, drug: DrugRules, zone: string): FieldError[] {
  const asNeeded = dto.asNeeded === true;
  const times = dto.timesOfDay ?? [];
  const errors: FieldError[] = [];
  if (asNeeded && times.length > 0) errors.push({ field: 'timesOfDay', message: 'must be omitted for an as-needed order' });
  if (!asNeeded && times.length === 0) {
    errors.push({ field: 'timesOfDay', message: 'must list at least one time unless asNeeded is true' });
  }
  times.forEach((t, i) => {
    if (times.indexOf(t) !== i) errors.push({ field: `timesOfDay[${i}]`, message: 'is listed twice' });
  });
  if (asNeeded && dto.taper) errors.push({ field: 'taper', message: 'is only for scheduled orders' });
  if (!dto.taper && dto.dose === undefined) errors.push({ field: 'dose', message: 'is required without a taper' });
  if (dto.taper && dto.dose !== undefined && dto.dose !== dto.taper.startDose) {
    errors.push({ field: 'dose', message: 'must be omitted or equal taper.startDose' });
  }
  for (const field of ['startDate', 'endDate'] as const) {
    const value = dto[field];
    if (value !== undefined && !DateTime.fromISO(value, { zone }).isValid) {
      errors.push({ field, message: 'must be a real calendar date' });
    }
  }
  if (dto.endDate !== undefined && dto.endDate < dto.startDate) {
    errors.push({ field: 'endDate', message: 'must not be before startDate' });
  }
  const abruptStop = !dto.taper && dto.endDate !== undefined && !asNeeded && drug.abruptStopDangerous;
  if (!dto.taper && !abruptStop && dto.replacesOrderId === undefined && dto.taperOverrideReason !== undefined) {
    errors.push({
      field: 'taperOverrideReason',
      message: 'is only for tapers, replacements, or a scheduled order that stops a drug dangerous to stop abruptly',
    });
  }
  return errors;
}

/** What the order schedules on its first day (0 for as-needed: nothing is scheduled), in the order's unit. */
export function firstDayTotal(plan: Pick<OrderPlan, 'asNeeded' | 'times' | 'dose' | 'schedule'>): number {
  if (plan.asNeeded) return 0;
  const first = plan.schedule[0]?.day;
  if (first === undefined) return clean(plan.dose * Math.max(plan.times.length, 1));
  return clean(plan.schedule.filter((d) => d.day === first).reduce((sum, d) => sum + d.dose, 0));
}

/** The most the order schedules on any one day (0 for as-needed), in the order's unit. */
export function peakDailyTotal(plan: Pick<OrderPlan, 'asNeeded' | 'times' | 'dose' | 'schedule'>): number {
  if (plan.asNeeded) return 0;
  if (plan.schedule.length === 0) return clean(plan.dose * Math.max(plan.times.length, 1));
  const byDay = new Map<number, number>();
  for (const d of plan.schedule) byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.dose);
  return clean(Math.max(...byDay.values()));
}

/**
 * Validates an order against its drug and generates its schedule; throws 400
 * or 422 before anything is written. A maximum above the drug's labelled
 * maximum needs `maxDoseOverrideReason` (baclofen 80 mg/day, FDA label); a
 * taper is rounded to the drug's dose step and checked (taper-safety.ts).
 */
export function planOrder(
  dto: OrderRequest,
  resolved: ResolvedDrug,
  maxDailyTaperDropPercent: number,
  zone: string,
): OrderPlan {
  const { drug } = resolved;
  const errors = fieldErrors(dto, resolved.drug, zone);
  const defaultMax = drug.defaultMaxPer24h === null ? null : clean(resolved.fromDrugUnit(drug.defaultMaxPer24h));
  const max = dto.maxDosePer24h ?? defaultMax;
  if (max === null) {
    errors.push({ field: 'maxDosePer24h', message: `is required: the drug table has no labelled maximum for ${drug.generic}` });
  }
  if (dto.maxDoseOverrideReason !== undefined && (defaultMax === null || max === null || max <= defaultMax)) {
    errors.push({ field: 'maxDoseOverrideReason', message: "is only for a maximum above the drug's labelled maximum" });
  }
  if (errors.length > 0 || max === null) throw new ValidationFailed(errors);

  const unit = dto.unit;
  if (defaultMax !== null && max > defaultMax && dto.maxDoseOverrideReason === undefined) {
    throw new DomainError(
      'max_dose_above_label',
      `A maximum of ${max} ${unit} per 24 hours is above ${drug.generic}'s labelled maximum of ${defaultMax} ${unit}; ` +
        'give maxDoseOverrideReason to order it anyway.',
      { limit: defaultMax, orderedMaximum: max, unit },
    );
  }
  const asNeeded = dto.asNeeded === true;
  const times = dto.timesOfDay ?? [];
  const dose = dto.dose ?? (dto.taper as { startDose: number }).startDose;
  if (dose > max) {
    throw new DomainError('dose_limit_exceeded', `A single dose of ${dose} ${unit} is above the maximum of ${max} ${unit} per 24 hours.`, {
      limit: max, unit,
    });
  }
  const dailyTotal = clean(dose * Math.max(times.length, 1));
  if (!asNeeded && dailyTotal > max) {
    throw new DomainError(
      'dose_limit_exceeded',
      `The schedule gives ${dailyTotal} ${unit} a day, above the maximum of ${max} ${unit} per 24 hours.`,
      { limit: max, scheduledDailyTotal: dailyTotal, unit },
    );
  }

  let schedule: PlannedDose[] = [];
  if (!asNeeded && (dto.taper || dto.endDate !== undefined)) {
    // An invalid schedule throws TaperError (InvalidFields), which the problem filter answers as a 400.
    schedule = generateTaperSchedule({
      startDate: dto.startDate,
      ...(dto.endDate !== undefined ? { endDate: dto.endDate } : {}),
      timesOfDay: times,
      timeZone: zone,
      ...(dto.taper ? { taper: { ...dto.taper } } : { dose }),
    });
  }
  let findings: TaperFinding[] = [];
  if (!asNeeded && !dto.taper && dto.endDate !== undefined) findings = abruptStopFindings(drug, dto.endDate);
  if (dto.taper) {
    const step = drug.doseStep === null ? null : clean(resolved.fromDrugUnit(drug.doseStep));
    schedule = roundSchedule(schedule, step);
    // Rounding up to the dose step can lift a day that fitted as ordered above the maximum.
    const peak = peakRolling24h(schedule);
    if (peak > max) {
      throw new DomainError(
        'dose_limit_exceeded',
        `Rounded to ${drug.generic}'s dose step of ${step} ${unit}, the taper gives up to ${peak} ${unit} in 24 hours, ` +
          `above the maximum of ${max} ${unit}.`,
        { limit: max, scheduledDailyTotal: peak, unit },
      );
    }
    findings = taperFindings(schedule, {
      drug: drug.generic, unit, stops: dto.taper.floor === 0 || dto.endDate !== undefined,
      minTaperDays: drug.minTaperDays, maxDailyDropPercent: maxDailyTaperDropPercent,
    });
  }
  if (findings.length > 0 && dto.taperOverrideReason === undefined) {
    throw new DomainError(
      'unsafe_taper',
      `The ${dto.taper ? 'taper' : 'stop'} is not safe for ${drug.generic}: ${findings.map((f) => f.message).join(' ')} ` +
        'Give taperOverrideReason to order it anyway.',
      { findings },
    );
  }
  return { asNeeded, times, dose, max, defaultMax, schedule, taperFindings: findings };
}
