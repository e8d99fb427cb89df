import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaucusError } from '../../domain/errors.js';
import { fixedClock } from '../../domain/ports.js';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { popoloChunks } from './exports.commands.js';
import { saveArticle } from './extract.commands.js';
import { exportPopolo, importPopolo } from './registry.commands.js';
import { acceptClaim, type ClaimView, listClaims, rejectClaim, showClaim } from './review.commands.js';
import { showPerson } from './view.commands.js';

// Articles written for these tests about the fictional Testborough of the tiny fixture (not corpus articles).
const ARTICLE_A = `Testborough Labour picks a new council leader

Cllr Sam Sample, a councillor for North Ward, has been elected Leader of Testborough Council after a vote of the Labour group on Monday night.

Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week.
`;
const ARTICLE_B = `New leader sets out plans

Cllr Sam Sample, the new Leader of Testborough Council, set out her priorities for the year on Thursday.
`;
const ARTICLE_DEFECTION = `Greens gain a councillor in Testborough

Cllr Samuel Sample has defected from Labour to the Green Party, the second such move on Testborough Council this year.

Pat Jones, a Momentum organiser in the town, said members were disappointed.
`;
const ARTICLE_DEFECTION_AGAIN = `Testborough defector speaks

Cllr Sam Sample, who defected from Labour to the Green Party last month, says she has no regrets.
`;

const bytes = (s: string) => new TextEncoder().encode(s);
const targets = testTargets();
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

