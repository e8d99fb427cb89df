/**
 * A throwaway PostgreSQL server for benchmarks that compare SQLite with PostgreSQL in the same run. It is
 * started by scripts/pg-server.sh (the script the test command uses), in a temporary folder, on 127.0.0.1 on a
 * free port, and stopped by `stop()`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface ThrowawayPg {
  url: string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts a throwaway PostgreSQL server; null (with the reason printed) when it cannot be started. */
export async function startThrowawayPg(): Promise<ThrowawayPg | null> {
  const installed = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0;
  if (!installed) {
    console.log('PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL half will not run');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-pg-'));
  // The server runs as the `postgres` user when we are root, and must be able to reach its folder.
  chmodSync(dir, 0o755);
  const server = join(dir, 'server');
  const script = join(ROOT, 'scripts', 'pg-server.sh');
  const started = spawnSync('bash', [script, 'start', server], { encoding: 'utf8' });
  if (started.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`could not start PostgreSQL (${started.stderr.trim()}): the PostgreSQL half will not run`);
    return null;
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', [script, 'stop', server]);
    rmSync(dir, { recursive: true, force: true });
  };
  // A benchmark that throws or is interrupted must not leave a server running behind it.
  process.once('exit', () => {
    if (!stopped) spawnSync('bash', [script, 'stop', server]);
  });
  return { url: started.stdout.trim(), stop };
}

/**
 * The PostgreSQL server a benchmark should use: CAUCUS_BENCH_PG_URL when set (left running), otherwise a
 * throwaway server; null (with the reason printed) when neither is available.
 */
export async function benchPg(): Promise<ThrowawayPg | null> {
  const given = process.env.CAUCUS_BENCH_PG_URL;
  if (given) return { url: given, stop: async () => {} };
  return startThrowawayPg();
}

/**
 * Creates a new, empty database on the server at `adminUrl` (so a benchmark never reuses or clobbers data
 * that is already there) and returns its URL and a function that drops it.
 */
export async function freshPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `caucus_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
