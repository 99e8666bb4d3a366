import { DateTime } from 'luxon';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import {
  administration, alert, detoxEpisode, insertPatient, medicationOrder, nyc, phaseChange, scheduledDose, screening, session,
  smallCellThreshold, withdrawalScore, ZONE,
} from './support/report-fixtures';

/**
 * Each report over a small hand-built data set in its own period (New York
 * time); the expected figures are worked out by hand in the comments.
 * The small-cell threshold is 1 so every figure is shown.
 */
describe('reports: figures', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  const patient = () => insertPatient(t).then((p) => p.id);
  const rows = async (path: string) => (await t.as(admin).get(`/api/v1/reports/${path}`).expect(200)).body.rows;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician', { displayName: 'Dr Ames' });
    await smallCellThreshold(t, admin, 1);
  });
  afterAll(() => t.close());

  it('admissions-discharges: registrations in the period and discharges by reason', async () => {
    const [a1, a2, a3, a4, a5, a6] = [await patient(), await patient(), await patient(), await patient(), await patient(), await patient()];
    await phaseChange(t, a1, null, 'screening', '2025-05-02T10:00'); // admitted
    await phaseChange(t, a2, null, 'screening', '2025-05-31T23:00'); // admitted (last local evening)
    await phaseChange(t, a3, null, 'screening', '2025-04-30T23:59'); // before the period
    await phaseChange(t, a3, 'screening', 'discharged', '2025-05-10T10:00', 'completed');
    await phaseChange(t, a4, null, 'screening', '2025-06-01T00:01'); // after the period
    await phaseChange(t, a5, null, 'screening', '2025-04-01T10:00');
    await phaseChange(t, a5, 'screening', 'discharged', '2025-05-15T10:00', 'left_against_advice');
    await phaseChange(t, a6, null, 'screening', '2025-04-01T10:00');
    await phaseChange(t, a6, 'screening', 'discharged', '2025-05-20T10:00', 'completed');
    expect(await rows('admissions-discharges?from=2025-05-01&to=2025-05-31')).toEqual([
      { event: 'admission', discharge_reason: null, patients: 2 },
      { event: 'discharge', discharge_reason: 'completed', patients: 2 },
      { event: 'discharge', discharge_reason: 'left_against_advice', patients: 1 },
      { event: 'discharge', discharge_reason: 'administrative', patients: 0 },
      { event: 'discharge', discharge_reason: 'transferred', patients: 0 },
      { event: 'discharge', discharge_reason: 'deceased', patients: 0 },
    ]);
  });

  it('screening-outcomes: screenings and patients by instrument and band', async () => {
    const [p1, p2, p3] = [await patient(), await patient(), await patient()];
    await screening(t, clinician, p1, 'AUDIT-C', 5, 'positive', '2025-06-02T10:00');
    await screening(t, clinician, p2, 'AUDIT-C', 4, 'positive', '2025-06-03T10:00');
    await screening(t, clinician, p1, 'AUDIT-C', 1, 'negative', '2025-06-20T10:00');
    await screening(t, clinician, p3, 'DAST-10', 2, 'low', '2025-06-30T23:00');
    await screening(t, clinician, p3, 'AUDIT-C', 6, 'positive', '2025-07-01T00:30'); // after the period
    expect(await rows('screening-outcomes?from=2025-06-01&to=2025-06-30')).toEqual([
      { instrument: 'AUDIT-C', band: 'negative', screenings: 1, patients: 1 },
      { instrument: 'AUDIT-C', band: 'positive', screenings: 2, patients: 2 },
      { instrument: 'DAST-10', band: 'low', screenings: 1, patients: 1 },
    ]);
  });

  it('detox-outcomes: episodes ended, completion rate, median and 90th-percentile length', async () => {
    const ps = [await patient(), await patient(), await patient(), await patient(), await patient(), await patient()];
    await detoxEpisode(t, clinician, ps[0] as string, '2025-07-01T08:00', { local: '2025-07-04T08:00', outcome: 'completed' }); // 3 d
    await detoxEpisode(t, clinician, ps[1] as string, '2025-06-28T08:00', { local: '2025-07-03T20:00', outcome: 'completed' }); // 5.5 d
    await detoxEpisode(t, clinician, ps[2] as string, '2025-07-10T08:00', { local: '2025-07-11T08:00', outcome: 'left_against_advice' }); // 1 d
    await detoxEpisode(t, clinician, ps[3] as string, '2025-07-20T08:00', { local: '2025-07-28T08:00', outcome: 'transferred_higher_level' }); // 8 d
    await detoxEpisode(t, clinician, ps[4] as string, '2025-07-29T08:00', { local: '2025-08-01T08:00', outcome: 'completed' }); // ends after
    await detoxEpisode(t, clinician, ps[5] as string, '2025-07-15T08:00'); // still open
    // Lengths 1, 3, 5.5, 8: median (3 + 5.5) / 2 = 4.25 -> 4.3; p90 at rank 2.7: 5.5 + 0.7 * 2.5 = 7.25 -> 7.3.
    expect(await rows('detox-outcomes?from=2025-07-01&to=2025-07-31')).toEqual([{
      episodes_ended: 4, completed: 2, transferred_higher_level: 1, left_against_advice: 1, other: 0,
      completion_rate: 0.5, median_length_days: 4.3, p90_length_days: 7.3,
    }]);
  });

  it('withdrawal-severity: CIWA-Ar and COWS assessments per local day and band', async () => {
    const [p1, p2] = [await patient(), await patient()];
    const e1 = await detoxEpisode(t, clinician, p1, '2025-08-01T08:00');
    const e2 = await detoxEpisode(t, clinician, p2, '2025-08-01T08:00');
    await withdrawalScore(t, clinician, p1, e1, '2025-08-01T09:00', 'CIWA-Ar', 12, 'moderate');
    await withdrawalScore(t, clinician, p1, e1, '2025-08-01T21:00', 'CIWA-Ar', 5, 'minimal');
    await withdrawalScore(t, clinician, p2, e2, '2025-08-01T23:30', 'CIWA-Ar', 8, 'minimal'); // 2 Aug in UTC, 1 Aug locally
    await withdrawalScore(t, clinician, p2, e2, '2025-08-02T10:00', 'COWS', 14, 'moderate');
    expect(await rows('withdrawal-severity?from=2025-08-01&to=2025-08-02')).toEqual([
      { date: '2025-08-01', scale: 'CIWA-Ar', band: 'minimal', assessments: 2, patients: 2 },
      { date: '2025-08-01', scale: 'CIWA-Ar', band: 'moderate', assessments: 1, patients: 1 },
      { date: '2025-08-02', scale: 'COWS', band: 'moderate', assessments: 1, patients: 1 },
    ]);
  });

  it('session-attendance and the sessions export: outcomes and rates by kind and by clinician', async () => {
    const baker = await t.createUser('clinician', { displayName: 'Dr Baker' });
    const [p1, p2, p3, p4] = [await patient(), await patient(), await patient(), await patient()];
    await session(t, { kind: 'individual', startLocal: '2025-09-01T10:00', minutes: 60, clinician, patients: [{ id: p1, status: 'attended' }] });
    await session(t, {
      kind: 'group', startLocal: '2025-09-02T10:00', minutes: 60, clinician,
      patients: [{ id: p1, status: 'late', minutesAttended: 30 }, { id: p2, status: 'no_show' },
        { id: p3, status: 'left_early', minutesAttended: 20 }, { id: p4 }],
    });
    await session(t, { kind: 'group', startLocal: '2025-09-03T10:00', minutes: 60, clinician: baker, cancelled: true, patients: [{ id: p1 }, { id: p2 }] });
    await session(t, { kind: 'individual', startLocal: '2025-09-04T10:00', minutes: 60, clinician: baker, patients: [{ id: p3, status: 'cancelled' }] });
    // group: 6 bookings (4 + 2 of the cancelled session); individual: 2; Dr Ames 5; Dr Baker 3 (all cancelled).
    expect(await rows('session-attendance?from=2025-09-01&to=2025-09-07')).toEqual([
      { dimension: 'kind', group: 'group', bookings: 6, attended: 0, late: 1, left_early: 1, no_show: 1, cancelled: 2, not_recorded: 1,
        attended_rate: 0, late_rate: 0.1667, left_early_rate: 0.1667, no_show_rate: 0.1667, cancelled_rate: 0.3333 },
      { dimension: 'kind', group: 'individual', bookings: 2, attended: 1, late: 0, left_early: 0, no_show: 0, cancelled: 1, not_recorded: 0,
        attended_rate: 0.5, late_rate: 0, left_early_rate: 0, no_show_rate: 0, cancelled_rate: 0.5 },
      { dimension: 'clinician', group: 'Dr Ames', bookings: 5, attended: 1, late: 1, left_early: 1, no_show: 1, cancelled: 0, not_recorded: 1,
        attended_rate: 0.2, late_rate: 0.2, left_early_rate: 0.2, no_show_rate: 0.2, cancelled_rate: 0 },
      { dimension: 'clinician', group: 'Dr Baker', bookings: 3, attended: 0, late: 0, left_early: 0, no_show: 0, cancelled: 3, not_recorded: 0,
        attended_rate: 0, late_rate: 0, left_early_rate: 0, no_show_rate: 0, cancelled_rate: 1 },
    ]);
    const exported = await rows('sessions?from=2025-09-03&to=2025-09-04');
    // No instant: the year of the patient's first booking in the export, the days since it, the hour, the length.
    const relative = { first_year: 2025, day: 0, hour: 10, scheduled_minutes: 60 };
    expect(exported.map(({ patient_key: _key, ...rest }: Record<string, unknown>) => rest)).toEqual([
      { age_band: '45-54', ...relative, kind: 'group', session_status: 'cancelled', cancelled_by: 'patient', attendance_status: null,
        minutes_attended: null },
      { age_band: '45-54', ...relative, kind: 'group', session_status: 'cancelled', cancelled_by: 'patient', attendance_status: null,
        minutes_attended: null },
      { age_band: '45-54', ...relative, kind: 'individual', session_status: 'scheduled', cancelled_by: null,
        attendance_status: 'cancelled', minutes_attended: null },
    ]);
    // Over the week each patient's days count from their own first booking: p1 from 09-01, p2, p3 and p4 from 09-02.
    const week = await rows('sessions?from=2025-09-01&to=2025-09-07');
    const daysByPatient = new Map<string, number[]>();
    for (const row of week as { patient_key: string; day: number }[]) {
      daysByPatient.set(row.patient_key, [...(daysByPatient.get(row.patient_key) ?? []), row.day]);
    }
    expect([...daysByPatient.values()].map((days) => days.join(',')).sort()).toEqual(['0', '0,1', '0,1,2', '0,2']);
    expect(JSON.stringify(week)).not.toMatch(/2025-09|T10:00/);
  });

  /** An ASAM level-of-care assessment recorded at a New York local time. */
  const levelOfCare = (patientId: string, level: '1' | '2.1', local: string) => t.db.query(
    `INSERT INTO level_of_care_assessments (patient_id, d1_intoxication_withdrawal, d2_biomedical, d3_emotional_behavioral,
       d4_readiness_to_change, d5_relapse_potential, d6_recovery_environment, recommended_level, outcome, recorded_by, recorded_at)
     VALUES ($1, 1, 1, 1, 1, 1, 1, $2, 'accepted', $3, $4)`, [patientId, level, clinician.id, nyc(local)]);
  const outpatientSince = async (patientId: string, local: string) => {
    await phaseChange(t, patientId, null, 'screening', '2025-09-01T09:00');
    await phaseChange(t, patientId, 'screening', 'outpatient', local);
  };

  it('iop-compliance: patient-weeks meeting 9 attended hours', async () => {
    const [p1, p2, standard] = [await patient(), await patient(), await patient()];
    for (const p of [p1, p2, standard]) await outpatientSince(p, '2025-10-01T10:00');
    await levelOfCare(p1, '2.1', '2025-09-20T10:00');
    await levelOfCare(p2, '2.1', '2025-09-20T10:00');
    // Standard outpatient (ASAM 1) with 2 attended hours: not an IOP patient, never measured against 9 hours.
    await levelOfCare(standard, '1', '2025-09-20T10:00');
    await session(t, { kind: 'individual', startLocal: '2025-10-07T09:00', minutes: 120, clinician, patients: [{ id: standard, status: 'attended' }] });
    const both = (p1Status: object, p2Status: object) => [{ id: p1, ...p1Status }, { id: p2, ...p2Status }];
    // Week of 6 Oct: p1 3 + 3 + 3 = 9 h (met); p2 3 + 3 + 2 = 8 h (not met).
    await session(t, { kind: 'group', startLocal: '2025-10-06T09:00', minutes: 180, clinician, patients: both({ status: 'attended' }, { status: 'attended' }) });
    await session(t, { kind: 'group', startLocal: '2025-10-08T09:00', minutes: 180, clinician, patients: both({ status: 'attended' }, { status: 'attended' }) });
    await session(t, {
      kind: 'group', startLocal: '2025-10-10T09:00', minutes: 180, clinician,
      patients: both({ status: 'attended' }, { status: 'late', minutesAttended: 120 }),
    });
    // Week of 13 Oct: p1 no-show (0 h); a cancelled session does not count.
    await session(t, { kind: 'group', startLocal: '2025-10-13T09:00', minutes: 180, clinician, patients: [{ id: p1, status: 'no_show' }] });
    await session(t, { kind: 'group', startLocal: '2025-10-14T09:00', minutes: 180, clinician, cancelled: true, patients: [{ id: p1 }, { id: p2 }] });
    // Week of 13 Oct: both are IOP patients all week; p2 had no session at all and did not meet the target either.
    expect(await rows('iop-compliance?from=2025-10-06&to=2025-10-19')).toEqual([
      { week_start: '2025-10-06', patient_weeks: 2, met_target: 1, met_target_rate: 0.5 },
      { week_start: '2025-10-13', patient_weeks: 2, met_target: 0, met_target_rate: 0 },
    ]);
    // A period of part of a week measures the whole week: Wednesday alone still sees p1's Monday and Friday.
    expect(await rows('iop-compliance?from=2025-10-08&to=2025-10-08')).toEqual([
      { week_start: '2025-10-06', patient_weeks: 2, met_target: 1, met_target_rate: 0.5 },
    ]);
    // A week before the outpatient phase began (29 Sep: p1 and p2 entered it on 1 Oct) measures no one.
    expect(await rows('iop-compliance?from=2025-09-29&to=2025-10-05')).toEqual([
      { week_start: '2025-09-29', patient_weeks: 0, met_target: 0, met_target_rate: null },
    ]);
  });

  it('iop-compliance: the current week and weeks to come are left out until they end', async () => {
    const local = DateTime.now().setZone(ZONE);
    const lastMonday = local.startOf('week').minus({ weeks: 1 }).toISODate() as string;
    const inTwoWeeks = local.plus({ weeks: 2 }).toISODate() as string;
    const weeks = (await rows(`iop-compliance?from=${lastMonday}&to=${inTwoWeeks}`)).map((r: { week_start: string }) => r.week_start);
    expect(weeks).toEqual([lastMonday]);
  });

  it('session-attendance: two clinicians who share a name are two rows; sessions still to come are left out', async () => {
    const first = await t.createUser('clinician', { displayName: 'Dr Same' });
    const second = await t.createUser('clinician', { displayName: 'Dr Same' });
    const [p1, p2] = [await patient(), await patient()];
    await session(t, { startLocal: '2025-09-09T10:00', minutes: 60, clinician: first, patients: [{ id: p1, status: 'attended' }, { id: p2, status: 'no_show' }] });
    await session(t, { startLocal: '2025-09-10T10:00', minutes: 60, clinician: second, patients: [{ id: p1, status: 'attended' }] });
    const clinicianRows = (await rows('session-attendance?from=2025-09-08&to=2025-09-14'))
      .filter((r: { dimension: string }) => r.dimension === 'clinician')
      .map((r: { group: string; bookings: number; no_show: number }) => [r.group, r.bookings, r.no_show]);
    expect(clinicianRows.sort()).toEqual([
      [`Dr Same (${first.id.slice(0, 8)})`, 2, 1], [`Dr Same (${second.id.slice(0, 8)})`, 1, 0],
    ].sort());

    // Held: yesterday's session (no attendance yet); to come: one in two days, left out of counts and rates.
    const local = DateTime.now().setZone(ZONE);
    const day = (days: number) => local.plus({ days }).toISODate() as string;
    await session(t, { kind: 'family', startLocal: `${day(-1)}T10:00`, minutes: 60, clinician, patients: [{ id: p1, status: 'attended' }, { id: p2 }] });
    await session(t, { kind: 'family', startLocal: `${day(2)}T10:00`, minutes: 60, clinician, patients: [{ id: p1 }, { id: p2 }] });
    const [family] = (await rows(`session-attendance?from=${day(-1)}&to=${day(3)}`))
      .filter((r: { dimension: string; group: string }) => r.dimension === 'kind' && r.group === 'family');
    expect(family).toMatchObject({ bookings: 2, attended: 1, not_recorded: 1, attended_rate: 0.5 });
    expect(await t.count('session_patients sp JOIN sessions s ON s.id = sp.session_id', `s.kind = 'family'`)).toBe(4);
  });

  it('alert-response: count, acknowledged, median and 90th-percentile minutes, escalations by rule and severity', async () => {
    const p = await patient();
    await alert(t, p, 'news2_high', 'urgent', '2025-11-01T08:00', 4);
    await alert(t, p, 'news2_high', 'urgent', '2025-11-01T09:00', 10);
    await alert(t, p, 'news2_high', 'urgent', '2025-11-01T10:00', 30);
    await alert(t, p, 'news2_high', 'urgent', '2025-11-02T10:00');
    await alert(t, p, 'ciwa_severe', 'emergency', '2025-11-02T11:00', 2);
    await alert(t, p, 'ciwa_severe', 'emergency', '2025-11-03T00:10', 2); // after the period
    // The open news2_high alert escalated 30 minutes on (#11a's escalation job writes such a row).
    await t.db.query(
      `INSERT INTO alerts (patient_id, source, rule, severity, message, raised_at, status, audience, category, escalates_alert_id)
       SELECT patient_id, source, 'unacknowledged_escalation', severity, 'synthetic escalation', raised_at + interval '30 minutes',
              'open', 'clinician', 'clinical', id
       FROM alerts WHERE patient_id = $1 AND rule = 'news2_high' AND status = 'open'`,
      [p],
    );
    // news2_high: 4, 10, 30 minutes -> median 10; p90 at rank 1.8: 10 + 0.8 * 20 = 26; one of the four escalated.
    expect(await rows('alert-response?from=2025-11-01&to=2025-11-02')).toEqual([
      { rule: 'ciwa_severe', severity: 'emergency', alerts: 1, acknowledged: 1, median_minutes_to_acknowledge: 2, p90_minutes_to_acknowledge: 2, escalated: 0 },
      { rule: 'news2_high', severity: 'urgent', alerts: 4, acknowledged: 3, median_minutes_to_acknowledge: 10, p90_minutes_to_acknowledge: 26, escalated: 1 },
      { rule: 'unacknowledged_escalation', severity: 'urgent', alerts: 1, acknowledged: 0, median_minutes_to_acknowledge: null, p90_minutes_to_acknowledge: null, escalated: 0 },
    ]);
  });

  it('medication-safety: doses given, overrides, refused and held doses, and missed doses (neither given nor omitted)', async () => {
    const p = await patient();
    const order = await medicationOrder(t, clinician, p, '2025-11-30T12:00');
    const morning = await scheduledDose(t, order, p, '2025-12-01T08:00');
    await scheduledDose(t, order, p, '2025-12-01T12:00'); // missed
    await scheduledDose(t, order, p, '2025-12-02T16:00'); // missed
    await scheduledDose(t, order, p, '2025-11-30T08:00'); // before the order was written: not missed
    await administration(t, clinician, order, p, '2025-12-01T08:05', { scheduledDoseId: morning });
    await administration(t, clinician, order, p, '2025-12-01T20:00', { rollingTotal: 50, overrideReason: 'severe tremor' });
    await administration(t, clinician, order, p, '2025-12-03T08:00'); // after the period
    const omit = async (local: string, outcome: string) => {
      const dose = await scheduledDose(t, order, p, local);
      await t.db.query(
        `INSERT INTO medication_dose_omissions (order_id, patient_id, scheduled_dose_id, scheduled_at, outcome, reason, recorded_by)
         SELECT order_id, patient_id, id, scheduled_at, $2, 'synthetic reason', $3 FROM medication_scheduled_doses WHERE id = $1`,
        [dose, outcome, clinician.id],
      );
    };
    await omit('2025-12-01T16:00', 'held'); // held: neither given nor missed
    await omit('2025-12-02T08:00', 'refused');
    await omit('2025-12-02T12:00', 'refused');
    await omit('2025-12-03T08:30', 'held'); // after the period
    expect(await rows('medication-safety?from=2025-12-01&to=2025-12-02')).toEqual([
      { doses_given: 2, overrides: 1, refused_doses: 2, held_doses: 1, missed_doses: 2, patients_given: 1 },
    ]);
  });

  it('with the default threshold, leaves out a rate whose numerator is suppressed and a median over a suppressed count', async () => {
    const ps: string[] = [];
    for (let i = 0; i < 12; i += 1) ps.push(await patient());
    // 12 bookings: 11 attended, 1 no-show. The no-show rate 1/12 would give the single no-show back, and so would
    // 12 - 11 - 0 - ...: the attended count is hidden too (complementary suppression), and its rate with it.
    await session(t, {
      kind: 'medication_management', startLocal: '2025-09-16T10:00', minutes: 60, clinician,
      patients: ps.map((id, i) => ({ id, status: i === 0 ? 'no_show' : 'attended' })),
    });
    await smallCellThreshold(t, admin, 11);
    try {
      const [kind] = await rows('session-attendance?from=2025-09-15&to=2025-09-21');
      expect(kind).toEqual({
        dimension: 'kind', group: 'medication_management', bookings: 12, attended: null, late: 0, left_early: 0, no_show: '<11',
        cancelled: 0, not_recorded: 0, attended_rate: null, late_rate: 0, left_early_rate: 0, no_show_rate: null, cancelled_rate: 0,
      });
      // Three acknowledged alerts of four: the median and 90th percentile of three alerts are not shown.
      expect((await rows('alert-response?from=2025-11-01&to=2025-11-02'))[1]).toEqual({
        rule: 'news2_high', severity: 'urgent', alerts: '<11', acknowledged: '<11',
        median_minutes_to_acknowledge: null, p90_minutes_to_acknowledge: null, escalated: '<11',
      });
      expect(await rows('detox-outcomes?from=2025-07-01&to=2025-07-31')).toEqual([{
        episodes_ended: '<11', completed: '<11', transferred_higher_level: '<11', left_against_advice: '<11', other: 0,
        completion_rate: null, median_length_days: null, p90_length_days: null,
      }]);
    } finally {
      await smallCellThreshold(t, admin, 1);
    }
  });
  it('with the default threshold, hides a second row of a dimension so that a small cell cannot be worked back from another dimension or report', async () => {
    const xu = await t.createUser('clinician', { displayName: 'Dr Xu' });
    const ps: string[] = [];
    for (let i = 0; i < 15; i += 1) ps.push(await patient());
    // Dr Xu: 12 individual bookings and 1 family booking, all attended. Shown as is, the clinician row's 13
    // minus the individual row's 12 would give back the family row's suppressed 1.
    for (let i = 0; i < 12; i += 1) {
      await session(t, { kind: 'individual', startLocal: `2026-01-0${5 + (i % 3)}T${10 + Math.floor(i / 3)}:00`, minutes: 50,
        clinician: xu, patients: [{ id: ps[i] as string, status: 'attended' }] });
    }
    await session(t, { kind: 'family', startLocal: '2026-01-08T15:00', minutes: 50, clinician: xu, patients: [{ id: ps[12] as string, status: 'attended' }] });
    // 15 discharged in the period, one against advice: the summary's "Discharges 15" minus 14 completed would give back the 1.
    for (const [i, id] of ps.entries()) {
      await phaseChange(t, id, null, 'screening', '2025-12-20T10:00');
      await phaseChange(t, id, 'screening', 'discharged', '2026-01-09T10:00', i === 0 ? 'left_against_advice' : 'completed');
    }
    await smallCellThreshold(t, admin, 11);
    try {
      const runs = await t.count('audit_events', `action = 'report.run'`);
      const outcomes = (counts: Record<string, unknown>, rates: Record<string, unknown>) => ({
        late: 0, left_early: 0, no_show: 0, cancelled: 0, not_recorded: 0, ...counts,
        late_rate: 0, left_early_rate: 0, no_show_rate: 0, cancelled_rate: 0, ...rates,
      });
      expect(await rows('session-attendance?from=2026-01-05&to=2026-01-11')).toEqual([
        { dimension: 'kind', group: 'family', bookings: '<11', attended: '<11',
          ...outcomes({}, { attended_rate: null, late_rate: null, left_early_rate: null, no_show_rate: null, cancelled_rate: null }) },
        { dimension: 'kind', group: 'individual', bookings: null, attended: null,
          ...outcomes({}, { attended_rate: null, late_rate: null, left_early_rate: null, no_show_rate: null, cancelled_rate: null }) },
        { dimension: 'clinician', group: 'Dr Xu', bookings: 13, attended: 13, ...outcomes({}, { attended_rate: 1 }) },
      ]);
      expect(await rows('admissions-discharges?from=2026-01-01&to=2026-01-31')).toEqual([
        { event: 'admission', discharge_reason: null, patients: 0 },
        { event: 'discharge', discharge_reason: 'completed', patients: null },
        { event: 'discharge', discharge_reason: 'left_against_advice', patients: '<11' },
        { event: 'discharge', discharge_reason: 'administrative', patients: 0 },
        { event: 'discharge', discharge_reason: 'transferred', patients: 0 },
        { event: 'discharge', discharge_reason: 'deceased', patients: 0 },
      ]);
      expect(await t.count('audit_events', `action = 'report.run'`)).toBe(runs + 2);
    } finally {
      await smallCellThreshold(t, admin, 1);
    }
  });
});
