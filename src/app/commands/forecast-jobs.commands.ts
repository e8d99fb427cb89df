/**
 * Forecasts run in the background of a long-lived process (the API server): start one, follow its progress,
 * cancel it; list, compare and read the saved ones. Running, failed and cancelled jobs live in memory; a
 * finished forecast is read back from the saved forecasts, so it outlives the process that made it. The runs
 * themselves are `forecast()` of forecast.commands.ts, with its worker pool, progress callback and AbortSignal.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { CaucusError, ConflictError, NotFoundError } from '../../domain/errors.js';
import { closest } from '../../domain/similar.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import type { Actor } from './accounts.commands.js';
import { findCouncil } from './control.commands.js';
import {
  type ForecastResult,
  forecast,
  forecastShow,
  newForecastId,
  parseScenario,
} from './forecast.commands.js';
import { decodeCursor, type Page, pageFields, pageOf } from './pagination.support.js';

/** The most runs one forecast may ask for over the API (the CLI allows 1,000,000). */
export const API_MAX_RUNS = 100_000;
/** Forecasts one server runs at once: each already uses every core through the worker pool. */
export const API_MAX_RUNNING = 1;
/** Failed and cancelled jobs remembered (in memory only), newest kept. */
const KEEP_FINISHED = 100;

/** The body of POST /api/forecasts. */
export const forecastJobInput = z
  .strictObject({
    council: z.string().trim().min(1).max(200).optional().describe('one council; default every council'),
    national: z.literal(true).optional().describe('every council (the default)'),
    polls: z
      .number()
      .int('expected a whole number of polls')
      .min(1, 'expected at least 1 poll')
      .max(12, 'expected at most 12 polls')
      .optional()
      .describe('coming polling days to forecast (default 4)'),
    runs: z
      .number()
      .int('expected a whole number of runs')
      .min(1, 'expected at least 1 run')
      .max(API_MAX_RUNS, `expected at most ${API_MAX_RUNS.toLocaleString('en-GB')} runs over the API`)
      .optional()
      .describe(`Monte Carlo runs (default 10,000; at most ${API_MAX_RUNS} over the API)`),
    seed: z
      .number()
      .int('expected a whole number')
      .min(0, 'expected a seed from 0')
      .max(2_147_483_647, 'expected a seed up to 2147483647')
      .optional()
      .describe('random seed (default: a new one, returned in input.seed)'),
    scenario: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('a scenario, the same object a scenario file holds (docs/forecast.md)'),
  })
  .refine((v) => !(v.council && v.national), {
    message: 'give either council or national, not both',
    path: ['national'],
  });

export type ForecastJobInput = z.infer<typeof forecastJobInput>;
export type ForecastStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** What GET /api/forecasts/{id} answers, before the HTTP layer turns `failure` into a problem. */
export interface ForecastJobView {
  id: string;
  status: ForecastStatus;
  progress: { done: number; total: number };
  createdAt: string;
  input: Record<string, unknown>;
  /** Exactly `caucus forecast --json`, once done. */
  result?: ForecastResult;
  /** Why it failed. */
  failure?: unknown;
}

interface Job {
  id: string;
  status: ForecastStatus;
  done: number;
  total: number;
  createdAt: string;
  input: Record<string, unknown>;
  controller: AbortController;
  failure?: unknown;
  /** Settles (never rejects) when the run ends, however it ends. */
  settled: Promise<void>;
}

/** The reason a job is aborted with, so a cancellation is told apart from a failure. */
class Cancelled extends Error {}

const viewOf = (j: Job): ForecastJobView => ({
  id: j.id,
  status: j.status,
  progress: { done: j.done, total: j.total },
  createdAt: j.createdAt,
  input: j.input,
  ...(j.failure === undefined ? {} : { failure: j.failure }),
});

/**
 * The background forecasts of one process over one store: new ForecastJobs(ctx).start(body, actor) returns at
 * once with the job's id; get(id) follows it; cancel(id, actor) stops it.
 */
