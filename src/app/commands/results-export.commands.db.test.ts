/**
 * `caucus export dc-candidates | lga-results` on every database, and the round trip: import a file, export,
 * import the export into a fresh database, and find the same records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/ports.js';
import { LGA_COLUMNS, readCsv } from '../../engines/ingest/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { importData } from './import.commands.js';
import {
  COUNCILS,
  DC_CURRENT,
  hasShared,
  readShared,
  SHARED_ABSENT,
  SHEFFIELD_2018,
  SY_2021,
  TESTSHIRE_COUNCILS,
  TESTSHIRE_LGA,
} from './import.test-support.js';
import {
  DC_EXPORT_COLUMNS,
  exportDcCandidates,
  exportLgaResults,
  type ResultsExport,
} from './results-export.commands.js';

async function text(e: ResultsExport): Promise<string> {
  let out = '';
  for await (const chunk of e.chunks) out += chunk;
  return out;
}

/** The registry without what depends on the file a record came from (its source). */
async function records(store: Store) {
  const s = await store.registry.read();
  const strip = (rows: object[]) => rows.map((r) => JSON.stringify({ ...r, sourceId: undefined })).sort();
  return {
    areas: strip(s.areas),
    organizations: strip(s.organizations),
    persons: strip(s.persons),
    posts: strip(s.posts),
    elections: strip(s.elections),
    ballots: strip(s.ballots),
    candidacies: strip(s.candidacies),
    identifiers: strip(s.identifiers),
    events: strip(s.events),
  };
}

for (const target of testTargets()) {
  describe(`results exports on ${target.name}`, () => {
    afterAll(() => target.cleanup());
    const open = async () => {
      const store = await openStore(await target.fresh());
      return { store, ctx: { store, clock: fixedClock('2026-01-02') } as AppContext };
    };

    it('writes the Democracy Club columns with the council GSS code and votes, and reads back the same', async () => {
      const a = await open();
      await importData(a.ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      await importData(a.ctx, { format: 'dc-candidates', file: 'cands.csv', text: DC_CURRENT });
      const csv = await text(await exportDcCandidates(a.ctx, {}));
      const table = readCsv(csv, 'export.csv');
      expect(table.header).toEqual([...DC_EXPORT_COLUMNS]);
      expect(table.rows).toHaveLength(5);
      const ann = table.rows.find((r) => r.cells[0] === '101')!.cells;
      expect(Object.fromEntries(DC_EXPORT_COLUMNS.map((c, i) => [c, ann[i]]))).toMatchObject({
        person_name: 'Ann Able',
        ballot_paper_id: 'local.testshire.north.2022-05-05',
        party_id: 'PP53',
        seats_contested: '2',
        votes_cast: '1200',
        elected: 'True',
        gss: 'E05000001',
        post_id: 'gss:E05000001',
        council_gss: 'E07000999',
      });
      const di = table.rows.find((r) => r.cells[0] === '104')!.cells;
      expect([di[6], di[7]]).toEqual(['Independent', 'ynmp-party:2']);

      const b = await open();
      await importData(b.ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      const back = await importData(b.ctx, { format: 'dc-candidates', file: 'export.csv', text: csv });
      expect(back.summary.rejected).toBe(0);
      expect(await records(b.store)).toEqual(await records(a.store));
      await a.store.close();
      await b.store.close();
    });

    it('writes the 33 LGA columns and reads back the same people, merges included', async () => {
      const a = await open();
      await importData(a.ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      const first = await importData(a.ctx, { format: 'lga-results', file: 'tst.csv', text: TESTSHIRE_LGA });
      const csv = await text(await exportLgaResults(a.ctx, { council: 'TST' }));
      const table = readCsv(csv, 'export.csv');
      expect(table.header).toEqual([...LGA_COLUMNS]);
      // The parish row was never imported; every council candidacy is.
      expect(table.rows).toHaveLength(14);
      const col = (name: string) => LGA_COLUMNS.indexOf(name as (typeof LGA_COLUMNS)[number]);
      const obrien = table.rows.find((r) => r.cells[col('CandidateSurname')] === "O'Brien")!.cells;
      expect(obrien[col('OrganisationURI')]).toBe(
        'http://statistics.data.gov.uk/id/statistical-geography/E07000999',
      );
      expect(obrien[col('PoliticalPartyURI')]).toMatch(/Registrations\/PP53$/);
      expect(obrien[col('TypeofElection')]).toBe('DistrictAndBorough');

      const b = await open();
      await importData(b.ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      const back = await importData(b.ctx, { format: 'lga-results', file: 'export.csv', text: csv });
      expect(back.summary.merged.map((m) => [m.kept, m.merged])).toEqual(
        first.summary.merged.map((m) => [m.kept, m.merged]),
      );
      expect(back.summary.review.map((p) => [p.a.id, p.b.id])).toEqual(
        first.summary.review.map((p) => [p.a.id, p.b.id]),
      );
      expect(await records(b.store)).toEqual(await records(a.store));
      await a.store.close();
      await b.store.close();
    });

    it('looks the council up before writing anything', async () => {
      const a = await open();
      const e = await exportDcCandidates(a.ctx, { council: 'Atlantis' }).catch((x) => x);
      expect(e.code).toBe('not-found');
      await importData(a.ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
      await importData(a.ctx, { format: 'dc-candidates', file: 'cands.csv', text: DC_CURRENT });
      const only = readCsv(await text(await exportDcCandidates(a.ctx, { council: 'E07000999' })), 'x.csv');
      expect(only.rows).toHaveLength(5);
      await a.store.close();
    });

    describe.skipIf(!hasShared(SY_2021) || !hasShared(SHEFFIELD_2018) || !hasShared(COUNCILS))(
      `the real files (${SHARED_ABSENT} when skipped)`,
      () => {
        it('round-trips South Yorkshire 2021 and Sheffield 2018 through the Democracy Club CSV', async () => {
          const a = await open();
          await importData(a.ctx, { format: 'councils', file: 'la.csv', text: readShared(COUNCILS) });
          await importData(a.ctx, { format: 'dc-candidates', file: 'sy.csv', text: readShared(SY_2021) });
          await importData(a.ctx, {
            format: 'dc-results',
            file: 'shf.json',
            text: readShared(SHEFFIELD_2018),
          });
          const e = await exportDcCandidates(a.ctx, {});
          const csv = await text(e);
          expect(e.stats).toEqual({ rows: 633 + 209, withoutDcPersonId: 0 });
          const b = await open();
          await importData(b.ctx, { format: 'councils', file: 'la.csv', text: readShared(COUNCILS) });
          await importData(b.ctx, { format: 'dc-candidates', file: 'export.csv', text: csv });
          expect(await records(b.store)).toEqual(await records(a.store));
          await a.store.close();
          await b.store.close();
        });
      },
    );
  });
}
