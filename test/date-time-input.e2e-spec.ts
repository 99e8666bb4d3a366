import { DateTime } from 'luxon';
import { detoxPatient, normalVitals, startEpisode } from './support/detox-fixtures';
import { createPatient, patientInput } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const FORMAT = (field: string) => `${field} must be a real date-time with offset, e.g. 2026-03-01T08:00:00-05:00`;
const RECORD_RANGE = (field: string) => `${field} must be between 1900-01-01 and 2100-12-31`;
const DATE_FORMAT = (field: string) => `${field} must be a date as YYYY-MM-DD`;

/**
 * Impossible or far-fetched dates and date-times are refused with a 400 naming the field, never rolled over
 * (2025-02-29 is not 1 March, T24:00 is not the next day) and never stored; no from/to a caller sends is a 500.
 */
describe('dates and date-times are real and in range', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let admin: TestUser;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
    patientId = (await detoxPatient(t, clinician)).id;
    // Started before the readings below (taken minutes ago), which it files.
    await startEpisode(t, clinician, patientId, { startedAt: new Date(Date.now() - 3600_000).toISOString() });
  });
  afterAll(() => t.close());

  const expectFieldError = (res: Answer, field: string, message: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/validation', status: 400 });
    expect(res.body.errors).toEqual([{ field, message }]);
  };

  describe('instants in a body (vitals takenAt, screening administeredAt)', () => {
    const vitalsUrl = () => `/api/v1/patients/${patientId}/vitals`;

    it.each([
      ['29 February of a common year', '2025-02-29T10:00:00Z'],
      ['31 April', '2025-04-31T10:00:00Z'],
      ['month 13', '2025-13-01T10:00:00Z'],
      ['hour 24', '2025-03-01T24:00:00Z'],
      ['minute 60', '2025-03-01T10:60:00Z'],
      ['second 60', '2025-03-01T10:00:60Z'],
      ['an offset no place uses', '2025-03-01T10:00:00+23:59'],
      ['no offset', '2025-03-01T10:00:00'],
    ])('refuses vitals taken on %s and stores nothing', async (_, takenAt) => {
      const before = await t.count('vital_signs', 'patient_id = $1', [patientId]);
      expectFieldError(await t.as(clinician).post(vitalsUrl(), normalVitals(5, { takenAt })), 'takenAt', FORMAT('takenAt'));
      expect(await t.count('vital_signs', 'patient_id = $1', [patientId])).toBe(before);
    });

    it.each(['0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
      'refuses vitals taken at %s (outside 1900-2100) and stores nothing',
      async (takenAt) => {
        const before = await t.count('vital_signs', 'patient_id = $1', [patientId]);
        expectFieldError(await t.as(clinician).post(vitalsUrl(), normalVitals(5, { takenAt })), 'takenAt', RECORD_RANGE('takenAt'));
        expect(await t.count('vital_signs', 'patient_id = $1', [patientId])).toBe(before);
      },
    );

    it('still accepts real instants: an offset such as +05:30, 29 February of a leap year', async () => {
      const takenAt = DateTime.now().minus({ minutes: 10 }).setZone('UTC+05:30').toISO({ suppressMilliseconds: true }) as string;
      const res = await t.as(clinician).post(vitalsUrl(), normalVitals(5, { takenAt })).expect(201);
      expect(new Date(res.body.takenAt as string).getTime()).toBe(new Date(takenAt).getTime());
      await t.as(clinician).get(`${vitalsUrl()}?from=2024-02-29T00:00:00Z`).expect(200);
    });

    it('refuses a screening administered on 29 February 2025 and stores nothing', async () => {
      const url = `/api/v1/patients/${patientId}/screenings`;
      const before = await t.count('screenings', 'patient_id = $1', [patientId]);
      const res = await t.as(clinician).post(url, { instrument: 'AUDIT-C', answers: [1, 1, 1], administeredAt: '2025-02-29T10:00:00Z' });
      expectFieldError(res, 'administeredAt', FORMAT('administeredAt'));
      const far = await t.as(clinician).post(url, { instrument: 'AUDIT-C', answers: [1, 1, 1], administeredAt: '0001-01-01T00:00:00Z' });
      expectFieldError(far, 'administeredAt', RECORD_RANGE('administeredAt'));
      expect(await t.count('screenings', 'patient_id = $1', [patientId])).toBe(before);
    });
  });

  describe('from/to filters of lists', () => {
    it('refuses an impossible from or to', async () => {
      const vitals = `/api/v1/patients/${patientId}/vitals`;
      expectFieldError(await t.as(clinician).get(`${vitals}?from=2025-02-29T00:00:00Z`), 'from', FORMAT('from'));
      expectFieldError(await t.as(clinician).get(`${vitals}?to=2025-03-01T24:00:00Z`), 'to', FORMAT('to'));
      const screenings = `/api/v1/patients/${patientId}/screenings`;
      expectFieldError(await t.as(clinician).get(`${screenings}?from=2025-02-29T00:00:00Z`), 'from', FORMAT('from'));
      expectFieldError(await t.as(admin).get('/api/v1/audit-events?to=2025-02-29T00:00:00Z'), 'to', FORMAT('to'));
    });

    it('keeps accepting any real window, however far, and answers an empty page', async () => {
      for (const query of ['from=2999-01-01T00:00:00Z', 'from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z', 'to=2101-01-01T00:00:00Z']) {
        const res = await t.as(clinician).get(`/api/v1/patients/${patientId}/withdrawal-assessments?${query}`).expect(200);
        expect(res.body).toMatchObject({ items: [], total: 0 });
      }
      await t.as(admin).get('/api/v1/audit-events?from=9999-12-31T23:59:59Z').expect(200);
      await t.as(clinician).get(`/api/v1/patients/${patientId}/calendar.ics?from=9999-12-31T23:59:59Z`).expect(200);
    });

    it('refuses an offset PostgreSQL cannot read with a 400, not a 500', async () => {
      const res = await t.as(admin).get(`/api/v1/audit-events?from=${encodeURIComponent('2025-01-01T00:00:00+23:59')}`);
      expectFieldError(res, 'from', FORMAT('from'));
    });

    it('refuses a from after to on the screening list (it used to answer an empty page)', async () => {
      const res = await t.as(clinician).get(`/api/v1/patients/${patientId}/screenings?from=2025-03-01T00:00:00Z&to=2025-01-01T00:00:00Z`);
      expectFieldError(res, 'to', 'must be after from');
    });
  });

  describe('the detox chart period', () => {
    const chart = (query: string) => t.as(clinician).get(`/api/v1/patients/${patientId}/detox/chart.svg?${query}`);
    const chartReads = () => t.count('audit_events', `action = 'vitals.read-chart' AND patient_id = $1`, [patientId]);

    it.each([
      ['from=9999-12-31T23:59:59Z', 'from', RECORD_RANGE('from')],
      ['to=9999-12-31T23:59:59Z', 'to', RECORD_RANGE('to')],
      ['from=0001-01-01T00:00:00Z', 'from', RECORD_RANGE('from')],
      ['from=2025-02-29T00:00:00Z', 'from', FORMAT('from')],
      ['from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 'to', 'must be after from'],
      ['from=2025-03-01T00:00:00Z&to=2025-03-01T00:00:00Z', 'to', 'must be after from'],
      ['from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z', 'from', 'the period may span at most 31 days'],
      ['from=1900-01-01T00:00:00Z&to=2100-12-31T23:59:59Z', 'from', 'the period may span at most 31 days'],
    ])('answers %s with a 400 problem and reads nothing', async (query, field, message) => {
      const before = await chartReads();
      expectFieldError(await chart(query), field, message);
      expect(await chartReads()).toBe(before);
    });

    it('draws a period at either end of the range', async () => {
      for (const query of ['from=2100-12-31T23:59:59Z', 'to=1900-01-01T00:00:00Z', 'from=2025-02-28T00:00:00-05:00&to=2025-03-01T00:00:00-05:00']) {
        const res = await chart(query).buffer(true).parse((r, done) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => done(null, text));
        });
        expect(res.status).toBe(200);
        expect(res.body as string).toMatch(/^<svg/);
      }
    });
  });

  describe('calendar dates (dateOfBirth, consent dates, medication order dates)', () => {
    const today = () => DateTime.now().toISODate() as string;

    it.each([
      ['2025-02-29', DATE_FORMAT('dateOfBirth')],
      ['2025-13-01', DATE_FORMAT('dateOfBirth')],
      ['2025-04-31', DATE_FORMAT('dateOfBirth')],
      ['0001-01-01', RECORD_RANGE('dateOfBirth')],
      ['1899-12-31', RECORD_RANGE('dateOfBirth')],
      ['9999-12-31', RECORD_RANGE('dateOfBirth')],
    ])('refuses a patient born on %s and registers nobody', async (dateOfBirth, message) => {
      const before = await t.count('patients');
      expectFieldError(await t.as(caseManager).post('/api/v1/patients', patientInput({ dateOfBirth })), 'dateOfBirth', message);
      expect(await t.count('patients')).toBe(before);
    });

    it('refuses a date of birth in the future, also on an edit, and changes nothing', async () => {
      const before = await t.count('patients');
      const nextYear = DateTime.now().plus({ years: 1 }).toISODate() as string;
      expectFieldError(await t.as(caseManager).post('/api/v1/patients', patientInput({ dateOfBirth: nextYear })),
        'dateOfBirth', 'dateOfBirth must not be in the future');
      expect(await t.count('patients')).toBe(before);
      const patient = await createPatient(t, caseManager);
      const edit = await t.as(caseManager).patch(`/api/v1/patients/${patient.id}`, { dateOfBirth: '9999-12-31' }, `"${patient.version}"`);
      expectFieldError(edit, 'dateOfBirth', RECORD_RANGE('dateOfBirth'));
      expect(await t.count('patients', `id = $1 AND date_of_birth = '1985-04-12' AND version = $2`, [patient.id, patient.version])).toBe(1);
      // A newborn registered today is fine.
      await t.as(caseManager).post('/api/v1/patients', patientInput({ dateOfBirth: DateTime.now().minus({ days: 1 }).toISODate() })).expect(201);
    });

    it('refuses consent dates that do not exist or are out of range, and stores no consent', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}/consents`;
      const consent = {
        recipient: 'Example County Probation Office', recipientKind: 'organisation', purpose: 'court-ordered treatment verification',
        informationToDisclose: 'attendance and completion status', signedOn: today(), expiresOn: '2100-12-31',
      };
      for (const [field, value, message] of [
        ['signedOn', '2025-02-29', DATE_FORMAT('signedOn')],
        ['signedOn', '0001-01-01', RECORD_RANGE('signedOn')],
        ['expiresOn', '2025-13-01', DATE_FORMAT('expiresOn')],
        ['expiresOn', '9999-12-31', RECORD_RANGE('expiresOn')],
      ] as const) {
        const res = await t.as(caseManager).post(url, { ...consent, [field]: value });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message }]));
      }
      expect(await t.count('consents', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('refuses a medication order starting on a day that does not exist or in year 9999, and stores no order', async () => {
      const url = `/api/v1/patients/${patientId}/medication-orders`;
      const before = await t.count('medication_orders', 'patient_id = $1', [patientId]);
      const base = { drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', asNeeded: true };
      expectFieldError(await t.as(clinician).post(url, { ...base, startDate: '2025-02-29' }), 'startDate', DATE_FORMAT('startDate'));
      expectFieldError(await t.as(clinician).post(url, { ...base, startDate: '9999-12-31' }), 'startDate', RECORD_RANGE('startDate'));
      expectFieldError(await t.as(clinician).post(url, { ...base, startDate: today(), endDate: '9999-12-31' }), 'endDate', RECORD_RANGE('endDate'));
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(before);
    });
  });
});
