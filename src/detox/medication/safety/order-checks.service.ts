import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Alert } from '../../../platform/alerts/entities/alert.entity';
import { DomainError, ValidationFailed } from '../../../common/problem/domain-error';
import { SettingsService } from '../../../platform/settings/settings.service';
import { DetoxAlertsService } from '../../alerting/detox-alerts.service';
import { convertDose, convertMeasure, type DoseMeasure, type DoseUnit } from '../dose-units';
import { type DrugProduct, DrugsService } from '../drugs/drugs.service';
import { concentrations, describeStrength, hasStrength, parseStrength, type Strength } from '../drugs/strengths';
import { routesForForms } from '../drugs/form-routes';
import type { Route } from '../entities/medication-order.entity';
import type { Drug } from '../drugs/entities/drug.entity';
import { ageInYears } from '../../../common/age';
import { contraindicationFindings, type Finding, type RenalMeasure } from './contraindications';
import { MEDICATION_SAFETY } from './medication-safety-settings';
import { replacementDropFindings, type TaperFinding } from './taper-safety';
import type { ResolvedDrug } from '../order-plan';

/**
 * A dose in mL counts through the liquid's concentration, so it must be one the
 * product is made in (and the one its name gives, "Ozobax 5 mg/5 mL"): a
 * 5 mg/mL suspension ordered as 1 mg/mL would let five times the labelled
 * maximum through the rolling limit. A product with no liquid strength is not
 * ordered in mL.
 */
const LIQUID_FORM = /solution|suspension|syrup|elixir|liquid|concentrate|inject/;

function assertLiquidConcentration(product: DrugProduct, named: Strength | null, conc: number | undefined): void {
  const made = product.forms.some((f) => LIQUID_FORM.test(f)) ? concentrations(product.strengths) : [];
  if (made.length === 0) {
    throw new ValidationFailed([{ field: 'unit', message: `cannot be mL: ${product.name} has no liquid form with a strength in the drug table` }]);
  }
  if (conc === undefined) {
    throw new ValidationFailed([
      { field: 'concentrationMgPerMl', message: 'is required for doses in mL (the liquid form\'s mg per mL)' },
    ]);
  }
  const allowed = named?.kind === 'concentration' ? [named.mgPerMl] : made;
  if (!allowed.includes(conc)) {
    throw new ValidationFailed([{
      field: 'concentrationMgPerMl',
      message: `must be the concentration ${product.name} is made in: ${allowed.map((c) => `${c} mg/mL`).join(', ')}`,
    }]);
  }
}

/**
 * The checks a medication order passes before it is written: the drug comes
 * from the table, the product's forms can be given by the route, a strength it
 * names is one the product has, its unit converts to the drug's counting unit
 * (mL through a concentration the product is made in), the patient is
 * in treatment with a confirmed diagnosis, and the contraindications the
 * record holds are found (contraindications.ts).
 */
@Injectable()
export class OrderChecksService {
  constructor(
    private readonly settings: SettingsService,
    private readonly detoxAlerts: DetoxAlertsService,
  ) {}

  async resolveDrug(
    manager: EntityManager,
    order: { drug: string; unit: DoseUnit; route: Route; concentrationMgPerMl?: number | undefined },
  ): Promise<ResolvedDrug<Drug>> {
    const product = await DrugsService.resolve(manager, order.drug);
    if (!product) {
      throw new ValidationFailed([
        { field: 'drug', message: 'is not in the drug table (GET /api/v1/drugs lists it; an admin can add a drug)' },
      ]);
    }
    const { drug } = product;
    const routes = routesForForms(product.forms);
    if (routes && !routes.has(order.route)) {
      throw new ValidationFailed([{
        field: 'route',
        message: `must be a route ${product.name}'s forms (${product.forms.join(', ')}) can be given by: ${[...routes].join(', ')}`,
      }]);
    }
    const named = parseStrength(order.drug);
    if (named && product.strengths.length > 0 && !hasStrength(product.strengths, named)) {
      throw new ValidationFailed([{
        field: 'drug',
        message: `names a strength (${describeStrength(named)}) ${product.name} is not made in: ${product.strengths.join(', ')}`,
      }]);
    }
    const conc = order.concentrationMgPerMl;
    if (order.unit !== 'mL' && conc !== undefined) {
      throw new ValidationFailed([{ field: 'concentrationMgPerMl', message: 'is only for doses in mL' }]);
    }
    if (order.unit === 'mL') {
      assertLiquidConcentration(product, named, conc);
      const mgToDrug = convertDose(1, 'mg', drug.unit) as number;
      return { drug, fromDrugUnit: (x) => x / ((conc as number) * mgToDrug) };
    }
    if (convertDose(1, order.unit, drug.unit) === null) {
      throw new ValidationFailed([{ field: 'unit', message: `must convert to ${drug.generic}'s unit (${drug.unit})` }]);
    }
    return { drug, fromDrugUnit: (x) => convertDose(x, drug.unit, order.unit) as number };
  }

