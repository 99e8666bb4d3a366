import { DateTime } from 'luxon';
import { type FieldError, InvalidFields } from '../../common/field-error';
import { DomainError } from '../../common/problem/domain-error';
import { defaultMaxDosePer24h } from './default-max-doses';
import type { DoseUnit } from './dose-units';
import { generateTaperSchedule, type ScheduledDose, type TaperSteps } from './taper';

const MICRO = 1_000_000;

/** What a prescriber asks for (the fields of a new medication order that shape its schedule). */
export interface OrderRequest {
  drug: string;
  unit: DoseUnit;
  dose?: number;
  timesOfDay?: string[];
  asNeeded?: boolean;
  startDate: string;
  endDate?: string;
  maxDosePer24h?: number;
  taper?: TaperSteps;
}

/** A checked order: its dose, times, 24-hour maximum and dated doses (empty for as-needed or open-ended orders). */
export interface OrderPlan {
  asNeeded: boolean;
  times: string[];
  dose: number;
  max: number;
  schedule: ScheduledDose[];
}

function fieldErrors(request: OrderRequest, timeZone: string, asNeeded: boolean, times: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (asNeeded && times.length > 0) errors.push({ field: 'timesOfDay', message: 'must be omitted for an as-needed order' });
  if (!asNeeded && times.length === 0) {
    errors.push({ field: 'timesOfDay', message: 'must list at least one time unless asNeeded is true' });
  }
  times.forEach((t, i) => {
    if (times.indexOf(t) !== i) errors.push({ field: `timesOfDay[${i}]`, message: 'is listed twice' });
  });
  if (asNeeded && request.taper) errors.push({ field: 'taper', message: 'is only for scheduled orders' });
  if (!request.taper && request.dose === undefined) errors.push({ field: 'dose', message: 'is required without a taper' });
  if (request.taper && request.dose !== undefined && request.dose !== request.taper.startDose) {
    errors.push({ field: 'dose', message: 'must be omitted or equal taper.startDose' });
  }
  for (const field of ['startDate', 'endDate'] as const) {
    const value = request[field];
    if (value !== undefined && !DateTime.fromISO(value, { zone: timeZone }).isValid) {
      errors.push({ field, message: 'must be a real calendar date' });
    }
  }
  if (request.endDate !== undefined && request.endDate < request.startDate) {
    errors.push({ field: 'endDate', message: 'must not be before startDate' });
  }
  return errors;
}

/**
 * Validates an order and generates its schedule before anything is written:
 * InvalidFields (400) for inconsistent fields, `dose_limit_exceeded` (422) when
 * one dose or a scheduled day's total exceeds the 24-hour maximum (the order's
 * own, or the documented default in default-max-doses.ts).
 */
export function planOrder(request: OrderRequest, timeZone: string): OrderPlan {
  const asNeeded = request.asNeeded === true;
  const times = request.timesOfDay ?? [];
  const errors = fieldErrors(request, timeZone, asNeeded, times);
  const max = request.maxDosePer24h ?? defaultMaxDosePer24h(request.drug, request.unit);
  if (max === null) {
    errors.push({
      field: 'maxDosePer24h',
      message: `is required: there is no documented default for ${request.drug.trim()} in ${request.unit}`,
    });
  }
  if (errors.length > 0 || max === null) throw new InvalidFields(errors, 'Invalid medication order');

  const dose = request.dose ?? (request.taper as TaperSteps).startDose;
  const unit = request.unit;
  if (dose > max) {
    throw new DomainError('dose_limit_exceeded', `A single dose of ${dose} ${unit} is above the maximum of ${max} ${unit} per 24 hours.`, {
      limit: max, unit,
    });
  }
  const dailyTotal = Math.round(dose * MICRO * Math.max(times.length, 1)) / MICRO;
  if (!asNeeded && dailyTotal > max) {
    throw new DomainError(
      'dose_limit_exceeded',
      `The schedule gives ${dailyTotal} ${unit} a day, above the maximum of ${max} ${unit} per 24 hours.`,
      { limit: max, scheduledDailyTotal: dailyTotal, unit },
    );
  }
  // An invalid schedule throws TaperError (InvalidFields), answered as a 400.
  const schedule =
    !asNeeded && (request.taper || request.endDate !== undefined)
      ? generateTaperSchedule({
          startDate: request.startDate,
          ...(request.endDate !== undefined ? { endDate: request.endDate } : {}),
          timesOfDay: times,
          timeZone,
          ...(request.taper ? { taper: { ...request.taper } } : { dose }),
        })
      : [];
  return { asNeeded, times, dose, max, schedule };
}
