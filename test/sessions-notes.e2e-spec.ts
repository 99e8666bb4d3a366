import { randomUUID } from 'node:crypto';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { booked, ny, patientOf } from './support/sessions-fixtures';

describe('sessions: notes, signing, addenda and group-note privacy', () => {
  let t: TestApp;
  let author: TestUser;
  let coFacilitator: TestUser;
  let caseManager: TestUser;
  let alice: string;
  let bruno: string;
  let dalia: string;
  let groupId: string;

  const SHARED = 'Group practised urge surfing and reviewed coping cards.';
  const PART = { alice: 'Shared a win: 30 days abstinent.', bruno: 'Struggled with cravings after work.', dalia: 'Quiet; will follow up 1:1.' };

  beforeAll(async () => {
    t = await createTestApp();
    author = await t.createUser('clinician');
    coFacilitator = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    alice = await patientOf(t, author, { givenName: 'Alicetta', familyName: 'Wrenfield' });
    bruno = await patientOf(t, author, { givenName: 'Brunhold', familyName: 'Ashcombe' });
    dalia = await patientOf(t, author, { givenName: 'Daliora', familyName: 'Pembersley' });
    for (const p of [alice, bruno, dalia]) await addToCareTeam(t, p, coFacilitator);
    await addToCareTeam(t, alice, caseManager);
    groupId = (await booked(t, author, {
      kind: 'group', startsAt: ny('2025-05-07T18:00'), endsAt: ny('2025-05-07T19:30'),
      clinicianIds: [author.id, coFacilitator.id], patientIds: [alice, bruno, dalia],
    })).id;
  });
  afterAll(() => t.close());

  const groupNote = () => ({
    sharedBody: SHARED,
    parts: [{ patientId: alice, body: PART.alice }, { patientId: bruno, body: PART.bruno }, { patientId: dalia, body: PART.dalia }],
  });

  let noteId: string;

  it('lets a session clinician write the group note once; it stays a draft only its author sees', async () => {
    const res = await t.as(author).post(`/api/v1/sessions/${groupId}/notes`).send(groupNote()).expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ sessionId: groupId, authorId: author.id, sharedBody: SHARED, signedAt: null, version: 1, addenda: [] });
    expect(res.body.parts).toHaveLength(3);
    noteId = res.body.id;
    expect(await t.count('audit_events', `action = 'session-note.create' AND resource_id = $1`, [noteId])).toBe(3);
    await t.as(author).post(`/api/v1/sessions/${groupId}/notes`).send(groupNote()).expect(409);
    // Drafts are not filed in records for anyone but the author yet.
    const mine = await t.as(author).get(`/api/v1/patients/${alice}/session-notes`).expect(200);
    expect(mine.body.total).toBe(1);
    const others = await t.as(coFacilitator).get(`/api/v1/patients/${alice}/session-notes`).expect(200);
    expect(others.body.total).toBe(0);
    const cm = await t.as(caseManager).get(`/api/v1/patients/${alice}/session-notes`).expect(200);
    expect(cm.body.total).toBe(0);
  });

  it('edits a draft only with If-Match, and only by its author', async () => {
    await t.as(author).patch(`/api/v1/session-notes/${noteId}`).send({ sharedBody: `${SHARED} Edited.` }).expect(428);
    await t.as(author).patch(`/api/v1/session-notes/${noteId}`).set('If-Match', '"5"').send({ sharedBody: `${SHARED} Edited.` }).expect(412);
    await t.as(coFacilitator).patch(`/api/v1/session-notes/${noteId}`).set('If-Match', '"1"').send({ sharedBody: 'x' }).expect(403);
    await t.as(author).patch(`/api/v1/session-notes/${noteId}`).set('If-Match', '"1"').send({ sharedBody: null }).expect(400);
    const res = await t.as(author).patch(`/api/v1/session-notes/${noteId}`).set('If-Match', '"1"').send(groupNote()).expect(200);
    expect(res.headers.etag).toBe('"2"');
  });

  it('signs the note (author, If-Match) and from then on refuses every change, in the API and in the database', async () => {
    await t.as(coFacilitator).post(`/api/v1/session-notes/${noteId}/sign`).set('If-Match', '"2"').expect(403);
    const signed = await t.as(author).post(`/api/v1/session-notes/${noteId}/sign`).set('If-Match', '"2"').expect(200);
    expect(signed.body).toMatchObject({ signedBy: author.id, version: 3 });
    expect(new Date(signed.body.signedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const edit = await t.as(author).patch(`/api/v1/session-notes/${noteId}`).set('If-Match', '"3"').send({ sharedBody: 'rewritten' }).expect(422);
    expect(edit.body.detail).toMatch(/addendum/);
    await t.as(author).post(`/api/v1/session-notes/${noteId}/sign`).set('If-Match', '"3"').expect(422);
    await expect(t.db.query(`UPDATE session_notes SET shared_body = 'tampered' WHERE id = $1`, [noteId])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`UPDATE session_note_parts SET body = 'tampered' WHERE note_id = $1`, [noteId])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM session_note_parts WHERE note_id = $1`, [noteId])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM session_notes WHERE id = $1`, [noteId])).rejects.toThrow(/immutable/);
    const [row] = await t.db.query(`SELECT shared_body, version FROM session_notes WHERE id = $1`, [noteId]);
    expect(row).toEqual({ shared_body: SHARED, version: 3 });
  });

  it('takes later changes as addenda that keep their author and time, shared or for one patient', async () => {
    const before = Date.now();
    const shared = await t.as(coFacilitator).post(`/api/v1/session-notes/${noteId}/addenda`)
      .send({ body: 'Correction: session ran 10 minutes over.' }).expect(201);
    expect(shared.body.addenda).toEqual([
      { id: expect.any(String), patientId: null, authorId: coFacilitator.id, createdAt: expect.any(String), body: 'Correction: session ran 10 minutes over.' },
    ]);
    expect(new Date(shared.body.addenda[0].createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    await t.as(author).post(`/api/v1/session-notes/${noteId}/addenda`)
      .send({ body: 'Bruno asked for a relapse-prevention referral.', patientId: bruno }).expect(201);
    await t.as(author).post(`/api/v1/session-notes/${noteId}/addenda`)
      .send({ body: 'x', patientId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    await t.as(caseManager).post(`/api/v1/session-notes/${noteId}/addenda`).send({ body: 'x' }).expect(403);
    expect(await t.count('session_note_addenda', `note_id = $1`, [noteId])).toBe(2);
    await expect(t.db.query(`UPDATE session_note_addenda SET body = 'tampered' WHERE note_id = $1`, [noteId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM session_note_addenda WHERE note_id = $1`, [noteId])).rejects.toThrow(/append-only/);
  });

  it("files a copy in each attendee's record showing only the shared part and their own part (42 CFR Part 2)", async () => {
    const names = { alice: ['Alicetta', 'Wrenfield'], bruno: ['Brunhold', 'Ashcombe'], dalia: ['Daliora', 'Pembersley'] };
    const ids = { alice, bruno, dalia };
    for (const who of ['alice', 'bruno', 'dalia'] as const) {
      const res = await t.as(coFacilitator).get(`/api/v1/patients/${ids[who]}/session-notes`).expect(200);
      expect(res.body.total).toBe(1);
      const copy = res.body.items[0];
      expect(copy).toMatchObject({
        noteId, sessionId: groupId, patientId: ids[who], sessionKind: 'group', bodyIncluded: true,
        sharedBody: SHARED, body: PART[who], authorId: author.id, signedBy: author.id,
      });
      expect(copy.addenda.map((a: { body: string }) => a.body)).toEqual(
        who === 'bruno'
          ? ['Correction: session ran 10 minutes over.', 'Bruno asked for a relapse-prevention referral.']
          : ['Correction: session ran 10 minutes over.'],
      );
      const text = JSON.stringify(res.body);
      for (const other of (['alice', 'bruno', 'dalia'] as const).filter((o) => o !== who)) {
        expect(text).not.toContain(ids[other]);
        expect(text).not.toContain(PART[other]);
        for (const name of names[other]) expect(text).not.toContain(name);
      }
      if (who !== 'bruno') expect(text).not.toContain('relapse-prevention referral');
      const one = await t.as(coFacilitator).get(`/api/v1/patients/${ids[who]}/session-notes/${noteId}`).expect(200);
      expect(one.body).toEqual(copy);
    }
  });

  it('shows case managers that a note exists, never its text', async () => {
    const res = await t.as(caseManager).get(`/api/v1/patients/${alice}/session-notes`).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ noteId, sessionId: groupId, patientId: alice, bodyIncluded: false, signedBy: author.id }),
    ]);
    const copy = res.body.items[0];
    expect(copy).not.toHaveProperty('sharedBody');
    expect(copy).not.toHaveProperty('body');
    expect(copy.addenda).toEqual([{ id: expect.any(String), authorId: coFacilitator.id, createdAt: expect.any(String) }]);
    const text = JSON.stringify(res.body);
    for (const secret of [SHARED, PART.alice, 'Correction']) expect(text).not.toContain(secret);
    const one = await t.as(caseManager).get(`/api/v1/patients/${alice}/session-notes/${noteId}`).expect(200);
    expect(one.body).not.toHaveProperty('body');
    await t.as(caseManager).get(`/api/v1/sessions/${groupId}/notes`).expect(403);
    await t.as(caseManager).get(`/api/v1/patients/${bruno}/session-notes`).expect(404);
    expect(await t.count('audit_events', `action = 'session-note.read-existence' AND patient_id = $1`, [alice])).toBe(3);
  });

  it("gives the session's clinicians the whole note; a clinician outside the patients' care teams finds no such session", async () => {
    const full = await t.as(coFacilitator).get(`/api/v1/sessions/${groupId}/notes`).expect(200);
    expect(full.body.parts.map((p: { patientId: string }) => p.patientId).sort()).toEqual([alice, bruno, dalia].sort());
    expect(full.headers.etag).toBe('"3"');
    const outsider = await t.as(await t.createUser('clinician')).get(`/api/v1/sessions/${groupId}/notes`).expect(404);
    const missing = await t.as(coFacilitator).get(`/api/v1/sessions/${randomUUID()}/notes`).expect(404);
    expect(outsider.body).toEqual(missing.body);
  });

  it("answers a co-facilitator's addendum with only the parts of attendees on their care team", async () => {
    await t.db.query(`DELETE FROM care_team_members WHERE user_id = $1 AND patient_id = ANY($2)`, [coFacilitator.id, [bruno, dalia]]);
    try {
      const res = await t.as(coFacilitator).post(`/api/v1/session-notes/${noteId}/addenda`)
        .send({ body: 'Alice asked about evening groups.', patientId: alice }).expect(201);
      expect(res.body.parts.map((p: { patientId: string }) => p.patientId)).toEqual([alice]);
      const text = JSON.stringify(res.body);
      for (const hidden of [PART.bruno, PART.dalia, bruno, dalia, 'Bruno asked for a relapse-prevention referral.']) {
        expect(text).not.toContain(hidden);
      }
      expect(text).toContain(SHARED);
    } finally {
      for (const p of [bruno, dalia]) await addToCareTeam(t, p, coFacilitator);
    }
  });

  describe('rules', () => {
    it('refuses group notes without a shared part, parts for patients not booked or absent, and notes before the session', async () => {
      const c = await t.createUser('clinician');
      const [p1, p2, stranger] = [await patientOf(t, c), await patientOf(t, c), await patientOf(t, c)];
      const g = (await booked(t, c, {
        kind: 'group', startsAt: ny('2025-06-02T18:00'), endsAt: ny('2025-06-02T19:00'), clinicianIds: [c.id], patientIds: [p1, p2],
      })).id;
      const url = `/api/v1/sessions/${g}/notes`;
      const noShared = await t.as(c).post(url).send({ parts: [{ patientId: p1, body: 'x' }] }).expect(400);
      expect(noShared.body.errors).toEqual([{ field: 'sharedBody', message: 'a group note has a shared part: what the group did' }]);
      await t.as(c).post(url).send({ sharedBody: 's', parts: [{ patientId: stranger, body: 'x' }] }).expect(422);
      await t.as(c).post(url).send({ sharedBody: 's', parts: [{ patientId: p1, body: 'x' }, { patientId: p1, body: 'y' }] }).expect(400);
      await t.as(c).post(url).send({ sharedBody: 's', parts: [] }).expect(400);
      await t.as(c).post(`/api/v1/sessions/${g}/attendance`).send({ patientId: p2, status: 'no_show' }).expect(201);
      await t.as(c).post(url).send({ sharedBody: 's', parts: [{ patientId: p2, body: 'x' }] }).expect(422);
      await t.as(author).post(url).send({ sharedBody: 's', parts: [{ patientId: p1, body: 'x' }] }).expect(403);
      const future = (await booked(t, c, {
        startsAt: ny('2031-06-02T18:00'), endsAt: ny('2031-06-02T19:00'), clinicianIds: [c.id], patientIds: [p1],
      })).id;
      await t.as(c).post(`/api/v1/sessions/${future}/notes`).send({ parts: [{ patientId: p1, body: 'x' }] }).expect(422);
      await t.as(caseManager).post(url).send({ sharedBody: 's', parts: [{ patientId: p1, body: 'x' }] }).expect(403);
      expect(await t.count('session_notes', `session_id IN ($1, $2)`, [g, future])).toBe(0);
      expect(await t.count('session_note_parts', `session_id IN ($1, $2)`, [g, future])).toBe(0);
    });

    it('writes an individual note as the patient part alone, and refuses addenda to drafts', async () => {
      const c = await t.createUser('clinician');
      const p = await patientOf(t, c);
      const s = (await booked(t, c, {
        startsAt: ny('2025-06-03T10:00'), endsAt: ny('2025-06-03T11:00'), clinicianIds: [c.id], patientIds: [p],
      })).id;
      const note = await t.as(c).post(`/api/v1/sessions/${s}/notes`).send({ parts: [{ patientId: p, body: 'Motivational interviewing.' }] }).expect(201);
      expect(note.body.sharedBody).toBeNull();
      await t.as(c).post(`/api/v1/session-notes/${note.body.id}/addenda`).send({ body: 'too early' }).expect(422);
      expect(await t.count('session_note_addenda', `note_id = $1`, [note.body.id])).toBe(0);
      await t.as(c).post(`/api/v1/session-notes/${note.body.id}/sign`).set('If-Match', '"1"').expect(200);
      const copy = await t.as(c).get(`/api/v1/patients/${p}/session-notes/${note.body.id}`).expect(200);
      expect(copy.body).toMatchObject({ sharedBody: null, body: 'Motivational interviewing.', sessionKind: 'individual' });
    });
  });
});