  /**
   * Orders are for patients in treatment: the detox or outpatient phase with a
   * current confirmed diagnosis, the latest confirmed one for its substance
   * (the article: treatment begins only once a confirmed diagnosis is recorded).
   */
  async assertInTreatment(manager: EntityManager, patientId: string): Promise<void> {
    const [row] = (await manager.query(
      `SELECT p.phase, EXISTS (SELECT 1 FROM patient_current_diagnoses d WHERE d.patient_id = p.id
                               AND d.severity <> 'none') AS diagnosed
       FROM patients p WHERE p.id = $1`,
      [patientId],
    )) as { phase: string; diagnosed: boolean }[];
    const missing: string[] = [];
    if (row?.phase !== 'detox' && row?.phase !== 'outpatient') missing.push(`the patient is in ${row?.phase ?? 'no'} phase, not detox or outpatient`);
    if (!row?.diagnosed) missing.push('no confirmed diagnosis of at least mild severity is recorded');
    if (missing.length > 0) {
      throw new DomainError('gate_not_met', `Medication cannot be ordered: ${missing.join('; and ')}.`, {
        phase: row?.phase ?? null,
      });
    }
  }

  async contraindications(manager: EntityManager, patientId: string, drug: Drug, startDate: string): Promise<Finding[]> {
    const { renalImpairmentBelow } = await this.settings.get(MEDICATION_SAFETY, manager);
    const [facts] = (await manager.query(
      `SELECT p.date_of_birth::text AS dob,
         (SELECT present FROM patient_clinical_statuses s WHERE s.patient_id = p.id AND s.kind = 'pregnancy'
          ORDER BY observed_at DESC, recorded_at DESC LIMIT 1) AS pregnant,
         (SELECT present FROM patient_clinical_statuses s WHERE s.patient_id = p.id AND s.kind = 'breastfeeding'
          ORDER BY observed_at DESC, recorded_at DESC LIMIT 1) AS breastfeeding,
         (SELECT json_build_object('kind', kind, 'value', value) FROM patient_clinical_statuses s
          WHERE s.patient_id = p.id AND s.kind IN ('egfr', 'creatinine_clearance')
          ORDER BY observed_at DESC, recorded_at DESC LIMIT 1) AS renal,
         ARRAY(SELECT DISTINCT d.generic FROM medication_orders o JOIN drugs d ON d.id = o.drug_id
               WHERE o.patient_id = p.id AND o.status = 'active' AND d.cns_depressant_class IS NOT NULL
                 AND d.id <> $2 AND (o.end_date IS NULL OR o.end_date >= $3::date) ORDER BY d.generic) AS others,
         EXISTS (SELECT 1 FROM diagnoses g WHERE g.patient_id = p.id AND g.substance = 'alcohol'
                 AND g.severity <> 'none') AS aud,
         EXISTS (SELECT 1 FROM alerts a WHERE a.patient_id = p.id AND a.status = 'open'
                 AND a.rule LIKE '%overdose%') AS overdose
       FROM patients p WHERE p.id = $1`,
      [patientId, drug.id, startDate],
    )) as {
      dob: string; pregnant: boolean | null; breastfeeding: boolean | null; renal: { kind: RenalMeasure['kind']; value: string } | null;
      others: string[]; aud: boolean; overdose: boolean;
    }[];
    if (!facts) return [];
    return contraindicationFindings({
      drug: drug.generic, cnsDepressant: drug.cnsDepressantClass !== null, ageYears: ageInYears(facts.dob, startDate),
      pregnant: facts.pregnant === true, breastfeeding: facts.breastfeeding === true,
      renal: facts.renal ? { kind: facts.renal.kind, value: Number(facts.renal.value) } : null, renalImpairmentBelow,
      otherCnsDepressants: facts.others, alcoholUseDisorder: facts.aud, openOverdoseAlert: facts.overdose,
    });
  }

