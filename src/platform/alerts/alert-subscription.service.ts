import { Injectable, Logger, MessageEvent, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { concatMap, filter, from, interval, map, merge, Observable, of, takeUntil, takeWhile, timer } from 'rxjs';
import type { AuthUser } from '../../common/auth/auth-user';
import { CallerCheck, type CallerEnd } from '../../common/auth/caller-check';
import { currentRequest, withinRequest } from '../../common/http/request-context';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { AlertStreamService } from './alert-stream.service';
import { AlertResponse } from './dto/alert.dto';
import type { Alert } from './entities/alert.entity';

export const HEARTBEAT_MS = 25_000;
/** The longest delay a timer takes (setTimeout fires at once past it); a later expiry is caught by a heartbeat. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why the server ended a stream: the caller's token no longer holds, or the caller could not be checked. */
export type StreamEnd = CallerEnd | 'unavailable';

type Due = { kind: 'alert'; alert: Alert } | { kind: 'heartbeat' } | { kind: 'expiry' } | { kind: 'caller-changed' };

const ended = (reason: StreamEnd): MessageEvent => ({ type: 'end', data: { reason } });

/**
 * One caller's alert stream. Before each event the caller is checked again as
 * the JWT strategy checks a request (token expiry, active account, token
 * epoch, role), and each alert against the caller's role and patients as
 * GET /alerts does, so an expired token, a deactivation, ended sessions or a
 * removal from the care team stops what an open stream sends; a stream whose
 * token no longer holds gets an `end` event naming why, and is closed. Each
 * alert sent is audited for its patient, under the request that opened the stream.
 * A change to the caller's account is checked as it happens (NOTIFY), without waiting for an event.
 * Both checks are answered from caches kept current by NOTIFY (no round trip per event).
 */
@Injectable()
export class AlertSubscriptions implements OnModuleInit {
  private readonly logger = new Logger(AlertSubscriptions.name);
  private callers!: CallerCheck;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly hub: AlertStreamService,
    private readonly access: PatientAccessService,
  ) {}

  /** Identity provides the check (this layer cannot import it); resolved at start so a missing one fails the boot. */
  onModuleInit(): void {
    this.callers = this.moduleRef.get(CallerCheck, { strict: false });
  }

  open(caller: AuthUser): Observable<MessageEvent> {
    const request = currentRequest();
    const untilExpiry = caller.token ? Math.min(Math.max(caller.token.expiresAt - Date.now(), 0), MAX_TIMER_MS) : 0;
    const due: Observable<Due> = merge(
      this.hub.raised.pipe(map((alert): Due => ({ kind: 'alert', alert }))),
      interval(HEARTBEAT_MS).pipe(map((): Due => ({ kind: 'heartbeat' }))),
      (caller.token ? timer(untilExpiry) : of(0)).pipe(map((): Due => ({ kind: 'expiry' }))),
      // A deactivation, role change or ended sessions ends the stream at once, not at the next heartbeat.
      this.callers.changes(caller.id).pipe(map((): Due => ({ kind: 'caller-changed' }))),
    );
    return due.pipe(
      // One at a time, in order: an alert is never sent after the event that ended the stream.
      concatMap((item) => from(withinRequest(request, () => this.eventFor(caller, item)))),
      takeWhile((event) => event?.type !== 'end', true),
      filter((event): event is MessageEvent => event !== null),
      takeUntil(this.hub.closing),
    );
  }

  private async eventFor(caller: AuthUser, item: Due): Promise<MessageEvent | null> {
    try {
      const now = await this.callers.now(caller);
      if (!now.holds) return ended(now.reason);
      if (item.kind === 'heartbeat') return { type: 'heartbeat', data: {} };
      return item.kind === 'alert' ? await this.deliver(now.caller, item.alert) : null;
    } catch (error) {
      // Unchecked is unsent: end, so the client reconnects and lists what it missed. The code only: no values in logs.
      this.logger.warn(`alert stream ended: the caller or patient could not be checked (${errorCode(error)})`);
      return ended('unavailable');
    }
  }

  /** The alert event, audited for its patient, or null when the alert is not the caller's now. */
  private async deliver(caller: AuthUser, alert: Alert): Promise<MessageEvent | null> {
    // Alerts meant for another role are not the caller's, as in GET /alerts.
    if (alert.audience !== 'care_team' && alert.audience !== caller.role) return null;
    const access = await this.access.cachedAccess(caller, alert.patientId, 'alerts.read');
    if (!access) return null;
    await this.access.record(access, 'alert.stream-deliver', 'alert', alert.id, undefined, {
      rule: alert.rule, severity: alert.severity,
    });
    return { type: 'alert', id: alert.id, data: AlertResponse.of(alert, caller.role) };
  }
}

function errorCode(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : 'unknown';
}
