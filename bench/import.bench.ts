/**
 * Import benchmark: 300,000 generated candidacy rows in the Democracy Club candidates CSV layout (seeded).
 * The parse, against a naive split of the same text; the whole `caucus import` into a fresh SQLite database
 * (parse, upsert, person matching, scheme inference, commit: goal 5 s), against a raw better-sqlite3
 * prepared-statement insert of the same records in the same run (goal: at least 0.3 of its speed), in wall
 * time and in this process's CPU time (steadier on a shared machine); the same import into PostgreSQL beside
 * it when a server can be had (bench/pg.ts), against raw prepared multi-row inserts through `pg`; and the
 * ledger and cycle inference of every council of the uk sample nation read from a store (goal 2 s), against
 * reading the same tables alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { importData } from '../src/app/commands/import.commands.js';
import { ledgerAndCycleForAll } from '../src/app/commands/ledger.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { createRandom } from '../src/domain/random.js';
import { scanCsv } from '../src/engines/ingest/csv.reader.js';
import { parseDcCandidates } from '../src/engines/ingest/dc-candidates.importer.js';
import { LEDGER_READS } from '../src/engines/ledger/index.js';
import { generateSample } from '../src/engines/sample/index.js';
import { toRow } from '../src/store/codec.js';
import { SNAPSHOT_TABLES } from '../src/store/schema.js';
import { openStore, type Store } from '../src/store/store.js';
import { best, fmt, report } from './lib.js';
import { benchPg, freshPgDatabase } from './pg.js';

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

/** A better-sqlite3 connection to the file, set up as Caucus sets up its own. */
function rawConnection(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  return db;
}

/** The baseline: the same records inserted with one prepared statement per table, row by row, in one transaction. */
function rawInsert(db: Database.Database, snapshot: Record<string, object[] | undefined>): number {
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
  return rows;
}

/** This process's CPU time in ms (user and system, all its threads): steadier than wall time under load. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Timed {
  ms: number;
  cpuMs: number;
}

/**
 * Runs `run` `repeat` times, each on a fresh target, keeping the best wall and the best CPU time. Making the
 * target (a new database, opened) and disposing of it (closing, which checkpoints SQLite's log into the
 * file, and removing it) are not timed: only the writes and their commit are.
 */
async function timed<T, R>(
  repeat: number,
  fresh: () => Promise<T & { dispose: () => Promise<void> | void }>,
  run: (target: T) => Promise<R> | R,
): Promise<Timed & { result: R }> {
  const out = { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY, result: undefined as R };
  for (let i = 0; i < repeat; i++) {
    const target = await fresh();
    try {
      const c0 = cpuMs();
      const t0 = performance.now();
      out.result = await run(target);
      out.ms = Math.min(out.ms, performance.now() - t0);
      out.cpuMs = Math.min(out.cpuMs, cpuMs() - c0);
    } finally {
      await target.dispose();
    }
  }
  return out;
}

/** The whole `caucus import` of the text into an open store; returns the records added. */
async function wholeImport(store: Store, text: string): Promise<number> {
  const { summary } = await importData(
    { store, clock: fixedClock('2026-01-02') },
    { format: 'dc-candidates', file: 'bench.csv', text },
  );
  return summary.totals.added;
}

/**
 * The PostgreSQL baseline: the same records through `pg` in one transaction, each table's rows in prepared
 * INSERTs of up to 500 rows (row by row, a million round trips would time the network, not the database).
 */
async function rawInsertPg(
  client: pg.Client,
  snapshot: Record<string, object[] | undefined>,
): Promise<number> {
  let rows = 0;
  await client.query('begin');
  for (const table of SNAPSHOT_TABLES) {
    const records = snapshot[table];
    if (!records?.length) continue;
    const cols = Object.keys(records[0]!);
    const per = Math.min(500, Math.floor(65_000 / cols.length));
    const statement = (n: number) => {
      const values = Array.from(
        { length: n },
        (_, r) => `(${cols.map((_c, c) => `$${r * cols.length + c + 1}`).join(', ')})`,
      );
      return `insert into ${snake(table)} (${cols.map(snake).join(', ')}) values ${values.join(', ')}`;
    };
    for (let i = 0; i < records.length; i += per) {
      const part = records.slice(i, i + per);
      const values: unknown[] = [];
      for (const r of part) {
        const row = toRow(table, r);
        for (const c of cols) values.push(row[c] ?? null);
      }
      await client.query({ name: `${table}-${part.length}`, text: statement(part.length), values });
      rows += part.length;
    }
  }
  await client.query('commit');
  return rows;
}

interface ImportFigures {
  whole: Timed;
  raw: Timed;
}

async function importToSqlite(
  text: string,
  snapshot: Record<string, object[] | undefined>,
  records: number,
): Promise<ImportFigures> {
  const whole = await timed(
    2,
    async () => {
      const db = await freshDatabase();
      const store = await openStore(db.path);
      return {
        store,
        dispose: async () => {
          await store.close();
          db.dispose();
        },
      };
    },
    ({ store }) => wholeImport(store, text),
  );
  if (whole.result !== records) throw new Error(`expected ${records} records added, got ${whole.result}`);
  const raw = await timed(
    2,
    async () => {
      const db = await freshDatabase();
      const connection = rawConnection(db.path);
      return {
        connection,
        dispose: () => {
          connection.close();
          db.dispose();
        },
      };
    },
    ({ connection }) => rawInsert(connection, snapshot),
  );
  if (raw.result !== records) throw new Error(`raw insert wrote ${raw.result} of ${records} records`);
  return { whole, raw };
}

