/**
 * Forecasts over HTTP: start one in the background (editor), follow it, cancel it; the saved forecasts, their
 * comparison and the latest one; membership surges. Every handler parses, calls forecast-jobs.commands.ts or
 * forecast.commands.ts, and shapes the answer.
 */
import { z } from 'zod';
import { forecastCompare, surges } from '../../app/commands/forecast.commands.js';
import {
  API_MAX_RUNNING,
  API_MAX_RUNS,
  ForecastJobs,
  type ForecastJobView,
  forecastJobInput,
  forecastPage,
  forecastPageInput,
  latestForecast,
  latestForecastInput,
} from '../../app/commands/forecast-jobs.commands.js';
import { isoDate } from '../../app/validate.js';
import type { RouteContext } from '../http.types.js';
import { toProblem } from '../problem-details.format.js';
import { JSON_TYPE, sendPage, sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const forecastId = z.strictObject({
  id: z.string().max(200).describe('a forecast id, as POST /api/forecasts or GET /api/forecasts gives it'),
});
const text = z.string().trim().min(1).max(200);

const jobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({
    done: z.number().int().describe('runs simulated so far'),
    total: z.number().int().describe('runs in all (twice `runs` with a scenario: baseline and scenario)'),
  }),
  createdAt: z.string().describe('when it was started (running), or saved (done)'),
  input: z.record(z.string(), z.unknown()).describe('the options it runs with, seed included'),
  result: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('once done: exactly the JSON of `caucus forecast --json`'),
  error: z.record(z.string(), z.unknown()).optional().describe('once failed: why, as problem details'),
});
const startedSchema = z.object({
  id: z.string(),
  status: z.literal('running'),
  progress: z.object({ done: z.literal(0), total: z.number().int() }),
  links: z.object({ self: z.string() }),
});

export function forecastRoutes(rc: RouteContext): RouteSpec[] {
  const jobs = new ForecastJobs(rc.app);
  rc.onClose(() => jobs.close());
  // A failed job is polled many times: report an unexpected error once, not on every poll.
  const logged = new WeakSet<object>();
  const log = (err: unknown) => {
    if (typeof err === 'object' && err !== null) {
      if (logged.has(err)) return;
      logged.add(err);
    }
    rc.config.logError(err);
  };
  const shape = (v: ForecastJobView) => {
    const { failure, ...rest } = v;
    if (failure === undefined) return rest;
    return { ...rest, error: toProblem(failure, 'GET', `/api/forecasts/${v.id}`, log).body };
  };

  return [
    route({
      method: 'POST',
      path: '/api/forecasts',
      operationId: 'startForecast',
      tag: 'forecast',
      summary: 'Start a forecast in the background (editor); follow it at the Location given',
      description: `The run uses the server's worker pool and is saved when done (audited as the token's). One server runs ${API_MAX_RUNNING} forecast at a time: another request meanwhile gets 409 (rule forecast-busy). runs is at most ${API_MAX_RUNS} over the API.`,
      body: forecastJobInput,
      responses: {
        202: {
          description: 'Started: { id, status: "running", progress, links: { self } }',
          schema: startedSchema,
        },
      },
      handler: async (_c, { body, actor }) => {
        const v = await jobs.start(body, actor);
        const self = `/api/forecasts/${encodeURIComponent(v.id)}`;
        return new Response(
          JSON.stringify({ id: v.id, status: v.status, progress: v.progress, links: { self } }),
          {
            status: 202,
            headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', Location: self },
          },
        );
      },
    }),
    route({
      method: 'GET',
      path: '/api/forecasts',
      operationId: 'listForecasts',
      tag: 'forecast',
      summary: 'Saved forecasts, newest first',
      query: forecastPageInput,
      responses: {
        200: {
          description:
            '{ items: [ { id, createdAt, asOf, scope, seed, runs, polls, scenarioName } ], nextCursor }',
        },
      },
      handler: async (c, { rawQuery }) => sendPage(c, await forecastPage(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/forecasts/compare',
      operationId: 'compareForecasts',
      tag: 'forecast',
      summary:
        'How saved forecast b differs from saved forecast a (the JSON of `caucus forecast compare A B`)',
      query: z.strictObject({
        a: text.describe('the earlier (or baseline) forecast id'),
        b: text.describe('the forecast compared with it'),
      }),
      responses: { 200: { description: '{ a, b, councils, national, names }' } },
      handler: async (c, { query }) => sendView(c, await forecastCompare(rc.app, query)),
    }),
    route({
      method: 'GET',
      path: '/api/forecasts/{id}',
      operationId: 'getForecast',
      tag: 'forecast',
      summary: 'A forecast: running (with progress), done (with its result), failed or cancelled',
      params: forecastId,
      responses: { 200: { description: 'The forecast job', schema: jobSchema } },
      handler: async (c, { params }) => sendView(c, shape(await jobs.get(params.id))),
    }),
    route({
      method: 'DELETE',
      path: '/api/forecasts/{id}',
      operationId: 'cancelForecast',
      tag: 'forecast',
      summary: 'Cancel a running forecast (editor; audited); nothing is saved',
      params: forecastId,
      responses: {
        200: { description: 'The forecast job, status "cancelled"', schema: jobSchema },
        409: {
          description: 'It is not running: it finished or failed',
          contentType: 'application/problem+json',
        },
      },
      handler: async (c, { params, actor }) => sendView(c, shape(await jobs.cancel(params.id, actor))),
    }),
    route({
      method: 'GET',
      path: '/api/forecast',
      operationId: 'getLatestForecast',
      tag: 'forecast',
      summary:
        'The latest saved forecast (covering one council if given), in the JSON of `caucus forecast --json`',
      query: latestForecastInput,
      responses: {
        200: { description: '{ id, seed, runs, asOf, scope, polls: [...], pathways, names, ... }' },
      },
      handler: async (c, { rawQuery }) => sendView(c, await latestForecast(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/surges',
      operationId: 'getSurges',
      cache: true,
      tag: 'forecast',
      summary:
        'Local parties whose membership rose faster than their history and the national trend predict (the JSON of `caucus surges --json`)',
      query: z.strictObject({
        asOf: isoDate.optional().describe('the day to look at (YYYY-MM-DD); default today'),
        council: text.optional().describe('only local parties selecting for this council'),
      }),
      responses: { 200: { description: '{ asOf, method, scored, surges: [...] }' } },
      handler: async (c, { rawQuery }) => sendView(c, await surges(rc.app, rawQuery)),
    }),
  ];
}
