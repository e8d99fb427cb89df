import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compression, MIN_COMPRESS_BYTES } from './compression.js';

const big = JSON.stringify({
  rows: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `council ${i}` })),
});

function app() {
  const a = new Hono();
  a.use('*', compression());
  a.get(
    '/view',
    () =>
      new Response(big, { headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: 'W/"v1"' } }),
  );
  a.get('/small', (c) => c.json({ ok: true }));
  a.get('/record', () => new Response(big, { headers: { 'Content-Type': 'application/json', ETag: '"7"' } }));
  a.get('/png', () => new Response(new Uint8Array(5000), { headers: { 'Content-Type': 'image/png' } }));
  a.get(
    '/no-transform',
    () =>
      new Response(big, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' } }),
  );
  a.get('/stream', () => {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (n++ < 50)
          controller.enqueue(new TextEncoder().encode(`{"line":${n},"pad":"${'x'.repeat(100)}"}\n`));
        else controller.close();
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson+json' } });
  });
  a.get(
    '/already',
    () =>
      new Response(big, { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' } }),
  );
  return a;
}

const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('compression', () => {
  it('picks brotli, then gzip, by what the client accepts (q=0 refuses)', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('')).toBeNull();
  });

  it('compresses a JSON view with brotli or gzip, keeping its weak ETag, and says it varies', async () => {
    const br = await app().request('/view', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('etag')).toBe('W/"v1"');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-length')).toBeNull();
    const body = await bytes(br);
    expect(body.byteLength).toBeLessThan(big.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(big);

    const gz = await app().request('/view', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(big);
  });

  it('leaves alone what a client did not ask to have compressed, or should not be', async () => {
    const plain = await app().request('/view');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(big);
    for (const path of ['/record', '/png', '/no-transform', '/already']) {
      const r = await app().request(path, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(r.headers.get('content-encoding') ?? 'none', path).not.toMatch(/br|gzip/);
      expect((await bytes(r)).byteLength, path).toBeGreaterThanOrEqual(big.length > 5000 ? 5000 : 0);
    }
    // A record's strong ETag is what a write names in If-Match: it must arrive as it was sent.
    const record = await app().request('/record', { headers: { 'Accept-Encoding': 'br' } });
    expect(record.headers.get('etag')).toBe('"7"');
  });

  it(`sends bodies under ${MIN_COMPRESS_BYTES} bytes as they are, with their length`, async () => {
    const r = await app().request('/small', { headers: { 'Accept-Encoding': 'br' } });
    expect(r.headers.get('content-encoding')).toBeNull();
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ ok: true });
    expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  });

  it('compresses a streamed body as it streams, and all of it arrives', async () => {
    const r = await app().request('/stream', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    const lines = gunzipSync(await bytes(r))
      .toString()
      .trim()
      .split('\n');
    expect(lines).toHaveLength(50);
    expect(JSON.parse(lines[49]!).line).toBe(50);
  });

  // @hono/node-server swaps in its own Response, whose headers behave differently once its body is read.
  it('does the same on a socket served by @hono/node-server', async () => {
    const server = createAdaptorServer({ fetch: app().fetch });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = (path: string, enc: string) =>
        new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
          (resolve, reject) => {
            import('node:http').then(({ get: httpGet }) =>
              httpGet(`${url}${path}`, { headers: { 'Accept-Encoding': enc } }, (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (d: Buffer) => chunks.push(d));
                res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
              }).on('error', reject),
            );
          },
        );
      const br = await get('/view', 'gzip, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(br.headers.etag).toBe('W/"v1"');
      expect(brotliDecompressSync(br.body).toString()).toBe(big);
      const plain = await get('/view', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(big);
      const small = await get('/small', 'br');
      expect(small.headers.vary).toBe('Accept-Encoding');
      expect(JSON.parse(small.body.toString())).toEqual({ ok: true });
      const record = await get('/record', 'br');
      expect([record.headers['content-encoding'], record.headers.etag, record.headers.vary]).toEqual([
        undefined,
        '"7"',
        'Accept-Encoding',
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
