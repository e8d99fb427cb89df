/**
 * Routes are declared once, with the zod schemas of their path, query and body: the registry mounts
 * them on Hono (validating each request with those schemas, checking the role, reading the body under
 * the size limit) and builds the OpenAPI 3.1 document from the very same schemas.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { type Actor, ANONYMOUS, type ApiRole, requireRole } from '../app/commands/accounts.commands.js';
import { CaucusError, InvalidInputError } from '../domain/errors.js';
import type { HttpEnv } from './http.types.js';
import { HttpProblem, PROBLEMS, type ProblemSlug, problemType } from './problem-details.format.js';
import { noneMatch } from './responses.format.js';
import type { ViewCache } from './view.cache.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  /** Defaults to application/json. */
  contentType?: string;
  schema?: z.ZodType;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  /** The version named by If-Match, for routes that declare `ifMatch`. */
  ifMatch: number;
  /**
   * The query string as sent. Application commands validate their own input, with the same schemas, so
   * handlers pass them this (already checked) rather than the parsed values, which transforms may reshape.
   */
  rawQuery: Record<string, string>;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** An OpenAPI path template: /api/councils/{id}; a parameter may carry a suffix: /feeds/councils/{id}.atom. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The least role that may call it: reader (anyone) for reads, editor for writes unless given. */
  role?: ApiRole;
  /** A write that must name the version it read in If-Match. */
  ifMatch?: boolean;
  /** A computed read view whose 200 responses may be served from the view cache. */
  cache?: boolean;
  responses: Record<number, ResponseSpec>;
  handler(c: Context<HttpEnv>, input: RouteInput<P, Q, B>): Response | Promise<Response>;
}

/**
 * Declares a route with its input types inferred from its schemas; the registry holds routes with those
 * types erased (the schemas check the input at run time).
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

export const isWrite = (spec: Pick<RouteSpec, 'method'>) => spec.method !== 'GET';
export const requiredRole = (spec: Pick<RouteSpec, 'method' | 'role'>): ApiRole =>
  spec.role ?? (isWrite(spec) ? 'editor' : 'reader');

/** '/feeds/councils/{id}.atom' -> Hono's '/feeds/councils/:id{[^/]+\.atom}', and the suffix to strip. */
function honoPath(path: string): { path: string; suffixes: Record<string, string> } {
  const suffixes: Record<string, string> = {};
  const converted = path.replace(/\{(\w+)\}([^/]*)/g, (_, name: string, suffix: string) => {
    if (!suffix) return `:${name}`;
    suffixes[name] = suffix;
    return `:${name}{[^/]+${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}}`;
  });
  return { path: converted, suffixes };
}

type Location = 'path' | 'query' | 'body';

/** Validates one part of a request, naming the parameter or field and the rule it broke. */
export function validatePart<T>(schema: z.ZodType<T>, value: unknown, location: Location): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // An unknown parameter or field is named first: it usually explains the other problems (a misspelt name).
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  let where = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    where = where ? `${where}.${key}` : key;
    message = `is not a known ${location === 'body' ? 'field' : `${location} parameter`}`;
  } else {
    const got = issue.path.reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object'
          ? (v as Record<PropertyKey, unknown>)[k as PropertyKey]
          : undefined,
      value,
    );
    if (got !== undefined) message += `, got ${JSON.stringify(got).slice(0, 200)}`;
  }
  throw new InvalidInputError(message, {
    where: where || location,
    rule: issue.code,
    in: location,
    status: location === 'body' ? 422 : 400,
  });
}

