import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import type { Alert, AlertSeverity } from '../../platform/alerts/entities/alert.entity';
import { SettingsService } from '../../platform/settings/settings.service';
import type { DetoxAlert } from './alert-rules';
import type { DetoxAlertThresholds } from './alert-thresholds';
import { ALERT_RULES, effectiveThresholds } from '../detox-settings';

export const DETOX_ALERT_SOURCE = 'detox';

export interface DetoxAlertInput {
  patientId: string;
  rule: string;
  severity: AlertSeverity;
  message: string;
  /** The record that fired the rule (vital signs, assessment, scheduled dose, administration). */
  readingId: string;
  reading: Record<string, unknown>;
  /** Raise once per key; defaults to one alert per reading and rule. */
  dedupeKey?: string;
}

/**
 * Raises the detox module's alerts through the shared alert model. An
 * emergency goes to the whole care team, anything else to clinicians. Each
 * alert names the reading (readingId) and carries its values, never a name.
 */
@Injectable()
export class DetoxAlertsService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly settings: SettingsService,
  ) {}

  async thresholds(manager: EntityManager): Promise<DetoxAlertThresholds> {
    return effectiveThresholds(await this.settings.get(ALERT_RULES, manager));
  }

  /** Raises one alert unless its dedupe key was raised before; returns it, or null. */
  raise(manager: EntityManager, input: DetoxAlertInput): Promise<Alert | null> {
    return this.alerts.raise(manager, {
      patientId: input.patientId,
      source: DETOX_ALERT_SOURCE,
      rule: input.rule,
      severity: input.severity,
      audience: input.severity === 'emergency' ? 'care_team' : 'clinician',
      message: input.message,
      reading: input.reading,
      readingId: input.readingId,
      dedupeKey: input.dedupeKey ?? `detox:${input.rule}:${input.readingId}`,
    });
  }

  /** Raises each rule a reading fired (alert-rules.ts); returns the alerts raised. */
  async raiseForReading(
    manager: EntityManager,
    patientId: string,
    readingId: string,
    fired: readonly DetoxAlert[],
    reading: Record<string, unknown>,
  ): Promise<Alert[]> {
    const raised: Alert[] = [];
    for (const alert of fired) {
      const row = await this.raise(manager, {
        patientId, rule: alert.rule, severity: alert.severity, message: alert.message, readingId,
        reading: { ...reading, signs: alert.signs, ...(alert.missing ? { incomplete: true, missing: alert.missing } : {}) },
      });
      if (row) raised.push(row);
    }
    return raised;
  }
}
