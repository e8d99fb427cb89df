import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caucus, json } from '../cli.test-support.js';

interface Forecast {
  id: string;
  seed: number;
  runs: number;
  threads: number;
  polls: Array<{
    date: string;
    councils: Array<{
      council: string;
      pPartyMajority: Record<string, number>;
      pFactionControlsGroup: Record<string, number>;
      seats: Record<string, { p5: number; p50: number; p95: number }>;
    }>;
    national: { factionRunCouncils: Record<string, { p5: number; p50: number; p95: number }> };
  }>;
}

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-forecast-cli-'));
  db = join(dir, 'small.db');
  const r = caucus(['--db', db, 'demo', '--scale', 'small', '--seed', '1', '--json']);
  if (r.status !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caucus forecast', () => {
  it('forecasts a council as JSON across worker threads, and shows it again later', () => {
    const r = json<Forecast>(
      caucus([
        '--db',
        db,
        'forecast',
        '--council',
        'council:balklemie',
        '--runs',
        '500',
        '--seed',
        '3',
        '--workers',
        '2',
        '--json',
      ]),
    );
    expect(r.seed).toBe(3);
    expect(r.runs).toBe(500);
    expect(r.threads).toBe(2);
    expect(r.polls.length).toBe(4);
    const c = r.polls[0]!.councils[0]!;
    expect(c.council).toBe('council:balklemie');
    expect(Object.values(c.seats).every((x) => x.p5 <= x.p50 && x.p50 <= x.p95)).toBe(true);
    const inThread = json<Forecast>(
      caucus([
        '--db',
        db,
        'forecast',
        '--council',
        'council:balklemie',
        '--runs',
        '500',
        '--seed',
        '3',
        '--workers',
        '0',
        '--json',
      ]),
    );
    expect(inThread.polls).toEqual(r.polls);
    const shown = json<Forecast>(caucus(['--db', db, 'forecast', 'show', r.id, '--json']));
    expect(shown.polls).toEqual(r.polls);
    const list = json<{ forecasts: Array<{ id: string }> }>(
      caucus(['--db', db, 'forecast', 'list', '--json']),
    );
    expect(list.forecasts.map((f) => f.id)).toContain(r.id);
    const cmp = caucus(['--db', db, 'forecast', 'compare', r.id, inThread.id]);
    expect(cmp.status).toBe(0);
    expect(cmp.stdout).toContain('compared with');
  });

  it('prints tables and the pathways for a council', () => {
    const r = caucus([
      '--db',
      db,
      'forecast',
      '--council',
      'council:esselley',
      '--runs',
      '300',
      '--seed',
      '1',
      '--no-save',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('P(majority)');
    expect(r.stdout).toContain('P(runs council)');
    expect(r.stdout).toContain('Most likely pathways');
  });

  it('compares a scenario file with the baseline', () => {
    const scenario = join(dir, 'surge.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'red surge',
        surges: [
          { localParties: ['local-party:labour.esselley'], growth: 0.3, faction: 'faction:red-tide-network' },
        ],
      }),
    );
    const r = json<Forecast & { baseline: { polls: unknown[] }; scenario: { name: string } }>(
      caucus([
        '--db',
        db,
        'forecast',
        '--council',
        'council:esselley',
        '--runs',
        '300',
        '--seed',
        '2',
        '--scenario',
        scenario,
        '--json',
      ]),
    );
    expect(r.scenario.name).toBe('red surge');
    expect(r.baseline.polls.length).toBe(r.polls.length);
  });

  it('exits 2 naming the bad option, parameter or file', () => {
    const runs = caucus(['--db', db, 'forecast', '--runs', '0']);
    expect(runs.status).toBe(2);
    expect(runs.stderr).toMatch(/--runs: expected at least 1 run/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"parameters": {"defectionRate": -1}}');
    const param = caucus(['--db', db, 'forecast', '--scenario', bad]);
    expect(param.status).toBe(2);
    expect(param.stderr).toContain(`${bad}: parameters.defectionRate: expected a rate from 0 to 1 per year`);
    writeFileSync(bad, '{"parameters": ');
    const syntax = caucus(['--db', db, 'forecast', '--scenario', bad, '--json']);
    expect(syntax.status).toBe(2);
    expect(JSON.parse(syntax.stderr).error.message).toContain('is not valid JSON');
    const empty = caucus(['--db', join(dir, 'empty.db'), 'forecast']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/holds no councils/);
  });

  it('lists surges and calibrates', () => {
    const s = json<{ surges: unknown[]; scored: number }>(caucus(['--db', db, 'surges', '--json']));
    expect(s.scored).toBeGreaterThan(0);
    const c = json<{ brier: { value: number }; reliability: unknown[]; pitCoverage90: { value: number } }>(
      caucus(['forecast', 'calibrate', '--histories', '3', '--runs', '100', '--json']),
    );
    expect(c.reliability).toHaveLength(10);
    expect(c.brier.value).toBeGreaterThan(0);
    expect(c.brier.value).toBeLessThan(0.2);
  });
});
