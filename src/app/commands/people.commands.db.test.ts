/**
 * `caucus people merge | split | review | dismiss | log` on every database: what moves, what is refused, what
 * is logged, and how re-imports respect merges and splits.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaucusError } from '../../domain/errors.js';
import { emptySnapshot, type RegistrySnapshot } from '../../domain/model.js';
import { fixedClock } from '../../domain/ports.js';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { importData } from './import.commands.js';
import { everything, TESTSHIRE_COUNCILS, TESTSHIRE_LGA } from './import.test-support.js';
import { peopleDismiss, peopleLog, peopleMerge, peopleReview, peopleSplit } from './people.commands.js';

/** The tiny registry plus "Samuel Sample" (person:3), another record of Sam Sample (person:2), standing in 2018. */
function registry(): RegistrySnapshot {
  const s = tinySnapshot();
  s.persons.push({
    id: 'person:3',
    sourceId: 'src:test',
    name: 'Samuel Sample',
    givenName: 'Samuel',
    familyName: 'Sample',
    honorificPrefix: null,
  });
  s.elections.push({
    id: 'local.testborough.2018-05-03',
    sourceId: 'src:test',
    councilId: 'TST',
    date: '2018-05-03',
    ordinary: true,
  });
  s.ballots.push({
    id: 'local.testborough.north.2018-05-03',
    sourceId: 'src:test',
    electionId: 'local.testborough.2018-05-03',
    postId: 'post:TST:north',
    date: '2018-05-03',
    seatsContested: 1,
    byElection: false,
    cancelled: false,
  });
  s.candidacies.push({
    id: 'c:3',
    sourceId: 'src:test',
    ballotId: 'local.testborough.north.2018-05-03',
    personId: 'person:3',
    partyId: 'party:labour',
    votes: 800,
    elected: true,
  });
  s.citations.push({
    factType: 'person',
    factId: 'person:2',
    sourceId: 'src:news',
    quote: 'Sam Sample, a teacher',
    quoteStart: 0,
    quoteEnd: 21,
  });
  s.identifiers.push(
    { ownerType: 'person', ownerId: 'person:2', scheme: 'democracy-club-person', identifier: '222' },
    { ownerType: 'person', ownerId: 'person:3', scheme: 'democracy-club-person', identifier: '333' },
  );
  return s;
}

async function fails(p: Promise<unknown>): Promise<CaucusError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof CaucusError)) throw new Error(`expected a CaucusError, got ${String(e)}`);
  return e;
}