/** Reads a JSON body of at most `limit` bytes, refusing other media types, oversized and malformed bodies. */
export async function readJsonBody(c: Context<HttpEnv>, limit: number): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new HttpProblem(
      'unsupported-media-type',
      `expected Content-Type: application/json, got "${type || 'none'}"`,
      {
        field: 'Content-Type',
        rule: 'media-type',
      },
    );
  }
  const tooLarge = () =>
    new HttpProblem('payload-too-large', `the body is larger than ${limit} bytes`, {
      rule: 'body-size',
      limit,
    });
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const stream = c.req.raw.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`, {
      where: 'body',
      rule: 'json',
      status: 400,
    });
  }
}

/** The version named by If-Match ("3"); a weak tag can never match a strong one, so it is stale. */
function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new HttpProblem('precondition-required', 'send If-Match with the ETag of the version you read', {
      field: 'If-Match',
      rule: 'required',
    });
  }
  const m = /^\s*(W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!m) {
    throw new InvalidInputError(
      `expected one ETag such as "3", got ${JSON.stringify(header.slice(0, 100))}`,
      {
        where: 'If-Match',
        rule: 'etag',
        status: 400,
      },
    );
  }
  return m[1] ? -1 : Number(m[2]);
}

export class RouteRegistry {
  readonly routes: RouteSpec[] = [];
  private document: Record<string, unknown> | undefined;

  add(...specs: RouteSpec[]): this {
    for (const spec of specs) {
      const dup = this.routes.find((r) => r.method === spec.method && r.path === spec.path);
      if (dup) throw new Error(`route ${spec.method} ${spec.path} is declared twice`);
      this.routes.push(spec);
    }
    this.document = undefined;
    return this;
  }

  /** Mounts every route on `app`; `bodyLimit` caps JSON bodies; `cache` serves views marked `cache`. */
  mount(
    app: Hono<HttpEnv>,
    options: { bodyLimit: number; cache: ViewCache | null; today: () => string },
  ): void {
    const { bodyLimit, cache, today } = options;
    for (const spec of this.routes) {
      const { path, suffixes } = honoPath(spec.path);
      const needed = requiredRole(spec);
      app.on(spec.method, path, async (c) => {
        c.set('route', spec.path);
        const actor = c.get('actor');
        if (needed !== 'reader') {
          if (actor.id === ANONYMOUS.id)
            throw new CaucusError('unauthorized', `this needs a bearer token with the ${needed} role`, {
              where: 'Authorization',
              rule: 'token',
            });
          requireRole(actor, needed);
        }
        const rawParams: Record<string, string> = { ...c.req.param() };
        for (const [name, suffix] of Object.entries(suffixes)) {
          rawParams[name] = rawParams[name]!.slice(0, -suffix.length);
        }
        const params = spec.params ? validatePart(spec.params, rawParams, 'path') : {};
        const queries = c.req.queries();
        const duplicate = Object.entries(queries).find(([, v]) => v.length > 1);
        if (duplicate) {
          throw new InvalidInputError('is given more than once', {
            where: duplicate[0],
            rule: 'duplicate',
            in: 'query',
            status: 400,
          });
        }
        const rawQuery = Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, v[0]!]));
        const query = validatePart(spec.query ?? z.strictObject({}), rawQuery, 'query');
        const body = spec.body
          ? validatePart(spec.body, await readJsonBody(c, bodyLimit), 'body')
          : undefined;
        const ifMatch = spec.ifMatch ? parseIfMatch(c.req.header('if-match')) : 0;
        const input = { params, query, body, actor, ifMatch, rawQuery };
        if (!spec.cache || !cache) return spec.handler(c, input);
        // The default "as of" day is today, so the day is part of the key.
        const search = new URLSearchParams(Object.entries(rawQuery).sort(([a], [b]) => (a < b ? -1 : 1)));
        const view = await cache.through(`${c.req.path}?${search}#${today()}`, async () =>
          spec.handler(c, input),
        );
        if (view instanceof Response) return view;
        if (view.etag && noneMatch(c.req.header('if-none-match'), view.etag)) {
          return new Response(null, {
            status: 304,
            headers: { ETag: view.etag, 'Cache-Control': 'no-cache' },
          });
        }
        return new Response(view.body, { status: 200, headers: view.headers });
      });
    }
  }

  /** The OpenAPI 3.1 document, built from the routes' own schemas. */
  openApi(info: { title: string; version: string; description?: string }): Record<string, unknown> {
    this.document ??= buildOpenApi(this.routes, info);
    return this.document;
  }
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

const problemRef = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function buildOpenApi(
  routes: readonly RouteSpec[],
  info: { title: string; version: string; description?: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const parameters: unknown[] = [];
    for (const [location, schema] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!schema) continue;
      const object = jsonSchema(schema, 'input');
      const required = new Set((object.required as string[] | undefined) ?? []);
      for (const [name, property] of Object.entries(
        (object.properties as Record<string, JsonSchema>) ?? {},
      )) {
        const { description, ...propertySchema } = property;
        parameters.push({
          name,
          in: location,
          required: location === 'path' || required.has(name),
          ...(description ? { description } : {}),
          schema: propertySchema,
        });
      }
    }
    if (spec.ifMatch) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: true,
        description: 'The ETag of the version read, e.g. "3"',
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      const type = r.contentType ?? 'application/json';
      responses[status] = {
        description: r.description,
        content: { [type]: r.schema ? { schema: jsonSchema(r.schema, 'output') } : {} },
      };
    }
    const problems: Array<[number, ProblemSlug, string]> = [
      [400, 'invalid-input', 'A parameter broke a rule'],
      [429, 'rate-limited', 'Too many requests; see Retry-After'],
    ];
    if (spec.params) problems.push([404, 'not-found', 'No such record']);
    if (requiredRole(spec) !== 'reader') {
      problems.push(
        [401, 'unauthorized', 'No valid bearer token'],
        [403, 'forbidden', 'The token lacks the role'],
      );
    }
    if (spec.body) {
      problems.push(
        [413, 'payload-too-large', 'The body is too large'],
        [415, 'unsupported-media-type', 'The body is not JSON'],
        [422, 'invalid-input', 'The body broke a rule'],
        [409, 'conflict', 'The write conflicts with stored data'],
      );
    }
    if (spec.ifMatch) {
      problems.push(
        [412, 'version-mismatch', 'If-Match names a version that is no longer current'],
        [428, 'precondition-required', 'If-Match is missing'],
      );
    }
    for (const [status, , description] of problems) responses[String(status)] ??= problemRef(description);
    const operation: Record<string, unknown> = {
      operationId: spec.operationId,
      tags: [spec.tag],
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      'x-caucus-role': requiredRole(spec),
      parameters,
      responses,
      security: requiredRole(spec) === 'reader' ? [{}, { bearer: [] }] : [{ bearer: [] }],
    };
    if (spec.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
      };
    }
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'caucus token create --role editor|admin' },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string', enum: Object.keys(PROBLEMS).map((s) => problemType(s as ProblemSlug)) },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            field: { type: 'string', description: 'the parameter, header or body field at fault' },
            rule: { type: 'string', description: 'the rule it broke' },
          },
        },
      },
    },
  };
}
