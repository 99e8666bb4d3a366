import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import { type Analyte, isRepeatedLapse, type RecoveryStatus, REPEATED_LAPSE_WINDOW_DAYS } from '../check-in-rules';

export interface CheckInFacts {
  checkInId: string;
  patientId: string;
  status: RecoveryStatus;
  /** Program-zone date of the check-in. */
  date: string;
  /** Program-zone dates of the patient's earlier lapse check-ins. */
  earlierLapseDates: string[];
  unexpectedPositives: Analyte[];
}

/**
 * Alerts from a check-in (DOMAIN.md: a reported relapse or an unexpected positive screen is an
 * alert): relapse and unexpected positives to the care team, two lapses within 30 days to the
 * case manager. One alert per rule per check-in (dedupe key).
 */
@Injectable()
export class CheckInAlertsService {
  constructor(private readonly alerts: AlertsService) {}

  /** Returns the rules that fired. */
  async raise(manager: EntityManager, facts: CheckInFacts): Promise<string[]> {
    const fired: string[] = [];
    const raise = async (rule: string, severity: 'warning' | 'urgent', audience: 'care_team' | 'case_manager', message: string) => {
      await this.alerts.raise(manager, {
        patientId: facts.patientId, source: 'aftercare', rule, severity, audience, message,
        // A lapse pattern is the case manager's to follow up (engagement); relapse and screens are clinical.
        category: audience === 'case_manager' ? 'engagement' : 'clinical',
        readingId: facts.checkInId, reading: { kind: 'check_in', status: facts.status },
        dedupeKey: `aftercare:${rule}:${facts.checkInId}`,
      });
      fired.push(rule);
    };
    if (facts.status === 'relapse') await raise('relapse_reported', 'urgent', 'care_team', 'Relapse reported at an aftercare check-in');
    if (facts.unexpectedPositives.length > 0) {
      await raise('unexpected_positive_screen', 'urgent', 'care_team',
        `Unexpected positive drug screen: ${facts.unexpectedPositives.join(', ')}`);
    }
    if (isRepeatedLapse(facts.status, facts.date, facts.earlierLapseDates)) {
      await raise('repeated_lapse', 'warning', 'case_manager',
        `Second lapse reported within ${REPEATED_LAPSE_WINDOW_DAYS} days`);
    }
    return fired;
  }
}
