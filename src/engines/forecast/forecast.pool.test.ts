import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, type ForecastTally } from './forecast.model.js';
import { runForecast, workerScript } from './forecast.pool.js';
import { syntheticWorld } from './synthetic.world.js';

const world = syntheticWorld({ councils: 8, wardsPerCouncil: 6, polls: 4, seed: 2 });

function digest(t: ForecastTally): string {
  let h = 0;
  for (const k of [
    'seatHist',
    'factionHist',
    'majority',
    'controlsGroup',
    'runsCouncil',
    'nationalFactionRuns',
  ] as const) {
    const a = t[k];
    for (let i = 0; i < a.length; i++) h = (Math.imul(h, 31) + a[i]! * (i + 1)) | 0;
  }
  return `${t.runs}:${h}`;
}

describe('runForecast', () => {
  it('runs in this thread with progress up to the number of runs', async () => {
    const seen: number[] = [];
    const r = await runForecast(world.model, DEFAULT_PARAMETERS, {
      runs: 90,
      seed: 4,
      workers: 0,
      blockSize: 20,
      onProgress: (done, total) => {
        expect(total).toBe(90);
        seen.push(done);
      },
      pathways: true,
    });
    expect(r.threads).toBe(0);
    expect(r.tally.runs).toBe(90);
    expect(seen).toEqual([20, 40, 60, 80, 90]);
    expect(r.pathways!.length).toBe(90 * world.model.nCouncils);
  });

  it('stops when cancelled, naming the cancellation', async () => {
    const ac = new AbortController();
    const p = runForecast(world.model, DEFAULT_PARAMETERS, {
      runs: 1000,
      seed: 4,
      workers: 0,
      blockSize: 10,
      signal: ac.signal,
      onProgress: (done) => {
        if (done >= 30) ac.abort(new Error('cancelled by test'));
      },
    });
    await expect(p).rejects.toThrow('cancelled by test');
  });

  it('refuses to start when already cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      runForecast(world.model, DEFAULT_PARAMETERS, { runs: 10, seed: 1, workers: 0, signal: ac.signal }),
    ).rejects.toThrow();
  });

  describe.skipIf(!workerScript())('across worker threads (needs the compiled dist/ worker)', () => {
    it('gives the same tally and pathways with 1, 2 or 3 threads as in this thread', async () => {
      const base = await runForecast(world.model, DEFAULT_PARAMETERS, {
        runs: 120,
        seed: 9,
        workers: 0,
        pathways: true,
      });
      for (const workers of [1, 2, 3]) {
        const r = await runForecast(world.model, DEFAULT_PARAMETERS, {
          runs: 120,
          seed: 9,
          workers,
          blockSize: 7 + workers,
          pathways: true,
        });
        expect(r.threads).toBe(workers);
        expect(digest(r.tally)).toBe(digest(base.tally));
        expect([...r.pathways!]).toEqual([...base.pathways!]);
      }
    });

    it('can be cancelled while the workers run', async () => {
      const ac = new AbortController();
      const p = runForecast(world.model, DEFAULT_PARAMETERS, {
        runs: 20000,
        seed: 1,
        workers: 2,
        blockSize: 50,
        signal: ac.signal,
        onProgress: () => ac.abort(),
      });
      await expect(p).rejects.toThrow(/abort|cancel/i);
    });
  });
});
