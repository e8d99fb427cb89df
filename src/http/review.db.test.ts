import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi, withJson } from './http.test-support.js';

const ARTICLE = `Greens gain a councillor in Testborough

Cllr Samuel Sample has defected from Labour to the Green Party, the second such move on Testborough Council this year.
`;

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

describe('articles and review over HTTP', () => {
  it('refuses anonymous submissions and reviews', async () => {
    expect((await t.app.request('/api/articles', withJson('POST', { text: ARTICLE }))).status).toBe(401);
    expect((await t.app.request('/api/claims/1/accept', withJson('POST', {}))).status).toBe(401);
    expect((await t.app.request('/api/claims/1/reject', withJson('POST', { reason: 'x' }))).status).toBe(401);
  });

  it('extracts without storing, then submits, lists, accepts and rejects', async () => {
    const dry = await t.app.request(
      '/api/extract',
      withJson('POST', { text: ARTICLE, published: '2024-04-10' }, t.editor),
    );
    expect(dry.status).toBe(200);
    const extracted = (await dry.json()) as {
      claims: Array<{ type: string; evidence: { start: number; end: number; text: string } }>;
    };
    const defection = extracted.claims.find((c) => c.type === 'defection')!;
    expect(defection.evidence.text).toBe(ARTICLE.slice(defection.evidence.start, defection.evidence.end));
    expect(((await (await t.app.request('/api/claims')).json()) as { total: number }).total).toBe(0);

    const saved = await t.app.request(
      '/api/articles',
      withJson(
        'POST',
        {
          text: ARTICLE,
          published: '2024-04-10',
          url: 'https://example.org/greens',
          publisher: 'Example Gazette',
        },
        t.editor,
      ),
    );
    expect(saved.status).toBe(200);
    const list = (await (await t.app.request('/api/claims?status=proposed')).json()) as {
      claims: Array<{ id: number; type: string }>;
    };
    const claim = list.claims.find((c) => c.type === 'defection')!;
    const accepted = await t.app.request(`/api/claims/${claim.id}/accept`, withJson('POST', {}, t.editor));
    expect(accepted.status).toBe(200);
    const person = (await (await t.app.request('/api/people/person:2')).json()) as {
      events: Array<{ type: string }>;
    };
    expect(person.events.some((e) => e.type === 'defection')).toBe(true);
    const again = await t.app.request(`/api/claims/${claim.id}/accept`, withJson('POST', {}, t.editor));
    expect(again.status).toBe(409);

    const other = list.claims.find((c) => c.id !== claim.id);
    if (other) {
      const rejected = await t.app.request(
        `/api/claims/${other.id}/reject`,
        withJson('POST', { reason: 'not a claim' }, t.editor),
      );
      expect(rejected.status).toBe(200);
    }
    expect((await t.app.request('/api/claims/999999')).status).toBe(404);
  });
});
