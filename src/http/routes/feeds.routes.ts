/** Atom feeds of deselections, defections and leadership elections: national and per council. */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { type FeedEvents, feedEvents } from '../../app/commands/feeds.commands.js';
import { recordId } from '../../app/commands/records.commands.js';
import { type AtomFeed, dayInstant, renderAtom } from '../atom.format.js';
import type { HttpEnv, RouteContext } from '../http.types.js';
import { noneMatch } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const TAG = 'tag:caucus,2024:';
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

const TYPE_LABEL: Record<string, string> = {
  deselection: 'Deselection',
  defection: 'Defection',
  'leadership-election': 'Leadership election',
};

function feedOf(rc: RouteContext, c: Context<HttpEnv>, data: FeedEvents, selfPath: string): AtomFeed {
  const base = rc.baseUrl(c);
  const entries = data.entries.map((e) => {
    const where = e.councilName ? ` in ${e.councilName}` : '';
    const who = e.personName ? `: ${e.personName}` : '';
    return {
      id: `${TAG}events/${encodeURIComponent(e.id)}`,
      title: e.title,
      updated: dayInstant(e.date),
      link: `${base}/api/events/${encodeURIComponent(e.id)}`,
      summary: `${TYPE_LABEL[e.type] ?? e.type} on ${e.date}${where}${who}. ${e.title}`,
      categories: [e.type],
    };
  });
  const latest = entries.reduce<string | null>((m, e) => (m === null || e.updated > m ? e.updated : m), null);
  return {
    id: data.council ? `${TAG}feeds/councils/${encodeURIComponent(data.council.id)}` : `${TAG}feeds/events`,
    title: data.council
      ? `Caucus: deselections, defections and leadership changes in ${data.council.name}`
      : 'Caucus: deselections, defections and leadership changes',
    updated:
      latest ??
      rc.app.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    selfLink: `${base}${selfPath}`,
    alternateLink: data.council
      ? `${base}/api/events?council=${encodeURIComponent(data.council.id)}`
      : `${base}/api/events`,
    author: 'Caucus',
    entries,
  };
}

function sendAtom(c: Context<HttpEnv>, xml: string): Response {
  const etag = `W/"${createHash('sha1').update(xml).digest('base64url')}"`;
  const headers = { 'Content-Type': ATOM_TYPE, ETag: etag, 'Cache-Control': 'no-cache' };
  if (noneMatch(c.req.header('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-cache' } });
  }
  return new Response(xml, { status: 200, headers });
}

const feedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export function feedRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/feeds/events.atom',
      operationId: 'feedEvents',
      cache: true,
      tag: 'feeds',
      summary: 'Atom feed of deselections, defections and leadership elections everywhere',
      query: feedQuery,
      responses: { 200: { description: 'An Atom 1.0 feed', contentType: 'application/atom+xml' } },
      handler: async (c, { rawQuery }) =>
        sendAtom(c, renderAtom(feedOf(rc, c, await feedEvents(rc.app, rawQuery), '/feeds/events.atom'))),
    }),
    route({
      method: 'GET',
      path: '/feeds/councils/{id}.atom',
      operationId: 'feedCouncilEvents',
      cache: true,
      tag: 'feeds',
      summary: 'Atom feed of deselections, defections and leadership elections in one council',
      params: z.strictObject({ id: recordId.describe('a council id, three-letter code or GSS code') }),
      query: feedQuery,
      responses: { 200: { description: 'An Atom 1.0 feed', contentType: 'application/atom+xml' } },
      handler: async (c, { params, rawQuery }) => {
        const data = await feedEvents(rc.app, { ...rawQuery, council: params.id });
        const self = `/feeds/councils/${encodeURIComponent(params.id)}.atom`;
        return sendAtom(c, renderAtom(feedOf(rc, c, data, self)));
      },
    }),
  ];
}
