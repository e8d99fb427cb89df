/**
 * The databases every store test runs against: SQLite always, and PostgreSQL when CAUCUS_TEST_PG_URL names
 * a server (`.ci/run` starts one). In CI a missing server is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestTarget {
  name: 'sqlite' | 'postgres';
  /** A location for a new, empty database. */
  fresh(): Promise<string>;
  /** Drops everything fresh() made. */
  cleanup(): Promise<void>;
}

const PG_URL = process.env.CAUCUS_TEST_PG_URL;

if (!PG_URL && process.env.CI === 'true') {
  throw new Error(
    'CI=true but CAUCUS_TEST_PG_URL is not set: the PostgreSQL half of the store tests cannot run',
  );
}

export const PG_SKIP_REASON = PG_URL
  ? null
  : 'PostgreSQL half not run: CAUCUS_TEST_PG_URL is not set (see .ci/run, which starts a throwaway server)';

function sqliteTarget(): TestTarget {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'caucus-test-'));
      dirs.push(dir);
      return join(dir, 'test.db');
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresTarget(adminUrl: string): TestTarget {
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async fresh() {
      const name = `caucus_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`create database ${name}`));
      made.push(name);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async cleanup() {
      const names = made.splice(0);
      await admin(async (c) => {
        for (const n of names) await c.query(`drop database if exists ${n} with (force)`);
      });
    },
  };
}

/** SQLite, plus PostgreSQL where a server is available. */
export function testTargets(): TestTarget[] {
  return PG_URL ? [sqliteTarget(), postgresTarget(PG_URL)] : [sqliteTarget()];
}