for (const target of testTargets()) {
  describe(`caucus people on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeEach(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(registry()));
      ctx = { store, clock: fixedClock('2026-01-02') };
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => target.cleanup());

    it("merge moves all of B's records to A, deletes B and keeps its id as merged-from", async () => {
      const r = await peopleMerge(ctx, { keep: 'person:3', other: 'person:2', reason: 'same teacher' });
      expect(r.moved).toMatchObject({
        candidacies: 1,
        memberships: 4,
        selectionCandidacies: 1,
        events: 0,
        citations: 1,
        identifiers: 1,
      });
      const snap = await store.registry.read();
      expect(snap.persons.map((p) => p.id)).not.toContain('person:2');
      const owned = (rows: Array<{ personId: string }>) => rows.filter((x) => x.personId === 'person:2');
      expect(owned(snap.candidacies)).toEqual([]);
      expect(owned(snap.memberships)).toEqual([]);
      expect(owned(snap.selectionCandidates)).toEqual([]);
      expect(snap.candidacies.find((c) => c.id === 'c:2')?.personId).toBe('person:3');
      expect(snap.memberships.filter((m) => m.personId === 'person:3').map((m) => m.id)).toEqual([
        'm:5',
        'm:6',
        'm:7',
        'm:8',
      ]);
      expect(snap.citations.filter((c) => c.factType === 'person').map((c) => c.factId)).toEqual([
        'person:3',
      ]);
      const ids = snap.identifiers
        .filter((i) => i.ownerId === 'person:3')
        .map((i) => `${i.scheme}=${i.identifier}`);
      expect(ids.sort()).toEqual([
        'democracy-club-person=222',
        'democracy-club-person=333',
        'merged-from=person:2',
      ]);
      const log = await peopleLog(ctx, {});
      expect(log.entries).toHaveLength(1);
      expect(log.entries[0]).toMatchObject({
        action: 'merge',
        personId: 'person:3',
        otherId: 'person:2',
        actor: 'cli',
        reason: 'same teacher',
      });
      expect(log.entries[0]!.details.candidacies).toEqual(['c:2']);
    });

    it('refuses to merge two people who stood on one ballot, or an unknown person, writing nothing', async () => {
      const before = await everything(store);
      const same = await fails(peopleMerge(ctx, { keep: 'person:1', other: 'person:2' }));
      expect(same.code).toBe('conflict');
      expect(same.message).toMatch(
        /both stood on local\.testborough\.north\.2022-05-05: they are two people/,
      );
      const missing = await fails(peopleMerge(ctx, { keep: 'person:1', other: 'person:9' }));
      expect(missing.code).toBe('not-found');
      const self = await fails(peopleMerge(ctx, { keep: 'person:1', other: 'person:1' }));
      expect(self.code).toBe('invalid-input');
      expect(await everything(store)).toEqual(before);
    });

    it('split after a merge restores the merged record with what the merge moved', async () => {
      await peopleMerge(ctx, { keep: 'person:3', other: 'person:2' });
      const r = await peopleSplit(ctx, { person: 'person:3', candidacies: 'c:2' });
      expect(r).toMatchObject({ person: 'person:3', newPerson: 'person:2', restored: true });
      const snap = await store.registry.read();
      expect(snap.candidacies.find((c) => c.id === 'c:2')?.personId).toBe('person:2');
      expect(snap.memberships.filter((m) => m.personId === 'person:2').map((m) => m.id)).toEqual([
        'm:5',
        'm:6',
        'm:7',
        'm:8',
      ]);
      expect(snap.selectionCandidates.find((s) => s.selectionId === 'sel:1')?.personId).toBe('person:2');
      expect(snap.identifiers.filter((i) => i.ownerId === 'person:3').map((i) => i.identifier)).toEqual([
        '333',
      ]);
      expect(snap.identifiers.filter((i) => i.ownerId === 'person:2').map((i) => i.identifier)).toEqual([
        '222',
      ]);
      // The pair is recorded as two people.
      expect((await peopleReview(ctx, { status: 'dismissed' })).pairs.map((p) => [p.a.id, p.b.id])).toEqual([
        ['person:2', 'person:3'],
      ]);
      const log = await peopleLog(ctx, { person: 'person:2' });
      expect(log.entries.map((e) => e.action)).toEqual(['split', 'merge']);
    });

    it('split gives chosen candidacies to a new person, and refuses others or all of them', async () => {
      const r = await peopleSplit(ctx, {
        person: 'person:1',
        candidacies: ['c:1'],
        name: 'Alexandra Example',
      }).catch((e) => e);
      // c:1 is person:1's only candidacy.
      expect(r).toBeInstanceOf(CaucusError);
      expect((r as CaucusError).message).toMatch(/every candidacy of person:1/);
      const wrong = await fails(peopleSplit(ctx, { person: 'person:1', candidacies: 'c:3' }));
      expect(wrong.message).toMatch(/c:3 is not a candidacy of person:1/);
      await peopleMerge(ctx, { keep: 'person:3', other: 'person:2' });
      const ok = await peopleSplit(ctx, {
        person: 'person:3',
        candidacies: 'c:3',
        id: 'person:3b',
        name: 'S. Sample',
      });
      expect(ok).toMatchObject({ newPerson: 'person:3b', restored: false });
      expect((await store.query.person('person:3b'))?.name).toBe('S. Sample');
      expect((await store.query.candidaciesOfPerson('person:3b')).map((c) => c.id)).toEqual(['c:3']);
    });

    it('merge rewrites every other reference to B (aliases, event details, review claims), and split undoes it', async () => {
      const claimLinks = (id: string) => [
        {
          argument: 'subject',
          name: 'Sam Sample',
          entityType: 'person',
          target: 'person',
          status: 'link',
          id,
          score: 0.93,
          proposals: [
            { id, name: 'Sam Sample', score: 0.93 },
            { id: 'person:1', name: 'Alex Example', score: 0.41 },
          ],
        },
      ];
      let claimId = 0;
      await store.transaction(async (r) => {
        await r.registry.load({
          ...emptySnapshot(),
          events: [
            {
              id: 'ev:by',
              sourceId: 'src:test',
              type: 'by-election',
              date: '2019-07-04',
              title: 'North by-election',
              councilId: 'TST',
              organizationId: null,
              personId: 'person:1',
              details: { ballotId: 'b:by', vacatedPersonId: 'person:2', winnerIds: ['person:1', 'person:2'] },
            },
            {
              id: 'ev:other',
              sourceId: 'src:test',
              type: 'other',
              date: '2019-08-01',
              title: 'Someone else',
              councilId: 'TST',
              organizationId: null,
              personId: null,
              details: { note: 'person:22', who: ['person:2x'] },
            },
          ],
        });
        await r.linking.addAlias({
          ownerType: 'person',
          ownerId: 'person:2',
          alias: 'Sammy Sample',
          aliasKey: 'sammy sample',
          sourceId: null,
        });
        await r.linking.addAlias({
          ownerType: 'person',
          ownerId: 'person:2',
          alias: 'Sam Sample',
          aliasKey: 'sam sample',
          sourceId: null,
        });
        await r.linking.addAlias({
          ownerType: 'person',
          ownerId: 'person:3',
          alias: 'Sam Sample',
          aliasKey: 'sam sample',
          sourceId: 'src:news',
        });
        const article = await r.review.insertArticle({
          sha256: 'a'.repeat(64),
          text: 'Sam Sample, a teacher, was elected.',
          title: null,
          url: null,
          publisher: null,
          publishedOn: null,
          fileName: null,
          councilId: 'TST',
          savedAt: '2026-01-01T00:00:00.000Z',
        });
        await r.review.insertClaims(article, [
          {
            position: 0,
            type: 'office',
            subject: 'Sam Sample',
            arguments: { subject: 'Sam Sample', office: 'councillor' },
            confidence: 0.9,
            evidenceStart: 0,
            evidenceEnd: 34,
            evidenceText: 'Sam Sample, a teacher, was elected.',
            links: claimLinks('person:2'),
          },
        ]);
        claimId = (await r.review.claims({}, 0, 10))[0]!.id;
        await r.review.decide(claimId, {
          status: 'accepted',
          reason: null,
          reviewer: 'test',
          decidedAt: '2026-01-01T00:00:00.000Z',
          facts: [{ type: 'person', id: 'person:2', action: 'confirmed', title: 'Sam Sample' }],
        });
      });
      const state = async () => ({
        aliases: Object.fromEntries(await store.linking.aliasesOf('person', ['person:2', 'person:3'])),
        events: Object.fromEntries(
          (await store.registry.read()).events
            .filter((e) => e.id.startsWith('ev:'))
            .map((e) => [e.id, e.details]),
        ),
        claim: await store.review.claim(claimId).then((c) => ({ links: c!.links, facts: c!.facts })),
      });
      const before = await state();

      const r = await peopleMerge(ctx, { keep: 'person:3', other: 'person:2' });
      expect(r.moved).toMatchObject({ aliases: 2, eventDetails: 1, claims: 1 });
      const merged = await state();
      expect(merged.aliases).toEqual({ 'person:3': ['Sam Sample', 'Sammy Sample'] });
      expect(merged.events['ev:by']).toEqual({
        ballotId: 'b:by',
        vacatedPersonId: 'person:3',
        winnerIds: ['person:1', 'person:3'],
      });
      // Strings that only contain the id, or start with it, are someone else.
      expect(merged.events['ev:other']).toEqual(before.events['ev:other']);
      expect(merged.claim).toEqual({
        links: claimLinks('person:3'),
        facts: [{ type: 'person', id: 'person:3', action: 'confirmed', title: 'Sam Sample' }],
      });
      const logged = (await peopleLog(ctx, {})).entries[0]!.details;
      expect(logged.eventDetails).toEqual([{ id: 'ev:by', paths: [['vacatedPersonId'], ['winnerIds', 1]] }]);
      expect(logged.claims).toEqual([
        {
          id: claimId,
          links: [
            [0, 'id'],
            [0, 'proposals', 0, 'id'],
          ],
          facts: [[0, 'id']],
        },
      ]);
      expect(logged.aliases).toEqual([
        { alias: 'Sam Sample', aliasKey: 'sam sample', sourceId: null, shared: true },
        { alias: 'Sammy Sample', aliasKey: 'sammy sample', sourceId: null, shared: false },
      ]);

      const s = await peopleSplit(ctx, { person: 'person:3', candidacies: 'c:2' });
      expect(s).toMatchObject({ newPerson: 'person:2', restored: true });
      expect(s.moved).toMatchObject({ aliases: 2, eventDetails: 1, claims: 1 });
      expect(await state()).toEqual(before);
    });

    it('dismiss records two people; review lists open pairs only by default', async () => {
      const d = await peopleDismiss(ctx, { a: 'person:3', b: 'person:2' });
      expect(d).toMatchObject({ a: 'person:2', b: 'person:3', status: 'dismissed' });
      expect((await peopleReview(ctx, {})).pairs).toEqual([]);
      expect((await peopleReview(ctx, { status: 'all' })).pairs).toHaveLength(1);
    });
  });

  describe(`people across re-imports on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeEach(async () => {
      store = await openStore(await target.fresh());
      ctx = { store, clock: fixedClock('2026-01-02') };
      await importData(ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      await importData(ctx, { format: 'lga-results', file: 'tst.csv', text: TESTSHIRE_LGA });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => target.cleanup());

    it('a merge from the review list holds when the file is imported again', async () => {
      const [pair] = (await peopleReview(ctx, {})).pairs;
      expect([pair!.a.name, pair!.b.name]).toEqual(['Ravi Patel', 'R Patel']);
      await peopleMerge(ctx, { keep: pair!.a.id, other: pair!.b.id });
      expect((await peopleReview(ctx, {})).pairs).toEqual([]);
      const before = await everything(store);
      const again = await importData(ctx, { format: 'lga-results', file: 'tst.csv', text: TESTSHIRE_LGA });
      expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
      expect(again.summary.review).toEqual([]);
      expect(await everything(store)).toEqual(before);
    });

    it('a split of an import merge holds when the file is imported again', async () => {
      const smith = 'lga-person:testshire:2019-05-02:john-smith';
      const later = 'lga-person:testshire:2023-05-04:john-smith';
      const c2023 = (await store.query.candidaciesOfPerson(smith)).find(
        (c) => c.ballot.date === '2023-05-04',
      )!;
      const r = await peopleSplit(ctx, { person: smith, candidacies: c2023.id, reason: 'a namesake' });
      expect(r).toMatchObject({ newPerson: later, restored: true });
      const before = await everything(store);
      const again = await importData(ctx, { format: 'lga-results', file: 'tst.csv', text: TESTSHIRE_LGA });
      expect(again.summary.merged).toEqual([]);
      expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
      expect(await everything(store)).toEqual(before);
    });
  });
}
