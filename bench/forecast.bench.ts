/**
 * Forecast engine on the uk sample (~19,000 seats), the four coming polls, 10,000 runs on two worker threads:
 * wall time, peak memory, throughput in seat-years per second against bare inlined sfc32 kernels measured in
 * the same run, and the speed-up from one worker to two. The machine is shared, so the load average and CPU
 * time per run are printed beside the wall times.
 *
 * A seat-year is one seat through one poll interval of one run (runs x polls x seats). Two kernels, draws and
 * comparisons only, with the engine's own sfc32 step: "per seat-year" makes one draw and one comparison per
 * seat-year; "same shape" walks the model's own loops (each ward up at each poll: one draw per candidate party
 * and per seat up) and makes one draw and one comparison per step, so its ratio measures what the model costs
 * beyond the draws its loops would make without skipping the decided contests. The bench prints the draws per
 * run of both (the model's counted by countDraws) to show the kernel draws at least as much as the model.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gatherFacts } from '../src/app/commands/forecast.commands.js';
import { demo } from '../src/app/commands/registry.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { buildModel } from '../src/engines/forecast/forecast.builder.js';
import { countDraws } from '../src/engines/forecast/forecast.engine.js';
import { type ForecastModel, layoutOf, resolveParameters } from '../src/engines/forecast/forecast.model.js';
import { runForecast, workerScript } from '../src/engines/forecast/forecast.pool.js';
import { openStore } from '../src/store/store.js';
import { report } from './lib.js';

const TODAY = '2026-11-25';
const RUNS = 10_000;
const SEED = 20_261_125;

/** One sfc32 draw (the engine's formulation) and one comparison per seat-year: runs x polls x seats. */
function seatYearKernel(runs: number, polls: number, seats: number): number {
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    let a = run ^ 0x9e3779b9;
    let b = 0x243f6a88;
    let c = 0x85a308d3;
    let d = 1;
    for (let t = 0; t < polls; t++) {
      for (let s = 0; s < seats; s++) {
        let r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        if ((r >>> 0) * 2.3283064365386963e-10 < 0.02) hits++;
      }
    }
  }
  return hits;
}

/** Draws per run of sameShapeKernel: one per seat up and per candidate slot of each ward up, at each poll. */
function sameShapeDraws(m: ForecastModel): number {
  const l = layoutOf(m);
  let n = 0;
  for (let i = 0; i < l.upWardStart[m.nPolls]!; i++) n += l.upWardInfo[i * 6 + 3]! + l.upWardInfo[i * 6 + 5]!;
  return n;
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
          let r = ((a | 0) + (b | 0)) | 0;
          a = b ^ (b >>> 9);
          b = Math.imul(c, 9);
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = ((r | 0) + (d | 0)) | 0;
          c = ((c | 0) + (r | 0)) | 0;
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
function childRun(
  factsPath: string,
  runs: number,
  seed: number,
): { ms: number; cpuMs: number; maxRssMb: number } {
  const dist = new URL('../dist/engines/forecast/', import.meta.url).href;
  const code = `
    import { readFileSync } from 'node:fs';
    import { buildModel } from '${dist}forecast.builder.js';
    import { resolveParameters } from '${dist}forecast.model.js';
    import { runForecast } from '${dist}forecast.pool.js';
    const { model } = buildModel(JSON.parse(readFileSync(${JSON.stringify(factsPath)}, 'utf8')));
    const params = resolveParameters();
    await runForecast(model, params, { runs: 200, seed: 1, workers: 0 });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runForecast(model, params, { runs: ${runs}, seed: ${seed}, workers: 2 });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (r.threads !== 2 || r.tally.runs !== ${runs}) throw new Error('expected ${runs} runs on 2 workers');
    const cpuMs = (c.user + c.system) / 1000;
    process.stdout.write(JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const script = join(dirname(factsPath), 'child.mjs');
  writeFileSync(script, code);
  // A plain node process: no TypeScript loader inherited from the bench runner.
  const out = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (out.status !== 0) throw new Error(`forecast child failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { ms: number; cpuMs: number; maxRssMb: number };
}

/** Wall and CPU time (this process, worker threads included) of one call. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, result };
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}

export async function run(): Promise<void> {
  if (!workerScript())
    throw new Error('no compiled forecast worker: run `npm run build` first (npm run bench does)');
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-forecast-'));
  console.log(`load average at the start (1, 5, 15 min): ${load()}`);
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
    report({ name: 'CPU time per run on 2 workers (all threads)', value: two.cpuMs / RUNS, unit: 'ms' });
    await runForecast(model, params, { runs: 200, seed: SEED, workers: 0 });
    const modelDraws = countDraws(model, layoutOf(model), params, SEED, 0, 100) / 100;
    console.log(
      `draws per run: the model ${Math.round(modelDraws).toLocaleString('en-GB')}, the same-shape kernel ${sameShapeDraws(model).toLocaleString('en-GB')}`,
    );

    const kernel = await timed(() => seatYearKernel(RUNS, model.nPolls, model.nSeats));
    const shape = await timed(() => sameShapeKernel(model, RUNS));
    // Kernels run in one thread: compare them with the engine's single-thread throughput (2 workers / speed-up below).
    const one = await timed(() => runForecast(model, params, { runs: RUNS / 4, seed: SEED, workers: 1 }));
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
    // CPU time is what the shared machine's other work disturbs least.
    const oneCpuPerRun = one.cpuMs / (RUNS / 4);
    const shapeCpuPerRun = shape.cpuMs / RUNS;
    report({
      name: 'CPU time per run, one worker',
      value: oneCpuPerRun,
      unit: 'ms',
      baseline: { name: 'same-shape kernel', value: shapeCpuPerRun },
      ratio: {
        value: shapeCpuPerRun / oneCpuPerRun,
        meaning: 'kernel CPU / model CPU (the ratio above in CPU time)',
      },
    });
    const twoQuarter = await timed(() =>
      runForecast(model, params, { runs: RUNS / 4, seed: SEED, workers: 2 }),
    );
    report({
      name: `scaling: ${(RUNS / 4).toLocaleString('en-GB')} runs on 2 workers`,
      value: twoQuarter.ms,
      unit: 'ms',
      baseline: { name: '1 worker', value: one.ms },
      ratio: { value: one.ms / twoQuarter.ms, meaning: 'speed-up from 1 to 2 workers' },
    });
    console.log(`load average at the end (1, 5, 15 min): ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
