import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, caucus } from '../cli/cli.test-support.js';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-serve-cli-'));
  db = join(dir, 'c.db');
  expect(caucus(['--db', db, 'init']).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caucus token create', () => {
  it('prints the token once and stores only a salted scrypt hash of it', () => {
    const run = caucus(['--db', db, 'token', 'create', '--role', 'editor', '--name', 'News desk']);
    expect(run.status).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^caucus_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(run.stderr).toMatch(/editor token "News desk".*not shown again/);
    const secret = token.split('_').slice(2).join('_');
    const raw = new SqliteDatabase(db, { readonly: true });
    const rows = raw.prepare('select * from api_tokens').all() as Array<Record<string, string>>;
    raw.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'News desk', role: 'editor', kdf: 'scrypt:16384:8:1:32' });
    expect(rows[0]!.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const file of [db, `${db}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file).toString('latin1');
      } catch {
        continue;
      }
      expect(bytes.includes(secret)).toBe(false);
    }
  });

  it('gives JSON with --json and refuses an unknown role', () => {
    const created = JSON.parse(caucus(['--db', db, '--json', 'token', 'create', '--role', 'admin']).stdout);
    expect(created).toMatchObject({ role: 'admin', token: expect.stringMatching(/^caucus_/) });
    expect(caucus(['--db', db, 'token', 'create', '--role', 'overlord']).status).toBe(1);
    expect(caucus(['--db', db, 'token', 'create']).status).toBe(1);
  });
});

describe('caucus serve', () => {
  it('refuses a bad port', () => {
    const run = caucus(['--db', db, 'serve', '--port', '70000']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--port');
  });

  it('serves the API on 127.0.0.1 until it is stopped', async () => {
    const token = caucus(['--db', db, 'token', 'create', '--role', 'editor']).stdout.trim();
    const child = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1', CAUCUS_TODAY: '2026-11-25' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const res = await fetch(`${url}/api/sources`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: 'src:cli', kind: 'document', title: 'Minutes' }),
      });
      expect(res.status).toBe(201);
      expect((await fetch(`${url}/api/sources/src:cli`)).headers.get('etag')).toBe('"1"');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