export class ForecastJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ctx: AppContext,
    private readonly options: { maxRunning?: number; workers?: number } = {},
  ) {}

  /** Jobs running now. */
  running(): Job[] {
    return [...this.jobs.values()].filter((j) => j.status === 'running');
  }

  /**
   * Checks the request (council, scenario, the concurrency cap) and starts the run in the background; bad
   * input is refused here, not reported later as a failed job. Returns the running job.
   */
  async start(raw: unknown, actor: Actor): Promise<ForecastJobView> {
    const input = parseInput(forecastJobInput, raw);
    const max = this.options.maxRunning ?? API_MAX_RUNNING;
    const busy = this.running();
    if (busy.length >= max) {
      const b = busy[0]!;
      throw new ConflictError(
        `a forecast is already running (${b.id}, ${b.done} of ${b.total} runs); this server runs ${max} at a time: try again when it finishes, or cancel it`,
        { rule: 'forecast-busy', running: b.id },
      );
    }
    const council = input.council ? (await findCouncil(this.ctx.store.query, input.council)).id : undefined;
    if (input.scenario !== undefined) parseScenario(input.scenario, 'scenario');
    const runs = input.runs ?? 10_000;
    const seed = input.seed ?? randomInt(0, 2_147_483_647);
    const passes = input.scenario === undefined ? 1 : 2;
    let id = newForecastId(this.ctx.clock);
    while (this.jobs.has(id)) id = newForecastId(this.ctx.clock);
    const normalized: Record<string, unknown> = {
      council: council ?? null,
      national: council === undefined,
      polls: input.polls ?? 4,
      runs,
      seed,
      ...(input.scenario === undefined ? {} : { scenario: input.scenario }),
    };
    const job: Job = {
      id,
      status: 'running',
      done: 0,
      total: runs * passes,
      createdAt: this.ctx.clock.now().toISOString(),
      input: normalized,
      controller: new AbortController(),
      settled: Promise.resolve(),
    };
    // With a scenario the engine runs twice from the same seed (baseline, then scenario): progress spans both.
    const progress = (label: string, done: number) => {
      const pass = passes === 2 && !label.includes('baseline') ? 1 : 0;
      job.done = Math.min(job.total, pass * runs + done);
    };
    this.jobs.set(id, job);
    const run = forecast(
      { ...this.ctx, progress },
      {
        ...(council ? { council } : {}),
        polls: normalized.polls,
        runs,
        seed,
        ...(input.scenario === undefined ? {} : { scenario: input.scenario }),
        ...(this.options.workers === undefined ? {} : { workers: this.options.workers }),
        id,
        save: true,
      },
      job.controller.signal,
      actor,
    );
    job.settled = run.then(
      () => {
        // Saved: from now on the saved forecasts answer for it.
        job.status = 'done';
        job.done = job.total;
        this.jobs.delete(id);
      },
      (err: unknown) => {
        job.status = job.controller.signal.reason instanceof Cancelled ? 'cancelled' : 'failed';
        if (job.status === 'failed') job.failure = err;
        this.forgetOldest();
      },
    );
    return viewOf(job);
  }

  private forgetOldest(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }

  /** A job or a saved forecast: running, failed and cancelled ones from memory, finished ones from the store. */
  async get(rawId: unknown): Promise<ForecastJobView> {
    const id = parseId(rawId);
    const job = this.jobs.get(id);
    if (job) return viewOf(job);
    return this.saved(id);
  }

  private async saved(id: string): Promise<ForecastJobView> {
    if (!(await this.ctx.store.forecast.get(id))) {
      const known = [...(await this.ctx.store.forecast.ids()), ...this.jobs.keys()];
      throw new NotFoundError(
        'forecast',
        id,
        closest(
          id,
          known.map((x) => ({ id: x, name: x })),
        ),
      );
    }
    const { createdAt, input, ...result } = await forecastShow(this.ctx, { id });
    const total = result.runs * (result.scenario ? 2 : 1);
    return {
      id,
      status: 'done',
      progress: { done: total, total },
      createdAt,
      input,
      result: result as ForecastResult,
    };
  }

  /**
   * Cancels a running job and waits until it has stopped; the audit log records who cancelled it. A job
   * already cancelled is answered as it stands; one that finished (or failed) is a conflict.
   */
  async cancel(rawId: unknown, actor: Actor): Promise<ForecastJobView> {
    const id = parseId(rawId);
    const job = this.jobs.get(id);
    if (!job) {
      const saved = await this.saved(id);
      throw new ConflictError(
        `forecast ${id} has already finished (${saved.status}); it cannot be cancelled`,
        {
          rule: 'not-running',
        },
      );
    }
    if (job.status === 'cancelled') return viewOf(job);
    if (job.status === 'running') {
      const before = { status: job.status, progress: { done: job.done, total: job.total } };
      job.controller.abort(new Cancelled(`forecast ${id} was cancelled by ${actor.name}`));
      await job.settled;
      // The run may have finished (and been saved) before the abort reached it.
      if ((job.status as ForecastStatus) === 'cancelled') {
        await this.ctx.store.transaction((repos) =>
          repos.accounts.appendAudit({
            at: this.ctx.clock.now().toISOString(),
            actorId: actor.id,
            actorName: actor.name,
            actorRole: actor.role,
            action: 'cancel',
            recordType: 'forecast',
            recordId: id,
            before: { ...before, input: job.input },
            after: { status: job.status, progress: { done: job.done, total: job.total }, input: job.input },
          }),
        );
        return viewOf(job);
      }
    }
    throw new ConflictError(`forecast ${id} has already finished (${job.status}); it cannot be cancelled`, {
      rule: 'not-running',
    });
  }

  /** Cancels every running job and waits for them to stop (before the store closes). */
  async close(): Promise<void> {
    const running = this.running();
    for (const j of running) j.controller.abort(new Cancelled('the server is stopping'));
    await Promise.all(running.map((j) => j.settled));
  }
}