  /**
   * Discontinuing a scheduled order of a drug whose abrupt stop is dangerous
   * (baclofen, benzodiazepines) before its schedule has run out stops it at
   * once: the stop is never refused (toxicity may be the reason), but the care
   * team's clinicians get an urgent alert to arrange a taper. A replacement
   * order of the same drug carries the treatment on, so it raises none.
   */
  async alertAbruptStop(
    manager: EntityManager,
    stopped: { id: string; patientId: string },
    replacementDrugId: string | null,
  ): Promise<Alert[]> {
    const [order] = (await manager.query(
      `SELECT o.drug FROM medication_orders o JOIN drugs d ON d.id = o.drug_id
       WHERE o.id = $1 AND d.abrupt_stop_dangerous AND o.schedule_type = 'scheduled'
         AND o.drug_id IS DISTINCT FROM $2::uuid
         AND (o.end_date IS NULL OR EXISTS (SELECT 1 FROM medication_scheduled_doses s
                                             WHERE s.order_id = o.id AND s.scheduled_at > now() AND s.dose > 0))`,
      [stopped.id, replacementDrugId],
    )) as { drug: string }[];
    if (!order) return [];
    const alert = await this.detoxAlerts.raise(manager, {
      patientId: stopped.patientId, rule: 'dangerous_drug_stopped', severity: 'urgent', readingId: stopped.id,
      message: `${order.drug} was discontinued before its schedule ended, and stopping ${order.drug} abruptly is ` +
        'dangerous (withdrawal): arrange a taper or continued prescribing.',
      reading: { kind: 'medication_order', orderId: stopped.id, drug: order.drug },
    });
    return alert ? [alert] : [];
  }

  /**
   * A scheduled order of a drug dangerous to stop abruptly, replaced by an
   * order of the same drug that gives much less a day from its first day
   * (replacement-drop rule, taper-safety.ts). The replaced order's day is what
   * its schedule gives on the current day (a taper), else dose × times a day.
   */
  async replacementDrop(
    manager: EntityManager,
    replacedOrderId: string,
    drug: Drug,
    replacement: { dailyTotal: number; measure: DoseMeasure },
  ): Promise<TaperFinding[]> {
    if (!drug.abruptStopDangerous) return [];
    const [replaced] = (await manager.query(
      `SELECT o.unit, o.concentration_mg_per_ml AS conc,
         COALESCE(
           (SELECT sum(s.dose) FROM medication_scheduled_doses s WHERE s.order_id = o.id AND s.day_number = COALESCE(
              (SELECT c.day_number FROM medication_scheduled_doses c WHERE c.order_id = o.id AND c.scheduled_at <= now()
               ORDER BY c.scheduled_at DESC LIMIT 1),
              (SELECT min(c.day_number) FROM medication_scheduled_doses c WHERE c.order_id = o.id))),
           o.dose * greatest(cardinality(o.times_of_day), 1)) AS daily
       FROM medication_orders o
       WHERE o.id = $1 AND o.drug_id = $2 AND o.schedule_type = 'scheduled'`,
      [replacedOrderId, drug.id],
    )) as { unit: DoseUnit; conc: string | null; daily: string }[];
    if (!replaced) return [];
    const drugMeasure: DoseMeasure = { unit: drug.unit, concentrationMgPerMl: null };
    const before = convertMeasure(
      Number(replaced.daily), { unit: replaced.unit, concentrationMgPerMl: replaced.conc === null ? null : Number(replaced.conc) }, drugMeasure,
    );
    const after = convertMeasure(replacement.dailyTotal, replacement.measure, drugMeasure);
    if (before === null || after === null) return [];
    const { maxDailyTaperDropPercent } = await this.settings.get(MEDICATION_SAFETY, manager);
    return replacementDropFindings(drug, before, after, maxDailyTaperDropPercent);
  }

  /** One urgent alert to the care team's clinicians per safety rule an order overrode. */
  async alertOverrides(
    manager: EntityManager,
    order: { id: string; patientId: string; drug: string },
    overrides: { rule: string; message: string; reading: Record<string, unknown> }[],
  ): Promise<Alert[]> {
    const raised: Alert[] = [];
    for (const o of overrides) {
      const alert = await this.detoxAlerts.raise(manager, {
        patientId: order.patientId, rule: o.rule, severity: 'urgent', readingId: order.id, message: o.message,
        reading: { kind: 'medication_order', orderId: order.id, drug: order.drug, ...o.reading },
      });
      if (alert) raised.push(alert);
    }
    return raised;
  }
}
