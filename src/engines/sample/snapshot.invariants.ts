/**
 * Checks that a registry snapshot holds together the way the sample promises: unique ids, valid references,
 * one generated source, nothing dated after today, seats never over-filled, terms that start at a contest
 * and end at the next contest or a recorded event, and party, group, faction and leader memberships that
 * agree with one another. Returns the violations found (empty when all hold), at most `limit` of them.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Membership, Organization, RegistrySnapshot } from '../../domain/model.js';

/** Spans are read half-open, [start, end): a term that ends on a poll day gives way to the one starting then. */
function open(m: Membership, day: IsoDate): boolean {
  return (m.startDate === null || m.startDate <= day) && (m.endDate === null || m.endDate > day);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Merges back-to-back spans (one ends the day the next starts) into covering spans. */
function coverage(ms: readonly Membership[]): Array<[string, string | null]> {
  const sorted = [...ms].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
  const out: Array<[string, string | null]> = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] !== null && last[1] === m.startDate) last[1] = m.endDate;
    else out.push([m.startDate ?? '', m.endDate]);
  }
  return out;
}

function within(m: Membership, cover: Array<[string, string | null]>): boolean {
  const s = m.startDate ?? '';
  return cover.some(
    ([cs, ce]) =>
      cs <= s && (ce === null || (m.endDate !== null && m.endDate <= ce)) && (ce === null || s < ce),
  );
}

