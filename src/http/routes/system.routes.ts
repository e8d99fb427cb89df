/** Health, metrics, the OpenAPI document and the documentation of each problem type. */
import { z } from 'zod';
import { health } from '../../app/commands/system.commands.js';
import type { RouteContext } from '../http.types.js';
import { HttpProblem, PROBLEMS, type ProblemSlug, problemType } from '../problem-details.format.js';
import { JSON_TYPE, sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

export const API_VERSION = '1.0.0';

export function systemRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/healthz',
      operationId: 'health',
      tag: 'system',
      summary: 'Whether the service and its database answer',
      responses: { 200: { description: 'Healthy' }, 503: { description: 'The database is unreachable' } },
      handler: async () => {
        const h = await health(rc.app);
        return new Response(JSON.stringify(h), {
          status: h.status === 'ok' ? 200 : 503,
          headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' },
        });
      },
    }),
    route({
      method: 'GET',
      path: '/metrics',
      operationId: 'metrics',
      tag: 'system',
      summary: 'Requests, latencies and errors in the Prometheus text format',
      responses: { 200: { description: 'Prometheus exposition format 0.0.4', contentType: 'text/plain' } },
      handler: () =>
        new Response(rc.metrics.render(), {
          headers: {
            'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
            'Cache-Control': 'no-store',
          },
        }),
    }),
    route({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'openApi',
      cache: true,
      tag: 'system',
      summary: 'This OpenAPI 3.1 document, generated from the schemas that validate requests',
      responses: { 200: { description: 'OpenAPI 3.1' } },
      handler: (c) =>
        sendView(
          c,
          rc.registry.openApi({
            title: 'Caucus API',
            version: API_VERSION,
            description: 'Who controls British local councils, down to the factions inside each party group.',
          }),
        ),
    }),
    route({
      method: 'GET',
      path: '/problems/{slug}',
      operationId: 'getProblemType',
      tag: 'system',
      summary: 'What a problem type means (the `type` of every error response)',
      params: z.strictObject({ slug: z.string().max(50) }),
      responses: { 200: { description: 'The problem type' } },
      handler: (c, { params }) => {
        const p = PROBLEMS[params.slug as ProblemSlug];
        if (!p || !Object.hasOwn(PROBLEMS, params.slug)) {
          throw new HttpProblem('not-found', `no problem type "${params.slug}"`, {
            field: 'slug',
            rule: 'problem-type',
          });
        }
        return sendView(c, {
          type: problemType(params.slug as ProblemSlug),
          title: p.title,
          status: p.status,
        });
      },
    }),
  ];
}
