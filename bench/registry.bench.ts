/**
 * Registry benchmark: the uk sample's generation and load, bulk-load speed against raw better-sqlite3,
 * Popolo export and re-import, and CLI start-up. Baselines are measured in the same run. On a shared
 * machine wall time swells with the load average it prints first, so the CPU time of this process is
 * reported too, against the same baselines' CPU time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { demo, exportPopolo, importPopolo } from '../src/app/commands/registry.commands.js';
import { overview } from '../src/app/commands/view.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { generateSample } from '../src/engines/sample/index.js';
import { toRow } from '../src/store/codec.js';
import { SNAPSHOT_TABLES } from '../src/store/schema.js';
import { openStore } from '../src/store/store.js';
import { report } from './lib.js';

const clock = fixedClock('2026-11-25');

/** CPU time of this process so far (user and system, all threads), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU time of fn, in ms. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpu: number; result: T }> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, result };
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

async function timeWall(args: string[], db: string): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, CAUCUS_DB: db }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

/**
 * Generation, `demo --scale uk` and the raw baseline. Only counts leave this function, so the snapshot is
 * garbage before the export and import are timed, as it would be in their own processes.
 */
async function loadFigures(dir: string, dbPath: string) {
  // Generation alone, then the whole `demo --scale uk` (generation and load into a new file).
  const gen = await timed(() => generateSample({ scale: 'uk', seed: 1, today: clock.today() }));
  const snapshot = gen.result;
  const rows = SNAPSHOT_TABLES.reduce((n, t) => n + snapshot[t].length, 0);

  const store = await openStore(dbPath);
  const demoRun = await timed(() => demo({ store, clock }, { scale: 'uk', seed: 1 }));
  await store.close();

  // Raw baseline: one prepared INSERT per table, all rows in one transaction, same rows, same pragmas.
  const rawPath = join(dir, 'raw.db');
  (await openStore(rawPath)).close();
  const raw = new SqliteDatabase(rawPath);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  const rawRun = await timed(() =>
    raw.transaction(() => {
      for (const table of SNAPSHOT_TABLES) {
        const records = snapshot[table] as object[];
        if (!records.length) continue;
        const cols = Object.keys(records[0]!);
        const stmt = raw.prepare(
          `insert into ${snake(table)} (${cols.map(snake).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
        );
        for (const r of records) {
          const row = toRow(table, r);
          stmt.run(...cols.map((c) => row[c] as never));
        }
      }
    })(),
  );
  raw.close();
  return { rows, gen: { ms: gen.ms, cpu: gen.cpu }, demo: demoRun, raw: rawRun };
}

/** Export of the loaded sample, and the JSON round trip of the same document; only the text leaves. */
async function exportFigures(dbPath: string) {
  const store = await openStore(dbPath);
  const ctx = { store, clock };
  const ex = await timed(async () => JSON.stringify(await exportPopolo(ctx)));
  await store.close();
  const doc = JSON.parse(ex.result) as unknown;
  const json = await timed(() => JSON.parse(JSON.stringify(doc)));
  return { text: ex.result, export: { ms: ex.ms, cpu: ex.cpu }, json: { ms: json.ms, cpu: json.cpu } };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-'));
  try {
    const load = loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
    console.log(`load average ${load} on ${cpus().length} cores`);
    const dbPath = join(dir, 'uk.db');
    const { rows, gen, demo: demoRun, raw: rawRun } = await loadFigures(dir, dbPath);
    report({ name: 'generate uk sample', value: gen.ms, unit: 'ms' });
    const demoMs = demoRun.ms;
    const rawMs = rawRun.ms;
    const loadMs = demoMs - gen.ms;
    report({
      name: `demo --scale uk (${rows.toLocaleString('en-GB')} records)`,
      value: demoMs,
      unit: 'ms',
      max: 10_000,
      baseline: { name: 'raw prepared insert of the same rows', value: rawMs },
    });
    report({
      name: 'bulk load',
      value: rows / (loadMs / 1000),
      unit: 'rows/s',
      baseline: { name: 'raw better-sqlite3 prepared insert', value: rows / (rawMs / 1000) },
      ratio: { value: rawMs / loadMs, min: 0.25, meaning: 'of raw insert speed' },
    });
    report({
      name: 'demo --scale uk, CPU time',
      value: demoRun.cpu,
      unit: 'ms',
      baseline: { name: 'generation alone, CPU time', value: gen.cpu },
    });
    const loadCpu = demoRun.cpu - gen.cpu;
    report({
      name: 'bulk load, CPU time',
      value: loadCpu,
      unit: 'ms',
      baseline: { name: 'raw prepared insert, CPU time', value: rawRun.cpu },
      ratio: { value: rawRun.cpu / loadCpu, meaning: 'of raw insert speed' },
    });

    // Export and re-import into a new database, against JSON (de)serialisation of the same document.
    const { text, export: ex, json } = await exportFigures(dbPath);
    const jsonMs = json.ms;
    report({
      name: `export popolo (${(text.length / 1e6).toFixed(1)} MB)`,
      value: ex.ms,
      unit: 'ms',
      max: 10_000,
      baseline: { name: 'JSON stringify+parse of the same document', value: jsonMs },
      ratio: { value: ex.ms / jsonMs, meaning: 'x the JSON round trip' },
    });
    const copy = await openStore(join(dir, 'copy.db'));
    const im = await timed(() => importPopolo({ store: copy, clock }, { text, file: 'uk.json' }));
    const importMs = im.ms;
    report({
      name: 'import popolo into a new database',
      value: importMs,
      unit: 'ms',
      max: 10_000,
      baseline: { name: 'JSON stringify+parse of the same document', value: jsonMs },
      ratio: { value: importMs / jsonMs, meaning: 'x the JSON round trip' },
    });
    report({
      name: 'export popolo, CPU time',
      value: ex.cpu,
      unit: 'ms',
      baseline: { name: 'JSON stringify+parse, CPU time', value: json.cpu },
      ratio: { value: ex.cpu / json.cpu, meaning: 'x the JSON round trip' },
    });
    report({
      name: 'import popolo, CPU time',
      value: im.cpu,
      unit: 'ms',
      baseline: { name: 'JSON stringify+parse, CPU time', value: json.cpu },
      ratio: { value: im.cpu / json.cpu, meaning: 'x the JSON round trip' },
    });
    const ov = await overview({ store: copy, clock }, {});
    await copy.close();

    // CLI wall times, process start included, against a bare `node -e ""` in the same run.
    const cli = join(process.cwd(), 'dist/bundle/main.js');
    const nodeMs = await timeWall(['-e', ''], dbPath);
    const helpMs = await timeWall([cli, '--help'], dbPath);
    report({
      name: 'caucus --help',
      value: helpMs,
      unit: 'ms',
      max: 200,
      baseline: { name: 'node -e ""', value: nodeMs },
      ratio: { value: helpMs / nodeMs, meaning: 'x bare node start' },
    });
    const council = ov.largestGroups[0]!.council.id;
    const showMs = await timeWall([cli, 'show', 'council', council], dbPath);
    report({
      name: `caucus show council ${council}`,
      value: showMs,
      unit: 'ms',
      max: 300,
      baseline: { name: 'node -e ""', value: nodeMs },
      ratio: { value: showMs / nodeMs, meaning: 'x bare node start' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