function parseId(raw: unknown): string {
  return parseInput(z.string().trim().min(1).max(200), raw, { '': 'id' });
}

export const forecastPageInput = z.strictObject({ ...pageFields });

/** Saved forecasts newest first, a page at a time: { items: [ { id, createdAt, asOf, scope, seed, runs, polls, scenarioName } ], nextCursor }. */
export async function forecastPage(
  ctx: AppContext,
  raw: unknown,
): Promise<Page<Awaited<ReturnType<AppContext['store']['forecast']['page']>>[number]>> {
  const input = parseInput(forecastPageInput, raw);
  const after = decodeCursor(input.cursor, 2);
  const rows = await ctx.store.forecast.page(
    after ? [String(after[0]), String(after[1])] : null,
    input.limit + 1,
  );
  return pageOf(
    rows,
    input.limit,
    (r) => [r.createdAt, r.id],
    (r) => r,
  );
}

export const latestForecastInput = z.strictObject({
  council: z.string().trim().min(1).max(200).optional().describe('a council the forecast must cover'),
});

/**
 * The newest saved forecast, in the `caucus forecast --json` shape; with `council`, the newest that covers it
 * (made for that council, or for every council). Not found when there is none.
 */
export async function latestForecast(ctx: AppContext, raw: unknown): Promise<ForecastResult> {
  const input = parseInput(latestForecastInput, raw);
  const council = input.council ? (await findCouncil(ctx.store.query, input.council)).id : undefined;
  const id = await ctx.store.forecast.latestId(council ? [council, 'national'] : undefined);
  if (!id)
    throw new CaucusError(
      'not-found',
      `no saved forecast${council ? ` covers ${council}` : ''}: run one first (POST /api/forecasts, or caucus forecast)`,
      { kind: 'forecast', ...(input.council ? { where: 'council' } : {}), rule: 'no-forecast' },
    );
  const { createdAt: _c, input: _i, ...result } = await forecastShow(ctx, { id });
  return result as ForecastResult;
}
