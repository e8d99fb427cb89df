/**
 * Shaping responses: JSON with ETags (strong "<version>" for a stored record, weak content hashes for
 * computed views and lists), 304 for a matching If-None-Match, and Link headers for the next page.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Page } from '../app/commands/pagination.support.js';
import type { HttpEnv } from './http.types.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether If-None-Match matches `etag` (weak comparison, as RFC 9110 asks for If-None-Match). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return header.split(',').some((t) => opaque(t) === mine);
}

function send(
  c: Context<HttpEnv>,
  text: string,
  status: number,
  etag: string | null,
  headers: Record<string, string> = {},
): Response {
  const h = new Headers({ 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache', ...headers });
  if (etag) h.set('ETag', etag);
  const method = c.req.method;
  if (
    etag &&
    (method === 'GET' || method === 'HEAD') &&
    status === 200 &&
    noneMatch(c.req.header('if-none-match'), etag)
  ) {
    h.delete('Content-Type');
    return new Response(null, { status: 304, headers: h });
  }
  return new Response(text, { status, headers: h });
}

/** A computed view (a council on a day, a list): weak ETag from the content. */
export function sendView(c: Context<HttpEnv>, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(text).digest('base64url')}"`;
  return send(c, text, 200, etag, headers);
}

/** A list page: a view, with a Link to the next page when there is one. */
export function sendPage<T>(c: Context<HttpEnv>, page: Page<T>): Response {
  const headers: Record<string, string> = {};
  if (page.nextCursor) {
    const url = new URL(c.req.url);
    url.searchParams.set('cursor', page.nextCursor);
    headers.Link = `<${url.pathname}${url.search}>; rel="next"`;
  }
  return sendView(c, page, headers);
}

/** A stored record: strong ETag "<version>", the value writes name in If-Match. */
export function sendRecord(
  c: Context<HttpEnv>,
  record: { version: number },
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return send(c, JSON.stringify(record), status, `"${record.version}"`, headers);
}

/** Streams text chunks as they are produced; the client's pace sets how fast the generator is pulled. */
export function sendStream(chunks: AsyncIterator<string>, headers: Record<string, string>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: { 'Cache-Control': 'no-cache', ...headers } });
}