for (const target of targets) {
  describe(`review queue on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeEach(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(tinySnapshot()));
      ctx = { store, clock: fixedClock('2026-01-02') };
    });
    afterEach(async () => {
      await store.close();
    });

    const save = (text: string, published: string, url?: string) =>
      saveArticle(ctx, {
        bytes: bytes(text),
        file: 'article.txt',
        published,
        ...(url ? { url, publisher: 'Testborough Echo' } : {}),
      });
    const find = (
      claims: ClaimView[],
      type: string,
      subject: string,
      extra: Record<string, unknown> = {},
    ) => {
      const c = claims.find(
        (x) =>
          x.type === type &&
          x.subject === subject &&
          Object.entries(extra).every(([k, v]) => x.arguments[k] === v),
      );
      if (!c)
        throw new Error(
          `no ${type} claim about ${subject} in ${JSON.stringify(claims.map((x) => [x.type, x.subject]))}`,
        );
      return c;
    };
    const registryState = async () => ({
      counts: await store.registry.counts(),
      snapshot: await store.registry.read(),
      audit: await store.accounts.auditPage({}, null, 1000),
    });

    it('saves an article once, with claims whose evidence is the exact slice of its text', async () => {
      const first = await save(ARTICLE_A, '2024-03-01', 'https://example.org/a');
      expect(first.saved.article.created).toBe(true);
      expect(first.saved.article.councilId).toBe('TST');
      expect(first.saved.claims.length).toBe(first.claims.length);
      expect(first.saved.claims.length).toBeGreaterThan(2);
      const article = (await store.review.article(first.saved.article.id))!;
      for (const c of first.saved.claims) {
        expect(c.status).toBe('proposed');
        expect(article.text.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
      }
      // Linked to the registry: the subject to the fixture's person, the council by its short name.
      const leader = find(first.saved.claims, 'office', 'Sam Sample', { office: 'leader' });
      expect(leader.links.find((l) => l.argument === 'subject')).toMatchObject({
        status: 'link',
        id: 'person:2',
      });
      expect(leader.links.find((l) => l.argument === 'council')).toMatchObject({ status: 'link', id: 'TST' });
      // Nobody in the registry is called Jo Newcombe: proposed as new, nothing created yet.
      const deselection = find(first.saved.claims, 'deselection', 'Jo Newcombe');
      expect(deselection.links.find((l) => l.argument === 'subject')).toMatchObject({
        status: 'new',
        publicOffice: true,
      });
      expect((await store.registry.counts()).persons).toBe(tinySnapshot().persons.length);

      const again = await save(ARTICLE_A, '2024-03-01', 'https://example.org/a');
      expect(again.saved.article).toMatchObject({ id: first.saved.article.id, created: false });
      expect(again.saved.claims.map((c) => c.id)).toEqual(first.saved.claims.map((c) => c.id));
      const listed = await listClaims(ctx, { status: 'proposed' });
      expect(listed.total).toBe(first.saved.claims.length);
      const byArticle = await listClaims(ctx, { article: String(first.saved.article.id), limit: '2' });
      expect(byArticle.claims).toHaveLength(2);
      expect(byArticle.next).toBe(byArticle.claims[1]!.id);
    });

    it('accepts a claim with an edit and a link: the fact shows the article as source, with the quote', async () => {
      const { saved } = await save(ARTICLE_A, '2024-03-01', 'https://example.org/a');
      const claim = find(saved.claims, 'deselection', 'Jo Newcombe');
      const r = await acceptClaim(ctx, {
        id: claim.id,
        edits: ['date=2024-02-26'],
        links: ['ward=E05999001'],
        reviewer: 'ann',
      });
      expect(r.claim).toMatchObject({ status: 'accepted', reviewer: 'ann', edits: { date: '2024-02-26' } });
      expect(r.created).toHaveLength(1);
      const personId = r.created[0]!.id;
      const event = r.facts.find((f) => f.type === 'event')!;
      expect(event.action).toBe('created');
      const stored = await store.records.get<{ date: string; details: Record<string, unknown> }>(
        'events',
        event.id,
      );
      expect(stored).toMatchObject({
        date: '2024-02-26',
        personId,
        councilId: 'TST',
        organizationId: 'party:labour',
      });
      expect(stored!.details).toMatchObject({ areaId: 'E05999001', postId: 'post:TST:north' });

      const page = await showPerson(ctx, { id: personId });
      expect(page.person.name).toBe('Jo Newcombe');
      expect(page.events.map((e) => e.id)).toContain(event.id);
      expect(page.sources).toEqual([
        expect.objectContaining({
          id: r.sourceId,
          kind: 'url',
          url: 'https://example.org/a',
          publisher: 'Testborough Echo',
          publishedOn: '2024-03-01',
          quote: claim.evidence.text,
          quoteStart: claim.evidence.start,
          quoteEnd: claim.evidence.end,
        }),
      ]);
      // The accept is audited with the reviewer's name.
      const audit = await store.accounts.auditPage({ recordId: personId }, null, 10);
      expect(audit[0]).toMatchObject({ action: 'create', recordType: 'person', actorName: 'ann' });
    });

    it('makes the same claim from two articles one fact with two sources', async () => {
      const a = await save(ARTICLE_A, '2024-03-01', 'https://example.org/a');
      const b = await save(ARTICLE_B, '2024-03-08', 'https://example.org/b');
      const first = await acceptClaim(ctx, {
        id: find(a.saved.claims, 'office', 'Sam Sample', { office: 'leader' }).id,
        reviewer: 'ann',
      });
      const second = await acceptClaim(ctx, {
        id: find(b.saved.claims, 'office', 'Sam Sample', { office: 'leader' }).id,
        reviewer: 'bob',
      });
      const created = first.facts.find((f) => f.type === 'membership')!;
      expect(created.action).toBe('created');
      expect(second.facts).toEqual([expect.objectContaining({ id: created.id, action: 'confirmed' })]);
      expect(second.sourceId).not.toBe(first.sourceId);
      const page = await showPerson(ctx, { id: 'person:2' });
      const leader = page.memberships.filter((m) => m.role === 'leader' && m.organizationId === 'TST');
      expect(leader).toHaveLength(1);
      expect(leader[0]!.startDate).toBe('2024-03-01');
      expect(leader[0]!.sources.map((s) => [s.id, s.url])).toEqual([
        [first.sourceId, 'https://example.org/a'],
        [second.sourceId, 'https://example.org/b'],
      ]);
      expect(leader[0]!.sources[1]!.quote).toContain('the new Leader of Testborough Council');
    });

    it('moves party membership on a defection, learns the written name as an alias, and confirms it from a second report', async () => {
      const d = await save(ARTICLE_DEFECTION, '2024-04-10');
      const claim = find(d.saved.claims, 'defection', 'Samuel Sample');
      expect(claim.links.find((l) => l.argument === 'subject')).toMatchObject({
        status: 'link',
        id: 'person:2',
      });
      const r = await acceptClaim(ctx, { id: claim.id, reviewer: 'ann' });
      expect(r.facts.map((f) => [f.type, f.action])).toEqual([
        ['event', 'created'],
        ['membership', 'updated'],
        ['membership', 'created'],
      ]);
      expect(r.sourceId).toMatch(/^source:article-/);
      const labour = await store.records.get<{ endDate: string; endReason: string; version: number }>(
        'memberships',
        'm:6',
      );
      expect(labour).toMatchObject({ endDate: '2024-04-10', endReason: 'defected', version: 2 });
      const parties = await store.query.partyAndFaction('2024-05-01', ['person:2']);
      expect(parties.get('person:2')?.partyId).toBe('party:green');
      expect(r.aliases).toContainEqual({ ownerType: 'person', ownerId: 'person:2', alias: 'Samuel Sample' });
      expect((await store.linking.aliasesOf('person', ['person:2'])).get('person:2')).toEqual([
        'Samuel Sample',
      ]);

      const again = await save(ARTICLE_DEFECTION_AGAIN, '2024-05-02');
      const r2 = await acceptClaim(ctx, {
        id: find(again.saved.claims, 'defection', 'Sam Sample').id,
        reviewer: 'bob',
      });
      expect(r2.facts.map((f) => f.action)).toEqual(['confirmed', 'confirmed', 'confirmed']);
      expect(r2.facts.map((f) => f.id).sort()).toEqual(r.facts.map((f) => f.id).sort());
      const events = await store.query.eventsOf({ personId: 'person:2' });
      expect(events.filter((e) => e.type === 'defection')).toHaveLength(1);
      expect(await store.query.citations('event', [events[0]!.id])).toHaveLength(2);
    });

    it('rejects with a reason and leaves the registry unchanged', async () => {
      const { saved } = await save(ARTICLE_A, '2024-03-01');
      const before = await registryState();
      const claim = find(saved.claims, 'office', 'Sam Sample', { office: 'leader' });
      const r = await rejectClaim(ctx, {
        id: String(claim.id),
        reason: 'Leader of the group, not the council',
        reviewer: 'ann',
      });
      expect(r).toMatchObject({
        status: 'rejected',
        reason: 'Leader of the group, not the council',
        reviewer: 'ann',
      });
      expect(r.decidedAt).toBe('2026-01-02T12:00:00.000Z');
      expect(await registryState()).toEqual(before);
      expect((await showClaim(ctx, { id: claim.id })).status).toBe('rejected');
      const err = await acceptClaim(ctx, { id: claim.id, reviewer: 'bob' }).catch((e) => e);
      expect(err).toBeInstanceOf(CaucusError);
      expect(err.code).toBe('conflict');
    });

    it('writes nothing when an accept fails, even part-way', async () => {
      // Saved without a published date: the deselection's event has no day.
      const { saved } = await saveArticle(ctx, { bytes: bytes(ARTICLE_A), file: 'a.txt' });
      expect(saved.article.publishedOn).toBeNull();
      const before = await registryState();
      const claim = find(saved.claims, 'deselection', 'Jo Newcombe');
      // An unknown id in --link is refused before any write...
      const unknown = await acceptClaim(ctx, {
        id: claim.id,
        links: ['subject=person:nobody'],
        reviewer: 'ann',
      }).catch((e) => e);
      expect(unknown).toBeInstanceOf(CaucusError);
      expect(unknown.code).toBe('invalid-input');
      expect(unknown.message).toMatch(/--link subject.*person:nobody/);
      // ...and a failure after the source and the new person were written rolls them back too.
      const undated = await acceptClaim(ctx, { id: claim.id, reviewer: 'ann' }).catch((e) => e);
      expect(undated).toBeInstanceOf(CaucusError);
      expect(undated.message).toMatch(/--edit date=YYYY-MM-DD/);
      expect(await registryState()).toEqual(before);
      expect((await store.review.article(saved.article.id))!.sourceId).toBeNull();
      expect((await showClaim(ctx, { id: claim.id })).status).toBe('proposed');
      // Given the day, the same accept goes through.
      const ok = await acceptClaim(ctx, { id: claim.id, edits: ['date=2024-02-26'], reviewer: 'ann' });
      expect(ok.created.map((c) => c.name)).toEqual(['Jo Newcombe']);
    });

    it('refuses to create a person the article does not show holding public office', async () => {
      const d = await save(ARTICLE_DEFECTION, '2024-04-10');
      const before = await registryState();
      const claim = find(d.saved.claims, 'affiliation', 'Pat Jones');
      const err = await acceptClaim(ctx, {
        id: claim.id,
        links: ['faction=faction:left'],
        reviewer: 'ann',
      }).catch((e) => e);
      expect(err).toBeInstanceOf(CaucusError);
      expect(err.message).toMatch(/does not show them holding or seeking public office/);
      expect(await registryState()).toEqual(before);
      expect((await showClaim(ctx, { id: claim.id })).status).toBe('proposed');
    });

    it('names the missing decision when a name is ambiguous, and takes --link to settle it', async () => {
      // A second Sample on the council makes "Cllr Sample" (surname only) a matter for review.
      await store.transaction((r) =>
        r.records.insert('persons', {
          id: 'person:3',
          sourceId: 'src:test',
          name: 'Kim Sample',
          givenName: 'Kim',
          familyName: 'Sample',
          honorificPrefix: null,
        }),
      );
      const text = 'Sample quits\n\nCllr Sample has resigned from Testborough Council after ten years.\n';
      const { saved } = await save(text, '2024-06-01');
      const claim = find(saved.claims, 'resignation', 'Sample');
      expect(claim.links.find((l) => l.argument === 'subject')?.status).toBe('review');
      const err = await acceptClaim(ctx, { id: claim.id, reviewer: 'ann' }).catch((e) => e);
      expect(err.code).toBe('invalid-input');
      expect(err.message).toMatch(/subject "Sample".*--link subject=ID/);
      const ok = await acceptClaim(ctx, { id: claim.id, links: ['subject=person:3'], reviewer: 'ann' });
      const event = await store.records.get<{ personId: string; type: string }>('events', ok.facts[0]!.id);
      expect(event).toMatchObject({ type: 'resignation', personId: 'person:3' });
    });

    it('exports learnt aliases as Popolo other names, and an export -> import round trip keeps them', async () => {
      const d = await save(ARTICLE_DEFECTION, '2024-04-10', 'https://example.org/defection');
      const r = await acceptClaim(ctx, {
        id: find(d.saved.claims, 'defection', 'Samuel Sample').id,
        reviewer: 'ann',
      });
      const alias = { name: 'Samuel Sample', note: 'alias', 'caucus:source_id': r.sourceId };
      type Doc = { persons: { id: string; other_names: unknown[] }[]; 'caucus:sources': { id: string }[] };
      const first = (await exportPopolo(ctx)) as Doc;
      expect(first.persons.find((p) => p.id === 'person:2')?.other_names).toEqual([alias]);
      expect(first['caucus:sources'].map((s) => s.id)).toContain(r.sourceId);
      // The streamed export (the API's) writes the same other names.
      let text = '';
      for await (const chunk of popoloChunks(ctx)) text += chunk;
      expect((JSON.parse(text) as Doc).persons.find((p) => p.id === 'person:2')?.other_names).toEqual([
        alias,
      ]);

      const copy = await openStore(await target.fresh());
      try {
        const copyCtx: AppContext = { store: copy, clock: fixedClock('2026-01-02') };
        const imported = await importPopolo(copyCtx, { text: JSON.stringify(first), file: 'export.json' });
        const learnt = await store.linking.allAliases();
        expect(learnt).toContainEqual({
          ownerType: 'person',
          ownerId: 'person:2',
          alias: 'Samuel Sample',
          sourceId: r.sourceId,
        });
        expect(imported.counts.aliases).toBe(learnt.length);
        expect(await copy.linking.allAliases()).toEqual(learnt);
        // Linking in the copy finds the person by the alias, as it did in the original.
        const byAlias = await copy.linking.personCandidates(['s']);
        expect(byAlias.find((p) => p.id === 'person:2')?.aliases).toEqual(['Samuel Sample']);
        expect(await exportPopolo(copyCtx)).toEqual(first);
      } finally {
        await copy.close();
      }
    });
  });
}
