/**
 * Compresses responses the client accepts compressed: brotli, else gzip, for JSON, text and XML of 1 KB or
 * more (the selection calendar of the uk sample is 9 MB of JSON, about 0.4 MB compressed). zlib runs on
 * libuv's thread pool and streams, so a large or streamed body neither blocks the event loop nor is held
 * in memory whole.
 *
 * Hono's own compress middleware is not used: on Node it has gzip and deflate only, and it turns strong
 * ETags weak, which would make the ETag a client reads from a record useless in If-Match (a weak tag never
 * matches). Responses with a strong ETag (stored records, which are small) are left as they are instead.
 */
import { pipeline, Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
export const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding to use for an Accept-Encoding header: br when acceptable, else gzip, else none. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, weight === undefined ? 1 : Number(weight));
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function compressor(encoding: Encoding) {
  // Brotli at quality 4 compresses JSON better than gzip at 6, at about gzip's speed (11 is for static files).
  return encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : createGzip({ level: 6 });
}

/** The middleware: `app.use('*', compression())`. */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
    // Through c.header: @hono/node-server's Response keeps headers changed on it only while its body is
    // untouched, and Hono's c.header makes a fresh response when it must.
    const vary = c.res.headers.get('Vary');
    if (!vary) c.header('Vary', 'Accept-Encoding');
    else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) c.header('Vary', `${vary}, Accept-Encoding`);
    const res = c.res;
    // Copied before the body is touched, for the same reason.
    const headers = new Headers(res.headers);
    const etag = headers.get('ETag');
    const length = headers.get('Content-Length');
    if (
      !res.body ||
      c.req.method === 'HEAD' ||
      res.status === 206 ||
      headers.has('Content-Encoding') ||
      /\bno-transform\b/i.test(headers.get('Cache-Control') ?? '') ||
      (etag && !etag.startsWith('W/')) ||
      (length !== null && Number(length) < MIN_COMPRESS_BYTES)
    )
      return;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    // The length of a body made from a string is not in its headers: read up to the threshold to see.
    const reader = res.body.getReader();
    const head: Uint8Array[] = [];
    let size = 0;
    let ended = false;
    while (size < MIN_COMPRESS_BYTES) {
      const chunk = await reader.read();
      if (chunk.done) {
        ended = true;
        break;
      }
      head.push(chunk.value);
      size += chunk.value.byteLength;
    }
    // Hono copies the replaced response's headers onto the new one; clearing it first keeps only these.
    c.res = undefined as never;
    if (ended) {
      headers.set('Content-Length', String(size));
      c.res = new Response(Buffer.concat(head), { status: res.status, statusText: res.statusText, headers });
      return;
    }
    async function* body() {
      let finished = false;
      try {
        yield* head;
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) {
            finished = true;
            return;
          }
          yield chunk.value;
        }
      } finally {
        // The client went away (or zlib failed): stop whatever produces the body.
        if (!finished) reader.cancel().catch(() => {});
      }
    }
    const zipped = compressor(encoding);
    pipeline(Readable.from(body()), zipped, () => {});
    headers.delete('Content-Length');
    headers.set('Content-Encoding', encoding);
    c.res = new Response(Readable.toWeb(zipped) as ReadableStream<Uint8Array>, {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  };
}