/** The PostgreSQL half, once each (a server import takes several times SQLite's); null when it cannot run. */
async function importToPostgres(
  text: string,
  snapshot: Record<string, object[] | undefined>,
  records: number,
): Promise<{ figures: ImportFigures | null; note: string }> {
  if (process.env.BENCH_IMPORT_PG === '0') return { figures: null, note: 'BENCH_IMPORT_PG=0 was set' };
  const server = await benchPg();
  if (!server)
    return { figures: null, note: 'no PostgreSQL server (set CAUCUS_BENCH_PG_URL, or install PostgreSQL)' };
  try {
    const whole = await timed(
      1,
      async () => {
        const database = await freshPgDatabase(server.url);
        const store = await openStore(database.url);
        return {
          store,
          dispose: async () => {
            await store.close();
            await database.drop();
          },
        };
      },
      ({ store }) => wholeImport(store, text),
    );
    if (whole.result !== records) throw new Error(`expected ${records} records added, got ${whole.result}`);
    const raw = await timed(
      1,
      async () => {
        const database = await freshPgDatabase(server.url);
        // Migrated, as the store's database is, then written through a plain client.
        await (await openStore(database.url)).close();
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        return {
          client,
          dispose: async () => {
            await client.end();
            await database.drop();
          },
        };
      },
      ({ client }) => rawInsertPg(client, snapshot),
    );
    if (raw.result !== records) throw new Error(`raw insert wrote ${raw.result} of ${records} records`);
    return { figures: { whole, raw }, note: '' };
  } finally {
    await server.stop();
  }
}

async function importToDatabase(text: string): Promise<void> {
  const snapshot = parseDcCandidates(text, 'bench.csv').snapshot as Record<string, object[] | undefined>;
  const records = SNAPSHOT_TABLES.reduce((n, t) => n + (snapshot[t]?.length ?? 0), 0);
  const sqlite = await importToSqlite(text, snapshot, records);
  const { whole, raw } = sqlite;
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
  report({
    name: 'whole import, CPU time of this process',
    value: whole.cpuMs,
    unit: 'ms',
    baseline: { name: 'raw insert, CPU time', value: raw.cpuMs },
    ratio: { value: raw.cpuMs / whole.cpuMs, meaning: 'of the raw insert speed in CPU time' },
  });

  const postgres = await importToPostgres(text, snapshot, records);
  if (postgres.figures) {
    const p = postgres.figures;
    report({
      name: `whole import of the same rows into a fresh PostgreSQL database`,
      value: p.whole.ms,
      unit: 'ms',
      baseline: { name: 'raw prepared 500-row INSERTs through pg (no parse)', value: p.raw.ms },
      ratio: { value: p.raw.ms / p.whole.ms, meaning: 'of the raw insert speed' },
    });
  }
  const pgCell = (v: (f: ImportFigures) => string) => (postgres.figures ? v(postgres.figures) : 'not run');
  const rows: Array<[string, string, string]> = [
    ['whole import, wall', `${fmt(whole.ms)} ms`, pgCell((f) => `${fmt(f.whole.ms)} ms`)],
    ['raw insert baseline, wall', `${fmt(raw.ms)} ms`, pgCell((f) => `${fmt(f.raw.ms)} ms`)],
    ['import / raw speed', (raw.ms / whole.ms).toFixed(3), pgCell((f) => (f.raw.ms / f.whole.ms).toFixed(3))],
    [
      'whole import rate',
      `${fmt(ROWS / (whole.ms / 1000))} rows/s`,
      pgCell((f) => `${fmt(ROWS / (f.whole.ms / 1000))} rows/s`),
    ],
  ];
  console.log('     side by side                SQLite               PostgreSQL');
  for (const [name, a, b] of rows) console.log(`     ${name.padEnd(27)} ${a.padEnd(20)} ${b}`);
  if (!postgres.figures) console.log(`     PostgreSQL half not run: ${postgres.note}`);
}

async function ledgerForAll(): Promise<void> {
  const db = await freshDatabase();
  const store = await openStore(db.path);
  try {
    await store.transaction((r) => r.registry.load(generateSample({ scale: 'uk', seed: 1 })));
    await store.catalog.refreshStatistics();
    const ctx = { store, clock: fixedClock('2026-11-25') };
    // The best of three in wall time and, separately, in this process's CPU time.
    const cpuBest = { read: Number.POSITIVE_INFINITY, all: Number.POSITIVE_INFINITY };
    const withCpu = async <T>(key: keyof typeof cpuBest, fn: () => Promise<T>): Promise<T> => {
      const c0 = cpuMs();
      const result = await fn();
      cpuBest[key] = Math.min(cpuBest[key], cpuMs() - c0);
      return result;
    };
    const read = await best(() => withCpu('read', () => store.history.allRecords(LEDGER_READS)), 3);
    const all = await best(() => withCpu('all', () => ledgerAndCycleForAll(ctx)), 3);
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
    report({
      name: 'the same, CPU time of this process',
      value: cpuBest.all,
      unit: 'ms',
      baseline: { name: 'reading the tables alone, CPU time', value: cpuBest.read },
      ratio: { value: cpuBest.all / cpuBest.read, meaning: 'x the read' },
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