export function checkSampleInvariants(s: RegistrySnapshot, today: IsoDate, limit = 50): string[] {
  const problems: string[] = [];
  const fail = (msg: string) => {
    if (problems.length < limit) problems.push(msg);
  };

  // Ids and the source.
  const arrays = {
    sources: s.sources,
    areas: s.areas,
    organizations: s.organizations,
    persons: s.persons,
    posts: s.posts,
    memberships: s.memberships,
    elections: s.elections,
    ballots: s.ballots,
    candidacies: s.candidacies,
    selections: s.selections,
    events: s.events,
    membershipCounts: s.membershipCounts,
  };
  for (const [name, list] of Object.entries(arrays)) {
    const seen = new Set<string>();
    for (const r of list as Array<{ id: string }>) {
      if (seen.has(r.id)) fail(`${name}: duplicate id ${r.id}`);
      seen.add(r.id);
    }
  }
  const scKeys = new Set<string>();
  for (const c of s.selectionCandidates) {
    const k = `${c.selectionId}|${c.personId}`;
    if (scKeys.has(k)) fail(`selectionCandidates: ${c.personId} twice in ${c.selectionId}`);
    scKeys.add(k);
  }
  const generated = s.sources.filter(
    (x) => x.kind === 'generated' && /generated sample \(fictional\)/.test(x.title ?? ''),
  );
  if (s.sources.length !== 1 || generated.length !== 1)
    fail('sources: expected exactly one generated sample source');
  const sourceId = generated[0]?.id;
  for (const [name, list] of Object.entries(arrays)) {
    if (name === 'sources') continue;
    for (const r of list as Array<{ id: string; sourceId: string }>) {
      if (r.sourceId !== sourceId) fail(`${name}: ${r.id} cites ${r.sourceId}`);
    }
  }
  for (const c of s.citations)
    if (c.sourceId !== sourceId) fail(`citations: ${c.factId} cites ${c.sourceId}`);

  // References.
  const areas = new Map(s.areas.map((a) => [a.id, a]));
  const orgs = new Map(s.organizations.map((o) => [o.id, o]));
  const persons = new Set(s.persons.map((p) => p.id));
  const posts = new Map(s.posts.map((p) => [p.id, p]));
  const elections = new Map(s.elections.map((e) => [e.id, e]));
  const ballots = new Map(s.ballots.map((b) => [b.id, b]));
  const selections = new Map(s.selections.map((x) => [x.id, x]));
  const isClass = (id: string | null, cls: Organization['classification']) =>
    id !== null && orgs.get(id)?.classification === cls;
  for (const a of s.areas)
    if (a.parentId !== null && !areas.has(a.parentId)) fail(`area ${a.id}: parent ${a.parentId} missing`);
  for (const o of s.organizations) {
    if (o.parentId !== null && !orgs.has(o.parentId))
      fail(`organization ${o.id}: parent ${o.parentId} missing`);
    if (o.councilId !== null && !isClass(o.councilId, 'council'))
      fail(`organization ${o.id}: council ${o.councilId} missing`);
    if (o.areaId !== null && !areas.has(o.areaId)) fail(`organization ${o.id}: area ${o.areaId} missing`);
    if (
      (o.classification === 'faction' || o.classification === 'local-party') &&
      !isClass(o.parentId, 'party')
    ) {
      fail(`organization ${o.id}: a ${o.classification} needs a party parent`);
    }
    if (
      o.classification === 'party-group' &&
      (o.councilId === null || (o.parentId !== null && !isClass(o.parentId, 'party')))
    ) {
      fail(`organization ${o.id}: a party group needs a council and a party (or none, for independents)`);
    }
  }
  for (const p of s.posts) {
    if (!isClass(p.councilId, 'council')) fail(`post ${p.id}: council ${p.councilId} missing`);
    if (!areas.has(p.areaId)) fail(`post ${p.id}: area ${p.areaId} missing`);
  }
  for (const m of s.memberships) {
    if (!persons.has(m.personId)) fail(`membership ${m.id}: person ${m.personId} missing`);
    if (!orgs.has(m.organizationId)) fail(`membership ${m.id}: organization ${m.organizationId} missing`);
    if (m.postId !== null && !posts.has(m.postId)) fail(`membership ${m.id}: post ${m.postId} missing`);
    if (m.onBehalfOfId !== null && !isClass(m.onBehalfOfId, 'party'))
      fail(`membership ${m.id}: party ${m.onBehalfOfId} missing`);
  }
  for (const e of s.elections)
    if (!isClass(e.councilId, 'council')) fail(`election ${e.id}: council missing`);
  for (const b of s.ballots) {
    if (!elections.has(b.electionId)) fail(`ballot ${b.id}: election ${b.electionId} missing`);
    if (!posts.has(b.postId)) fail(`ballot ${b.id}: post ${b.postId} missing`);
    if (elections.get(b.electionId)?.date !== b.date) fail(`ballot ${b.id}: date differs from its election`);
  }
  for (const c of s.candidacies) {
    if (!ballots.has(c.ballotId)) fail(`candidacy ${c.id}: ballot ${c.ballotId} missing`);
    if (!persons.has(c.personId)) fail(`candidacy ${c.id}: person ${c.personId} missing`);
    if (c.partyId !== null && !isClass(c.partyId, 'party'))
      fail(`candidacy ${c.id}: party ${c.partyId} missing`);
  }
  for (const x of s.selections) {
    if (!isClass(x.partyId, 'party') || !isClass(x.councilId, 'council') || !posts.has(x.postId)) {
      fail(`selection ${x.id}: party, council or post missing`);
    }
    if (x.localPartyId !== null && !isClass(x.localPartyId, 'local-party'))
      fail(`selection ${x.id}: local party missing`);
    if (!(x.date < x.pollDate))
      fail(`selection ${x.id}: made on ${x.date}, not before the poll on ${x.pollDate}`);
  }
  for (const c of s.selectionCandidates) {
    if (!selections.has(c.selectionId)) fail(`selection candidate: selection ${c.selectionId} missing`);
    if (!persons.has(c.personId)) fail(`selection candidate: person ${c.personId} missing`);
  }
  for (const e of s.events) {
    if (e.councilId !== null && !isClass(e.councilId, 'council')) fail(`event ${e.id}: council missing`);
    if (e.organizationId !== null && !orgs.has(e.organizationId)) fail(`event ${e.id}: organization missing`);
    if (e.personId !== null && !persons.has(e.personId)) fail(`event ${e.id}: person missing`);
  }
  for (const c of s.membershipCounts) {
    if (!isClass(c.localPartyId, 'local-party')) fail(`count ${c.id}: local party ${c.localPartyId} missing`);
    if (!(c.count >= 0)) fail(`count ${c.id}: negative`);
  }
  const factIds = new Set<string>([...s.events.map((e) => e.id)]);
  for (const c of s.citations)
    if (c.factType === 'event' && !factIds.has(c.factId)) fail(`citation: event ${c.factId} missing`);

  // Dates.
  const dated: Array<[string, string | null]> = [];
  for (const m of s.memberships) {
    dated.push([m.id, m.startDate], [m.id, m.endDate]);
    if (m.startDate !== null && m.endDate !== null && m.endDate <= m.startDate)
      fail(`membership ${m.id}: ends the day it starts or before`);
  }
  for (const e of s.elections) dated.push([e.id, e.date]);
  for (const x of s.selections) dated.push([x.id, x.date], [x.id, x.pollDate]);
  for (const e of s.events) dated.push([e.id, e.date]);
  for (const c of s.membershipCounts) dated.push([c.id, c.date]);
  for (const o of s.organizations) dated.push([o.id, o.foundingDate], [o.id, o.dissolutionDate]);
  for (const a of s.areas) dated.push([a.id, a.validFrom]);
  for (const [id, d] of dated) if (d !== null && d > today) fail(`${id}: dated ${d}, after ${today}`);

  // Ballots and their results.
  const councilNation = new Map(
    s.organizations.filter((o) => o.classification === 'council').map((o) => [o.id, o.nation]),
  );
  const candidaciesByBallot = groupBy(s.candidacies, (c) => c.ballotId);
  for (const b of s.ballots) {
    const cs = candidaciesByBallot.get(b.id) ?? [];
    const elected = cs.filter((c) => c.elected);
    if (elected.length !== b.seatsContested)
      fail(`ballot ${b.id}: ${elected.length} elected for ${b.seatsContested} seats`);
    if (new Set(cs.map((c) => c.personId)).size !== cs.length) fail(`ballot ${b.id}: a person stands twice`);
    if (b.cancelled && cs.some((c) => c.votes !== null)) fail(`ballot ${b.id}: uncontested but has votes`);
    const nation = councilNation.get(posts.get(b.postId)?.councilId ?? '');
    if (!b.cancelled && (nation === 'england' || nation === 'wales') && elected.length > 0) {
      const lowestWinner = Math.min(...elected.map((c) => c.votes ?? 0));
      const bestLoser = Math.max(0, ...cs.filter((c) => !c.elected).map((c) => c.votes ?? 0));
      if (bestLoser > lowestWinner) fail(`ballot ${b.id}: a loser polled more than a winner`);
    }
  }
  const partyNations: Record<string, string[]> = {};
  for (const o of s.organizations)
    if (o.classification === 'party' && o.nation) partyNations[o.id] = [o.nation];
  for (const c of s.candidacies) {
    if (c.partyId === null) continue;
    const nation = councilNation.get(posts.get(ballots.get(c.ballotId)?.postId ?? '')?.councilId ?? '');
    const only = partyNations[c.partyId];
    if (only && nation && !only.includes(nation)) fail(`candidacy ${c.id}: ${c.partyId} stands in ${nation}`);
    if (!only && nation === 'northern-ireland')
      fail(`candidacy ${c.id}: ${c.partyId} stands in Northern Ireland`);
  }

  // Councillor terms: seats never over-filled; each term starts at a win (or co-option) and ends at a contest or event.
  const councillors = s.memberships.filter((m) => m.role === 'councillor');
  const ballotsByPost = groupBy(s.ballots, (b) => b.postId);
  const electedAt = new Set<string>();
  for (const c of s.candidacies) {
    if (!c.elected) continue;
    const b = ballots.get(c.ballotId);
    if (b) electedAt.add(`${c.personId}|${b.postId}|${b.date}`);
  }
  const eventsByPerson = groupBy(
    s.events.filter((e) => e.personId !== null),
    (e) => e.personId!,
  );
  const termStarts = new Set(councillors.map((m) => `${m.personId}|${m.postId}|${m.startDate}`));
  for (const c of s.candidacies) {
    if (!c.elected) continue;
    const b = ballots.get(c.ballotId);
    if (b && !termStarts.has(`${c.personId}|${b.postId}|${b.date}`))
      fail(`candidacy ${c.id}: winner has no term from ${b.date}`);
  }
  for (const m of councillors) {
    if (m.postId === null) {
      fail(`membership ${m.id}: a councillor without a post`);
      continue;
    }
    const key = `${m.personId}|${m.postId}|${m.startDate}`;
    const events = eventsByPerson.get(m.personId) ?? [];
    const coOpted = events.some((e) => e.date === m.startDate && e.details.kind === 'co-option');
    if (!electedAt.has(key) && !coOpted)
      fail(`membership ${m.id}: term from ${m.startDate} without a win or co-option`);
    if (m.endDate !== null) {
      const contest = (ballotsByPost.get(m.postId) ?? []).some((b) => b.date === m.endDate);
      const event = events.some((e) => e.date === m.endDate);
      if (!contest && !event) fail(`membership ${m.id}: term ends ${m.endDate} with no contest or event`);
    }
    if (posts.get(m.postId)?.councilId !== m.organizationId)
      fail(`membership ${m.id}: post on another council`);
  }
  for (const [postId, ms] of groupBy(councillors, (m) => m.postId ?? '')) {
    const seats = posts.get(postId)?.seats ?? 0;
    const steps: Array<[string, number]> = [];
    for (const m of ms) {
      steps.push([m.startDate ?? '', 1]);
      if (m.endDate !== null) steps.push([m.endDate, -1]);
    }
    steps.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    let n = 0;
    for (const [d, delta] of steps) {
      n += delta;
      if (n > seats) {
        fail(`post ${postId}: ${n} councillors for ${seats} seats on ${d}`);
        break;
      }
    }
    const endsByDate = groupBy(
      ms.filter((m) => m.endDate !== null),
      (m) => m.endDate!,
    );
    for (const b of ballotsByPost.get(postId) ?? []) {
      const ended = endsByDate.get(b.date)?.length ?? 0;
      if (ended > b.seatsContested)
        fail(`ballot ${b.id}: ${ended} terms end for ${b.seatsContested} seats contested`);
    }
  }

  // Party, group, faction and office memberships agree.
  const byPerson = groupBy(s.memberships, (m) => m.personId);
  for (const [personId, ms] of byPerson) {
    const party = ms.filter((m) => m.role === 'member' && isClass(m.organizationId, 'party'));
    const groups = ms.filter((m) => m.role === 'group-member');
    const terms = ms.filter((m) => m.role === 'councillor');
    const points = new Set<string>();
    for (const m of [...party, ...groups, ...terms]) {
      if (m.startDate) points.add(m.startDate);
      if (m.endDate) points.add(m.endDate);
    }
    for (const d of points) {
      if (!terms.some((t) => open(t, d))) continue;
      const p = party.filter((m) => open(m, d));
      const g = groups.filter((m) => open(m, d));
      if (p.length > 1) fail(`${personId}: ${p.length} parties on ${d}`);
      if (g.length > 1) fail(`${personId}: ${g.length} groups on ${d}`);
      const group = g[0] ? orgs.get(g[0].organizationId) : undefined;
      if (group && group.parentId !== (p[0]?.organizationId ?? null)) {
        fail(
          `${personId}: sits in ${group.id} but is a member of ${p[0]?.organizationId ?? 'no party'} on ${d}`,
        );
      }
    }
    for (const t of terms) {
      const p = party.filter((m) => open(m, t.startDate ?? ''));
      if ((p[0]?.organizationId ?? null) !== t.onBehalfOfId) {
        fail(
          `${t.id}: elected for ${t.onBehalfOfId} while a member of ${p[0]?.organizationId ?? 'no party'}`,
        );
      }
    }
    const termsByCouncil = groupBy(terms, (m) => m.organizationId);
    for (const g of groups) {
      const council = orgs.get(g.organizationId)?.councilId ?? '';
      if (!within(g, coverage(termsByCouncil.get(council) ?? [])))
        fail(`${g.id}: group membership outside a term on ${council}`);
    }
    const groupsByOrg = groupBy(groups, (m) => m.organizationId);
    for (const m of ms) {
      if (m.role === 'aligned') {
        const faction = orgs.get(m.organizationId);
        const p = party.filter((x) => open(x, m.startDate ?? ''));
        if (faction?.classification !== 'faction' || p[0]?.organizationId !== faction.parentId) {
          fail(
            `${m.id}: aligned with ${m.organizationId} while a member of ${p[0]?.organizationId ?? 'no party'}`,
          );
        }
      }
      const org = orgs.get(m.organizationId);
      if (m.role === 'leader' && org?.classification === 'party-group') {
        if (!within(m, coverage(groupsByOrg.get(org.id) ?? [])))
          fail(`${m.id}: leads ${org.id} without being in it`);
      }
      if (org?.classification === 'council' && m.role !== 'councillor') {
        if (!within(m, coverage(termsByCouncil.get(org.id) ?? [])))
          fail(`${m.id}: ${m.role} of ${org.id} without a seat`);
      }
    }
  }
  const officeHolders = groupBy(
    s.memberships.filter(
      (m) => m.role === 'leader' || m.role === 'mayor' || m.role === 'lord-mayor' || m.role === 'chair',
    ),
    (m) => `${m.organizationId}|${m.role}`,
  );
  for (const [key, ms] of officeHolders) {
    const sorted = [...ms].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      if (prev.endDate === null || prev.endDate > (sorted[i]!.startDate ?? '')) {
        fail(`${key}: ${prev.id} and ${sorted[i]!.id} overlap`);
      }
    }
  }

  // Selections: every party candidate at an ordinary poll whose selection is recorded was chosen by it
  // (only selections with a sitting councillor or a contest are recorded); every deselection is an event.
  const chosen = new Set<string>();
  const recorded = new Set<string>();
  for (const x of s.selections) recorded.add(`${x.partyId}|${x.postId}|${x.pollDate}`);
  for (const c of s.selectionCandidates) {
    const x = selections.get(c.selectionId);
    if (x && c.chosen) chosen.add(`${x.partyId}|${x.postId}|${x.pollDate}|${c.personId}`);
  }
  for (const c of s.candidacies) {
    const b = ballots.get(c.ballotId);
    if (!b || b.byElection || c.partyId === null) continue;
    if (!recorded.has(`${c.partyId}|${b.postId}|${b.date}`)) continue;
    if (!chosen.has(`${c.partyId}|${b.postId}|${b.date}|${c.personId}`))
      fail(`candidacy ${c.id}: stands without being selected`);
  }
  const deselections = new Set(
    s.events.filter((e) => e.type === 'deselection').map((e) => `${e.personId}|${e.details.selectionId}`),
  );
  for (const c of s.selectionCandidates) {
    if (
      c.sitting &&
      c.soughtReselection &&
      !c.chosen &&
      !deselections.has(`${c.personId}|${c.selectionId}`)
    ) {
      fail(`selection ${c.selectionId}: ${c.personId} deselected with no event`);
    }
  }
  return problems;
}
