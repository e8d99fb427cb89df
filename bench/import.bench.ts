/**
 * Import benchmark: 300,000 generated candidacy rows in the Democracy Club candidates CSV layout (seeded).
 * The parse, against a naive split of the same text; the whole `caucus import` into a fresh SQLite database
 * (parse, upsert, person matching, scheme inference, commit: goal 5 s), against a raw better-sqlite3
 * prepared-statement insert of the same records in the same run (goal: at least 0.3 of its speed); and the
 * ledger and cycle inference of every council of the uk sample nation read from a store (goal 2 s), against
 * reading the same tables alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importData } from '../src/app/commands/import.commands.js';
import { ledgerAndCycleForAll } from '../src/app/commands/ledger.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { createRandom } from '../src/domain/random.js';
import { scanCsv } from '../src/engines/ingest/csv.reader.js';
import { parseDcCandidates } from '../src/engines/ingest/dc-candidates.importer.js';
import { generateSample } from '../src/engines/sample/index.js';
import { toRow } from '../src/store/codec.js';
import { SNAPSHOT_TABLES } from '../src/store/schema.js';
import { openStore } from '../src/store/store.js';
import { best, report } from './lib.js';

const ROWS = 300_000;
const HEADER =
  'person_id,person_name,election_id,ballot_paper_id,election_date,election_current,party_name,party_id,post_label,cancelled_poll,seats_contested,votes_cast,elected,gss,post_id';
const PARTIES: ReadonlyArray<[string, string]> = [
  ['PP53', 'Labour Party'],
  ['party:52', 'Conservative and Unionist Party'],
  ['PP90', 'Liberal Democrats'],
  ['party:63', 'Green Party'],
  ['PP7931', 'Reform UK'],
  ['ynmp-party:2', 'Independent'],
  ['joint-party:53-119', 'Labour and Co-operative Party'],
];
const FORENAMES = [
  'Ann',
  'Bob',
  'Cara',
  'Dev',
  'Esme',
  'Farid',
  'Grace',
  'Huw',
  'Ines',
  'Jon',
  'Kemi',
  'Liam',
];
const SURNAMES = [
  'Smith',
  "O'Brien",
  'Jones',
  'Patel',
  'Williams',
  'Nguyen',
  'Brown',
  'Taylor',
  'Khan',
  'Evans',
];

/** Seeded Democracy Club CSV text with `rows` candidacies: councils x wards x years, 3-6 candidates a ballot. */
export function generateDcCsv(rows: number, seed = 1): string {
  const rng = createRandom(seed);
  const out: string[] = [HEADER];
  let ballot = 0;
  let written = 0;
  while (written < rows) {
    const council = ballot % 300;
    const ward = Math.floor(ballot / 300) % 25;
    const year = 2004 + (Math.floor(ballot / 7500) % 21);
    const date = `${year}-05-0${1 + (year % 7)}`;
    const slug = `council-${council}`;
    const wardSlug = `ward-${ward}`;
    const by = rng.next() < 0.03;
    const ballotId = `local.${slug}.${wardSlug}${by ? '.by' : ''}.${date}`;
    const gss = `E05${String(council * 100 + ward).padStart(6, '0')}`;
    const seats = by ? 1 : 1 + rng.int(3);
    const n = Math.min(rows - written, seats + 2 + rng.int(3));
    for (let k = 0; k < n; k++) {
      const personId = ballot * 8 + k + 1;
      const name = `${FORENAMES[rng.int(FORENAMES.length)]} ${SURNAMES[rng.int(SURNAMES.length)]}`;
      const quotedName = rng.next() < 0.05 ? `"${name}, Jr"` : name;
      const [partyId, partyName] = PARTIES[rng.int(PARTIES.length)]!;
      const label = ward % 5 === 0 ? `"Ward ${ward}, North & East"` : `Ward ${ward}`;
      out.push(
        [
          personId,
          quotedName,
          `local.${slug}.${date}`,
          ballotId,
          date,
          'False',
          partyName,
          partyId,
          label,
          'False',
          seats,
          rng.int(4000),
          k < seats ? 'True' : 'False',
          gss,
          `gss:${gss}`,
        ].join(','),
      );
      written++;
    }
    ballot++;
  }
  return `${out.join('\r\n')}\r\n`;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A migrated, empty Caucus database in a fresh directory. */
async function freshDatabase(): Promise<{ path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-import-'));
  const path = join(dir, 'bench.db');
  await (await openStore(path)).close();
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The baseline: the same records inserted with one prepared statement per table, row by row, in one transaction. */
function rawInsert(path: string, snapshot: Record<string, object[] | undefined>): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  let rows = 0;
  db.transaction(() => {
    for (const table of SNAPSHOT_TABLES) {
      const records = snapshot[table];
      if (!records?.length) continue;
      const cols = Object.keys(records[0]!);
      const st = db.prepare(
        `insert into ${snake(table)} (${cols.map(snake).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
      for (const r of records) {
        const row = toRow(table, r);
        st.run(...cols.map((c) => (row[c] ?? null) as never));
        rows++;
      }
    }
  })();
  db.close();
  return rows;
}

async function importToDatabase(text: string): Promise<void> {
  const snapshot = parseDcCandidates(text, 'bench.csv').snapshot as Record<string, object[] | undefined>;
  const records = SNAPSHOT_TABLES.reduce((n, t) => n + (snapshot[t]?.length ?? 0), 0);
  // Each run needs a fresh database: time only the import, not creating and removing the file.
  let added = 0;
  const whole = { ms: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 2; i++) {
    const db = await freshDatabase();
    const store = await openStore(db.path);
    try {
      const t0 = performance.now();
      const { summary } = await importData(
        { store, clock: fixedClock('2026-01-02') },
        { format: 'dc-candidates', file: 'bench.csv', text },
      );
      whole.ms = Math.min(whole.ms, performance.now() - t0);
      added = summary.totals.added;
    } finally {
      await store.close();
      db.dispose();
    }
  }
  if (added !== records) throw new Error(`expected ${records} records added, got ${added}`);
  const raw = { ms: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 2; i++) {
    const db = await freshDatabase();
    try {
      const t0 = performance.now();
      const n = rawInsert(db.path, snapshot);
      raw.ms = Math.min(raw.ms, performance.now() - t0);
      if (n !== records) throw new Error(`raw insert wrote ${n} of ${records} records`);
    } finally {
      db.dispose();
    }
  }
  report({
    name: `whole import of ${ROWS.toLocaleString('en-GB')} rows (${records.toLocaleString('en-GB')} records) into a fresh SQLite database`,
    value: whole.ms,
    unit: 'ms',
    max: 5_000,
    baseline: { name: 'raw prepared-statement insert of the same records (no parse)', value: raw.ms },
    ratio: { value: raw.ms / whole.ms, min: 0.3, meaning: 'of the raw insert speed' },
  });
  report({
    name: 'whole import rate',
    value: ROWS / (whole.ms / 1000),
    unit: 'rows/s',
    min: ROWS / 5,
    baseline: { name: 'raw insert', value: ROWS / (raw.ms / 1000) },
  });
}

async function ledgerForAll(): Promise<void> {
  const db = await freshDatabase();
  const store = await openStore(db.path);
  try {
    await store.transaction((r) => r.registry.load(generateSample({ scale: 'uk', seed: 1 })));
    await store.catalog.refreshStatistics();
    const ctx = { store, clock: fixedClock('2026-11-25') };
    const read = await best(() => store.history.allRecords(), 3);
    const all = await best(() => ledgerAndCycleForAll(ctx), 3);
    const councils = all.result.length;
    const ledgers = all.result.filter((r) => r.ledger).length;
    report({
      name: `ledger (latest ordinary election) and cycle inference for all ${councils} councils of the uk sample (${ledgers} ledgers)`,
      value: all.ms,
      unit: 'ms',
      max: 2_000,
      baseline: { name: 'reading the election history tables alone', value: read.ms },
      ratio: { value: all.ms / read.ms, meaning: 'x the read' },
    });
  } finally {
    await store.close();
    db.dispose();
  }
}

export async function run(): Promise<void> {
  const text = generateDcCsv(ROWS, 42);
  const naive = await best(() => {
    let cells = 0;
    for (const line of text.split('\r\n')) cells += line.split(',').length;
    return cells;
  }, 3);
  const scan = await best(() => {
    let rows = 0;
    scanCsv(text, 'bench.csv', {}, () => rows++);
    return rows;
  }, 3);
  const parse = await best(() => parseDcCandidates(text, 'bench.csv'), 3);
  const imported = parse.result.snapshot.candidacies?.length ?? 0;
  if (imported !== ROWS) throw new Error(`expected ${ROWS} candidacies, parsed ${imported}`);
  report({
    name: `parse ${ROWS.toLocaleString('en-GB')} Democracy Club candidacy rows (${(text.length / 1e6).toFixed(1)} MB)`,
    value: parse.ms,
    unit: 'ms',
    max: 5_000,
    baseline: { name: 'naive split of lines and commas', value: naive.ms },
    ratio: { value: parse.ms / naive.ms, meaning: 'x the naive split' },
  });
  report({
    name: 'of which CSV reading (quotes, line numbers, trimming)',
    value: scan.ms,
    unit: 'ms',
    baseline: { name: 'naive split of lines and commas', value: naive.ms },
    ratio: { value: scan.ms / naive.ms, meaning: 'x the naive split' },
  });
  report({
    name: 'parse rate',
    value: ROWS / (parse.ms / 1000),
    unit: 'rows/s',
    min: ROWS / 5,
    baseline: { name: 'naive split', value: ROWS / (naive.ms / 1000) },
  });
  await importToDatabase(text);
  await ledgerForAll();
}
