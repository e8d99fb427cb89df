/**
 * Runs a forecast across worker threads, or in this thread (workers: 0, as tests do), in blocks of runs:
 * progress after each block, cancellation through an AbortSignal. Results do not depend on the number of
 * threads: tallies are integer sums and each run's random stream depends only on (seed, run index).
 *
 * The worker is the compiled `forecast.worker.js` beside this module (dist/ or the bundle); when this module
 * runs from TypeScript sources (vitest, tsx) the compiled twin under dist/ is used, and when there is none
 * the runs stay in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { simulateBlock } from './forecast.engine.js';
import {
  checkModel,
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  layoutOf,
  mergeTally,
} from './forecast.model.js';
import type { WorkerRequest, WorkerSetup } from './forecast.worker.js';

export interface RunOptions {
  runs: number;
  seed: number;
  /** Threads to use; 0 runs in this thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Runs per block (progress and cancellation points). Default: about 8 blocks per thread, at most 250 runs. */
  blockSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Keep one control-pathway code per run and council (for `topPathways`). */
  pathways?: boolean;
}

export interface RunResult {
  tally: ForecastTally;
  /** Run-major pathway codes, when asked for. */
  pathways: Uint32Array | null;
  /** Worker threads actually used (0 = this thread). */
  threads: number;
}

/** The compiled worker script, or null when there is none to run. */
export function workerScript(): URL | null {
  const here = import.meta.url;
  const url = here.endsWith('.ts')
    ? new URL('forecast.worker.js', here.replace('/src/', '/dist/').replace(/\.ts$/, '.js'))
    : new URL('./forecast.worker.js', here);
  return existsSync(fileURLToPath(url)) ? url : null;
}

function aborted(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The forecast was cancelled', 'AbortError');
}

function blockSizeFor(runs: number, threads: number, asked?: number): number {
  if (asked !== undefined) return Math.max(1, Math.floor(asked));
  return Math.max(1, Math.min(250, Math.ceil(runs / (Math.max(1, threads) * 8))));
}

/** Simulates `runs` runs of the model and returns their tally. */
export async function runForecast(
  model: ForecastModel,
  params: ForecastParameters,
  options: RunOptions,
): Promise<RunResult> {
  checkModel(model);
  const { runs, seed, signal } = options;
  if (signal?.aborted) throw aborted(signal);
  const wanted = options.workers ?? availableParallelism();
  const script = wanted > 0 ? workerScript() : null;
  const layout = layoutOf(model);
  const keepPathways = Boolean(options.pathways) && layout.pathwayPolls > 0;
  const pathways = keepPathways ? new Uint32Array(runs * model.nCouncils) : null;
  const threads = script
    ? Math.min(wanted, Math.ceil(runs / blockSizeFor(runs, wanted, options.blockSize)))
    : 0;
  const block = blockSizeFor(runs, Math.max(1, threads), options.blockSize);

  if (threads === 0) {
    const tally = emptyTally(model, layout);
    for (let from = 0; from < runs; from += block) {
      const to = Math.min(runs, from + block);
      const codes = pathways ? pathways.subarray(from * model.nCouncils, to * model.nCouncils) : null;
      simulateBlock(model, layout, params, seed, from, to, tally, codes);
      options.onProgress?.(to, runs);
      // Yield so that an abort (or a progress bar) gets a turn between blocks.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw aborted(signal);
    }
    return { tally, pathways, threads: 0 };
  }

  const setup: WorkerSetup = { model, params, seed, pathways: keepPathways };
  const workers = Array.from({ length: threads }, () => new Worker(script!, { workerData: setup }));
  const total = emptyTally(model, layout);
  let nextFrom = 0;
  let done = 0;
  let finished = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        reject(err);
      };
      const onAbort = () => fail(aborted(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      const send = (w: Worker) => {
        if (nextFrom < runs) {
          const to = Math.min(runs, nextFrom + block);
          w.postMessage({ type: 'run', from: nextFrom, to } satisfies WorkerRequest);
          nextFrom = to;
        } else w.postMessage({ type: 'finish' } satisfies WorkerRequest);
      };
      for (const w of workers) {
        w.on(
          'message',
          (
            msg:
              | { type: 'done'; from: number; to: number; codes: Uint32Array | null }
              | { type: 'tally'; tally: ForecastTally },
          ) => {
            if (failed) return;
            if (msg.type === 'done') {
              if (pathways && msg.codes) pathways.set(msg.codes, msg.from * model.nCouncils);
              done += msg.to - msg.from;
              options.onProgress?.(done, runs);
              send(w);
            } else {
              mergeTally(total, msg.tally);
              finished += 1;
              if (finished === workers.length) {
                signal?.removeEventListener('abort', onAbort);
                resolve();
              }
            }
          },
        );
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0 && finished < workers.length)
            fail(new Error(`forecast worker exited with code ${code}`));
        });
        send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { tally: total, pathways, threads };
}
