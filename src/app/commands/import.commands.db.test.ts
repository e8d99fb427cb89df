/**
 * `caucus import` on every database: idempotence (the same file twice changes nothing), strict errors that write
 * nothing, --skip-invalid with its rejects, placeholders that never overwrite, person matching across LGA files,
 * and the real South Yorkshire and Sheffield files when ../shared is present.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { fixedClock } from '../../domain/ports.js';
import { readCsv } from '../../engines/ingest/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { importData, rejectsCsv } from './import.commands.js';
import {
  COUNCILS,
  counts,
  DC_CURRENT,
  DC_HEADER,
  everything,
  hasShared,
  readShared,
  SHARED_ABSENT,
  SHEFFIELD_2018,
  SY_2021,
  TESTSHIRE_COUNCILS,
  TESTSHIRE_LGA,
  TESTSHIRE_WARDS,
} from './import.test-support.js';

const run = (ctx: AppContext, format: string, file: string, text: string, extra: object = {}) =>
  importData(ctx, { format, file, text, ...extra });

async function failure(p: Promise<unknown>): Promise<InvalidInputError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof InvalidInputError)) throw new Error(`expected an InvalidInputError, got ${String(e)}`);
  return e;
}

const zero = (c: Record<string, number>) => Object.values(c).every((n) => n === 0);

for (const target of testTargets()) {
  describe(`caucus import on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeEach(async () => {
      store = await openStore(await target.fresh());
      ctx = { store, clock: fixedClock('2026-01-02') };
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => target.cleanup());

    it('imports a file, and importing it again changes nothing', async () => {
      const first = await run(ctx, 'dc-candidates', 'candidates.csv', DC_CURRENT);
      expect(first.summary.tables.candidacies).toEqual({ added: 5, updated: 0, unchanged: 0 });
      expect(first.summary.tables.ballots).toEqual({ added: 2, updated: 0, unchanged: 0 });
      expect(first.summary.notes.join(' ')).toMatch(/1 parl/);
      const before = await everything(store);
      const again = await run(ctx, 'dc-candidates', 'candidates.csv', DC_CURRENT);
      expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
      expect(again.summary.tables.candidacies).toEqual({ added: 0, updated: 0, unchanged: 5 });
      expect(await everything(store)).toEqual(before);
    });

    it('corrects a record when a later file says more, and only then', async () => {
      await run(ctx, 'dc-candidates', 'early.csv', DC_CURRENT.replace(',1200,True,', ',,False,'));
      const r = await run(ctx, 'dc-candidates', 'results.csv', DC_CURRENT);
      expect(r.summary.tables.candidacies).toEqual({ added: 0, updated: 1, unchanged: 4 });
      const ann = (await store.query.candidaciesOfBallots(['local.testshire.north.2022-05-05'])).find(
        (x) => x.personId === 'dc-person:101',
      )!;
      expect(ann).toMatchObject({
        votes: 1200,
        elected: true,
        sourceId: 'dataset:dc-candidates:results.csv',
      });
      // A file that lacks the votes does not erase them.
      const back = await run(ctx, 'dc-candidates', 'early.csv', DC_CURRENT.replace(',1200,True,', ',,True,'));
      expect(back.summary.tables.candidacies?.updated).toBe(0);
    });

    it('stops at the first bad row with FILE:LINE: column X: expected ..., got ..., writing nothing', async () => {
      const bad = [DC_CURRENT.split('\n')[0], ...DC_CURRENT.split('\n').slice(1, 3)]
        .join('\n')
        .replace(',900,', ',lots,');
      const e = await failure(run(ctx, 'dc-candidates', 'bad.csv', bad));
      expect(e.message).toBe(
        'bad.csv:3: column votes_cast: expected a number of votes (0 or more) or nothing, got "lots"',
      );
      expect(e.code).toBe('invalid-input');
      expect(zero(await counts(store))).toBe(true);
    });

    it('names a file in the wrong format, and writes nothing', async () => {
      const e = await failure(run(ctx, 'dc-candidates', 'results.csv', TESTSHIRE_LGA));
      expect(e.message).toBe(
        'results.csv: this looks like an LGA election results CSV, not a Democracy Club candidates CSV',
      );
      const e2 = await failure(run(ctx, 'lga-results', 'cands.csv', DC_CURRENT));
      expect(e2.message).toMatch(/this looks like a Democracy Club candidates CSV, not LGA results/);
      expect(zero(await counts(store))).toBe(true);
    });

    it('with skipInvalid writes the good rows and returns the bad ones with reasons', async () => {
      const lines = DC_CURRENT.split('\n');
      lines[2] = lines[2]!.replace(',900,', ',-5,');
      lines[4] = lines[4]!.replace(
        'local.testshire.south-and-east.by.2022-05-05',
        'local.testshire.2022-05-05',
      );
      const r = await run(ctx, 'dc-candidates', 'mixed.csv', lines.join('\n'), { skipInvalid: true });
      expect(r.summary.rejected).toBe(2);
      expect(r.rejects.map((x) => x.line)).toEqual([3, 5]);
      expect(r.summary.tables.candidacies?.added).toBe(3);
      const csv = readCsv(rejectsCsv(r.rejects), 'rejects.csv');
      expect(csv.header).toEqual(['line', 'reason', 'row']);
      expect(csv.rows.map((row) => row.cells[0])).toEqual(['3', '5']);
      expect(csv.rows[0]!.cells[1]).toBe(
        'mixed.csv:3: column votes_cast: expected a number of votes (0 or more) or nothing, got "-5"',
      );
      expect(csv.rows[1]!.cells[1]).toMatch(
        /^mixed\.csv:5: column ballot_paper_id: expected a ballot id naming a ward/,
      );
      expect(csv.rows[0]!.cells[2]).toBe(lines[2]);
      const persons = (await store.registry.read()).persons.map((p) => p.id);
      expect(persons).not.toContain('dc-person:102');
      expect(persons).not.toContain('dc-person:104');
    });

    it('links results to councils in the registry, and never lets a result file overwrite a ward list', async () => {
      await run(ctx, 'councils', 'la.csv', TESTSHIRE_COUNCILS);
      await run(ctx, 'wards', 'wards.csv', TESTSHIRE_WARDS);
      const r = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(r.summary.notes.join(' ')).toMatch(/1 parish, town or community council/);
      const posts = await store.query.postsOfCouncil('TST');
      expect(posts.map((p) => [p.id, p.seats])).toEqual([
        ['post:testshire:E05000101', 3],
        ['post:testshire:E05000102', 1],
      ]);
      const snap = await store.registry.read();
      expect(new Set(snap.elections.map((e) => e.councilId))).toEqual(new Set(['TST']));
      expect(snap.organizations.some((o) => o.id.startsWith('council:'))).toBe(false);
    });

    it('lets a ward list correct the seats a result file guessed', async () => {
      await run(ctx, 'councils', 'la.csv', TESTSHIRE_COUNCILS);
      await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect((await store.query.postsOfCouncil('TST')).map((p) => p.seats)).toEqual([1, 1]);
      const w = await run(ctx, 'wards', 'wards.csv', TESTSHIRE_WARDS);
      expect(w.summary.tables.posts).toEqual({ added: 0, updated: 1, unchanged: 1 });
      expect((await store.query.postsOfCouncil('TST')).map((p) => p.seats)).toEqual([3, 1]);
      const again = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
      expect((await store.query.postsOfCouncil('TST')).map((p) => p.seats)).toEqual([3, 1]);
    });

    it('matches people across LGA files: sure matches merged and logged, the rest listed for review', async () => {
      await run(ctx, 'councils', 'la.csv', TESTSHIRE_COUNCILS);
      const r = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      const merged = r.summary.merged.map((m) => [m.kept, m.merged]);
      expect(merged).toEqual(
        expect.arrayContaining([
          ['lga-person:testshire:2019-05-02:john-smith', 'lga-person:testshire:2023-05-04:john-smith'],
          ['lga-person:testshire:2019-05-02:mary-jones', 'lga-person:testshire:2021-05-06:mary-jones'],
          ['lga-person:testshire:2019-05-02:mary-jones', 'lga-person:testshire:2022-05-05:mary-jones'],
          ['lga-person:testshire:2019-05-02:sara-khan', 'lga-person:testshire:2021-05-06:sara-khan'],
          ['lga-person:testshire:2019-05-02:sara-khan', 'lga-person:testshire:2023-05-04:sara-khan'],
        ]),
      );
      expect(merged).toHaveLength(5);
      expect(r.summary.review.map((p) => [p.a.name, p.b.name, p.council])).toEqual([
        ['Ravi Patel', 'R Patel', 'TST'],
      ]);
      const log = await store.people.log(undefined, 100);
      expect(log).toHaveLength(5);
      expect(log.every((e) => e.action === 'merge' && e.actor === 'import:dataset:lga-results:tst.csv')).toBe(
        true,
      );
      const jones = await store.query.candidaciesOfPerson('lga-person:testshire:2019-05-02:mary-jones');
      expect(jones.map((c) => c.ballot.date)).toEqual(['2019-05-02', '2021-05-06', '2022-05-05']);

      // Again: the merged records are not recreated, nothing is merged twice, the review stays one open pair.
      const before = await everything(store);
      const again = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
      expect(again.summary.merged).toEqual([]);
      expect(again.summary.review).toHaveLength(1);
      expect(await everything(store)).toEqual(before);
      expect((await store.people.reviews('open', 10)).length).toBe(1);
    });

    it('fills in the scheme of a council that declares none, from at least three ordinary polls', async () => {
      await run(ctx, 'councils', 'la.csv', TESTSHIRE_COUNCILS);
      await run(ctx, 'wards', 'wards.csv', TESTSHIRE_WARDS);
      const r = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(r.summary.schemes).toEqual([{ council: 'TST', scheme: 'thirds', polls: 4 }]);
      expect((await store.query.organization('TST'))?.electionScheme).toBe('thirds');
      const again = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(again.summary.schemes).toEqual([]);
    });

    it('leaves a declared scheme alone', async () => {
      await run(ctx, 'councils', 'la.csv', TESTSHIRE_COUNCILS);
      const tst = (await store.query.organization('TST'))!;
      await store.transaction((repos) =>
        repos.upsert.upsert({ organizations: [{ ...tst, electionScheme: 'all-out' }] }),
      );
      const r = await run(ctx, 'lga-results', 'tst.csv', TESTSHIRE_LGA);
      expect(r.summary.schemes).toEqual([]);
      expect((await store.query.organization('TST'))?.electionScheme).toBe('all-out');
    });

    it('reads a legacy-layout row the same as a current one', async () => {
      const legacy = [
        'person_id,person_name,election_id,ballot_paper_id,election_date,party_id,party_name,post_id,post_label,gss,votes_cast,elected',
        '101,Ann Able,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,party:53,Labour Party,MTW:E05000001,North,,1200,True',
      ].join('\r');
      const current = [DC_HEADER, DC_CURRENT.split('\n')[1]].join('\n');
      const a = await run(ctx, 'dc-candidates', 'legacy.csv', legacy);
      expect(a.summary.tables.candidacies?.added).toBe(1);
      const b = await run(ctx, 'dc-candidates', 'current.csv', current);
      expect(b.summary.tables.candidacies).toEqual({ added: 0, updated: 0, unchanged: 1 });
    });

    describe.skipIf(!hasShared(SY_2021) || !hasShared(SHEFFIELD_2018) || !hasShared(COUNCILS))(
      `the real South Yorkshire and Sheffield files (${SHARED_ABSENT} when skipped)`,
      () => {
        it('imports councils, 2018 results and 2021 candidates, linked to SHF, BNS, DNC, ROT; twice changes nothing', async () => {
          await run(ctx, 'councils', 'la.csv', readShared(COUNCILS));
          const sy = await run(ctx, 'dc-candidates', 'sy-2021.csv', readShared(SY_2021));
          expect(sy.summary.rejected).toBe(0);
          expect(sy.summary.tables.candidacies?.added).toBe(633);
          expect(sy.summary.tables.ballots?.added).toBe(95);
          const sh = await run(ctx, 'dc-results', 'sheffield-2018.json', readShared(SHEFFIELD_2018));
          expect(sh.summary.tables.candidacies?.added).toBe(209);
          expect(sh.summary.tables.ballots?.added).toBe(49);
          // The 2018 wards are the 2021 wards: same GSS codes, same posts.
          expect(sh.summary.tables.posts).toEqual({ added: 0, updated: 0, unchanged: 49 });
          const snap = await store.registry.read();
          expect([...new Set(snap.elections.map((e) => e.councilId))].sort()).toEqual([
            'BNS',
            'DNC',
            'ROT',
            'SHF',
          ]);
          // Democracy Club ids settle identity: people standing in 2018 and 2021 are one record each.
          const twice = snap.persons.filter(
            (p) =>
              new Set(snap.candidacies.filter((c) => c.personId === p.id).map((c) => c.ballotId.slice(-10)))
                .size === 2,
          );
          expect(twice.length).toBeGreaterThan(20);
          expect(sy.summary.merged).toEqual([]);

          const before = await everything(store);
          for (const [format, file, name] of [
            ['councils', COUNCILS, 'la.csv'],
            ['dc-candidates', SY_2021, 'sy-2021.csv'],
            ['dc-results', SHEFFIELD_2018, 'sheffield-2018.json'],
          ] as const) {
            const again = await run(ctx, format, name, readShared(file));
            expect(again.summary.totals.added + again.summary.totals.updated).toBe(0);
          }
          expect(await everything(store)).toEqual(before);
        });
      },
    );
  });
}
