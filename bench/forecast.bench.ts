/**
 * Forecast engine on the uk sample (~19,000 seats), the four coming polls, 10,000 runs on two worker threads:
 * wall time, peak memory, throughput in seat-years per second against bare inlined sfc32 kernels measured in
 * the same run, and the speed-up from one worker to two.
 *
 * A seat-year is one seat through one poll interval of one run (runs x polls x seats). Two kernels, draws and
 * comparisons only: "per seat-year" makes one draw and one comparison per seat-year; "same shape" walks the
 * model's own loops (each ward up at each poll: one draw per candidate party and per seat up) and makes one
 * draw and one comparison per step, so its ratio measures what the model costs beyond the draws its loops
 * would make without skipping the decided contests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gatherFacts } from '../src/app/commands/forecast.commands.js';
import { demo } from '../src/app/commands/registry.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { buildModel } from '../src/engines/forecast/forecast.builder.js';
import { type ForecastModel, layoutOf, resolveParameters } from '../src/engines/forecast/forecast.model.js';
import { runForecast, workerScript } from '../src/engines/forecast/forecast.pool.js';
import { openStore } from '../src/store/store.js';
import { best, report } from './lib.js';

const TODAY = '2026-11-25';
const RUNS = 10_000;
const SEED = 20_261_125;

/** One sfc32 draw and one comparison per seat-year: the loop shape of runs x polls x seats. */
function seatYearKernel(runs: number, polls: number, seats: number): number {
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    let a = run ^ 0x9e3779b9;
    let b = 0x243f6a88;
    let c = 0x85a308d3;
    let d = 1;
    for (let t = 0; t < polls; t++) {
      for (let s = 0; s < seats; s++) {
        let r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        if ((r >>> 0) * 2.3283064365386963e-10 < 0.02) hits++;
      }
    }
  }
  return hits;
}

/** One draw and one comparison per step of the model's loops: per ward up, per candidate party and per seat up. */
function sameShapeKernel(m: ForecastModel, runs: number): number {
  const l = layoutOf(m);
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    let a = run ^ 0x9e3779b9;
    let b = 0x243f6a88;
    let c = 0x85a308d3;
    let d = 1;
    for (let t = 0; t < m.nPolls; t++) {
      for (let i = l.upWardStart[t]!; i < l.upWardStart[t + 1]!; i++) {
        const steps = l.upWardInfo[i * 6 + 3]! + l.upWardInfo[i * 6 + 5]!;
        for (let k = 0; k < steps; k++) {
          let r = (a + b) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = (r + d) | 0;
          c = (c + r) | 0;
          if ((r >>> 0) * 2.3283064365386963e-10 < 0.5) hits++;
        }
      }
    }
  }
  return hits;
}

/**
 * The headline run in a fresh process (so the uk sample's generation and load do not count towards memory):
 * the compiled engine builds the model from the facts, warms up, then runs on two workers. Returns the wall
 * time of the run and the process's peak resident memory, worker threads included.
 */
function childRun(factsPath: string, runs: number, seed: number): { ms: number; maxRssMb: number } {
  const dist = new URL('../dist/engines/forecast/', import.meta.url).href;
  const code = `
    import { readFileSync } from 'node:fs';
    import { buildModel } from '${dist}forecast.builder.js';
    import { resolveParameters } from '${dist}forecast.model.js';
    import { runForecast } from '${dist}forecast.pool.js';
    const { model } = buildModel(JSON.parse(readFileSync(${JSON.stringify(factsPath)}, 'utf8')));
    const params = resolveParameters();
    await runForecast(model, params, { runs: 200, seed: 1, workers: 0 });
    const t0 = performance.now();
    const r = await runForecast(model, params, { runs: ${runs}, seed: ${seed}, workers: 2 });
    const ms = performance.now() - t0;
    if (r.threads !== 2 || r.tally.runs !== ${runs}) throw new Error('expected ${runs} runs on 2 workers');
    process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const script = join(dirname(factsPath), 'child.mjs');
  writeFileSync(script, code);
  // A plain node process: no TypeScript loader inherited from the bench runner.
  const out = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (out.status !== 0) throw new Error(`forecast child failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { ms: number; maxRssMb: number };
}

export async function run(): Promise<void> {
  if (!workerScript())
    throw new Error('no compiled forecast worker: run `npm run build` first (npm run bench does)');
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-forecast-'));
  try {
    const clock = fixedClock(TODAY);
    const store = await openStore(join(dir, 'uk.db'));
    await demo({ store, clock }, { scale: 'uk', seed: 1 });
    const t0 = performance.now();
    const { facts } = await gatherFacts(store, TODAY, { polls: 4 });
    const gatherMs = performance.now() - t0;
    await store.close();
    const { model } = buildModel(facts);
    const params = resolveParameters();
    const seatYears = RUNS * model.nPolls * model.nSeats;
    console.log(
      `uk sample: ${model.nCouncils} councils, ${model.nWards} wards, ${model.nSeats} seats, polls ${facts.polls.join(', ')}; facts gathered in ${Math.round(gatherMs)} ms`,
    );
    report({ name: 'gather the facts from the uk registry (SQLite)', value: gatherMs, unit: 'ms' });

    const factsPath = join(dir, 'facts.json');
    writeFileSync(factsPath, JSON.stringify(facts));
    const two = childRun(factsPath, RUNS, SEED);
    report({
      name: `forecast ${RUNS.toLocaleString('en-GB')} runs x ${model.nPolls} polls, 2 workers`,
      value: two.ms,
      unit: 'ms',
      max: 10_000,
    });
    report({ name: 'peak resident memory of that process', value: two.maxRssMb, unit: 'MB', max: 500 });
    await runForecast(model, params, { runs: 200, seed: SEED, workers: 0 });

    const kernel = await best(() => seatYearKernel(RUNS, model.nPolls, model.nSeats), 1);
    const shape = await best(() => sameShapeKernel(model, RUNS), 1);
    // Kernels run in one thread: compare them with the engine's single-thread throughput (2 workers / speed-up below).
    const one = await best(() => runForecast(model, params, { runs: RUNS / 4, seed: SEED, workers: 1 }), 1);
    const oneRate = (seatYears / 4 / one.ms) * 1000;
    const kernelRate = (seatYears / kernel.ms) * 1000;
    const shapeRate = (seatYears / shape.ms) * 1000;
    report({
      name: 'throughput, one worker',
      value: oneRate,
      unit: 'seat-years/s',
      baseline: { name: 'bare kernel, one draw per seat-year', value: kernelRate },
      ratio: { value: oneRate / kernelRate, meaning: 'of the per-seat-year kernel' },
    });
    report({
      name: 'throughput, one worker',
      value: oneRate,
      unit: 'seat-years/s',
      baseline: { name: 'bare kernel of the same shape as the model', value: shapeRate },
      ratio: { value: oneRate / shapeRate, min: 0.5, meaning: 'of the same-shape kernel' },
    });
    const twoQuarter = await best(
      () => runForecast(model, params, { runs: RUNS / 4, seed: SEED, workers: 2 }),
      1,
    );
    report({
      name: `scaling: ${(RUNS / 4).toLocaleString('en-GB')} runs on 2 workers`,
      value: twoQuarter.ms,
      unit: 'ms',
      baseline: { name: '1 worker', value: one.ms },
      ratio: { value: one.ms / twoQuarter.ms, meaning: 'speed-up from 1 to 2 workers' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
