/**
 * One person: their offices, memberships and alignments over time as a timeline, their candidacies with the
 * results, and events; every fact with its sources and quotes behind one click.
 */
import { AsOfPicker } from '../components/as-of.js';
import { OrgName } from '../components/party.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SourceOfEvent, Sources } from '../components/sources.js';
import { Async, Empty } from '../components/status.js';
import { type Spell, Timeline } from '../components/timeline.js';
import { apiGet, apiPath, seg } from '../lib/api.js';
import type { BallotView, PersonView } from '../lib/api-types.js';
import { shade } from '../lib/colours.js';
import { count, formatDate, kebabLabel, roleLabel } from '../lib/format.js';
import { councilHref, hrefForId, personHref, wardHref } from '../lib/links.js';
import { type Palette, usePalette } from '../lib/palette.js';
import { Link, type Place } from '../lib/router.js';
import { useApi, useLoader } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

const BALLOTS_SHOWN = 30;

export function PersonPage({ id, place }: { id: string; place: Place }) {
  const asOf = place.query.get('asOf');
  const view = useApi<PersonView>(apiPath(`/api/people/${seg(id)}`, { asOf }));
  const palette = usePalette();
  usePageTitle(view.status === 'ready' ? view.data.person.name : 'Person');
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>
          {view.status === 'ready'
            ? view.data.person.name
            : view.status === 'error'
              ? 'Person not found'
              : 'Person'}
        </h1>
        <AsOfPicker value={asOf} shown={view.status === 'ready' ? view.data.asOf : (asOf ?? '')} />
      </div>
      <Async state={view} label={`person “${id}”`}>
        {(p) => <PersonBody p={p} palette={palette} />}
      </Async>
    </>
  );
}

/** The colour of a spell: the party or faction it is for, else a neutral shade by role. */
function spellColour(m: PersonView['memberships'][number], palette: Palette): string {
  const org = m.organizationId;
  if (org.startsWith('party:') || org.startsWith('faction:')) return palette.colour(org);
  if (m.onBehalfOfId) return palette.colour(m.onBehalfOfId);
  return m.role === 'group-member' ? '#adb5bd' : shade('#495057', m.role === 'leader' ? 0 : 0.3);
}

function PersonBody({ p, palette }: { p: PersonView; palette: Palette }) {
  // Ballots name the ward (and hold the full result) for each candidacy, and so for each councillor's seat.
  const ballotIds = [...new Set(p.candidacies.map((c) => c.ballot))].slice(-BALLOTS_SHOWN);
  const ballots = useLoader(ballotIds.length ? `ballots:${ballotIds.join(',')}` : null, () =>
    Promise.all(ballotIds.map((b) => apiGet<BallotView>(`/api/ballots/${seg(b)}`).catch(() => null))),
  );
  const byBallot = new Map<string, BallotView>();
  const wardOfPost = new Map<string, { id: string; name: string }>();
  if (ballots.status === 'ready') {
    for (const b of ballots.data) {
      if (!b) continue;
      byBallot.set(b.ballot.id, b);
      if (b.ward) wardOfPost.set(b.ballot.postId, { id: b.ward.id, name: b.ward.name });
    }
  }

  const spells: Spell[] = [...p.memberships]
    .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''))
    .map((m) => {
      const ward = m.postId ? wardOfPost.get(m.postId) : undefined;
      const orgHref = m.organizationId.startsWith('council:')
        ? councilHref(m.organizationId)
        : hrefForId(m.organizationId);
      return {
        key: m.id,
        label: (
          <>
            <strong>{roleLabel(m.role)}</strong>
            {m.role === 'aligned' ? ' ' : ', '}
            {orgHref ? (
              <Link href={orgHref}>{m.organization?.name ?? m.organizationId}</Link>
            ) : (
              (m.organization?.name ?? m.organizationId)
            )}
            {ward ? (
              <>
                {' '}
                for <Link href={wardHref(ward.id)}>{ward.name}</Link>
              </>
            ) : m.postId ? (
              // A seat won without a recorded ballot (co-opted, appointed): its post id leads to the ward.
              <>
                {' '}
                for <Link href={wardHref(m.postId)}>a ward</Link>
              </>
            ) : null}
          </>
        ),
        detail:
          [m.label, m.endReason ? `ended: ${kebabLabel(m.endReason)}` : null].filter(Boolean).join('; ') ||
          undefined,
        start: m.startDate,
        end: m.endDate,
        colour: spellColour(m, palette),
        extra: <Sources sources={m.sources} />,
      };
    });

  return (
    <>
      <section aria-labelledby="now-h">
        <h2 id="now-h">On {formatDate(p.asOf)}</h2>
        {p.current.length === 0 ? (
          <Empty>No office or membership on this day.</Empty>
        ) : (
          <ul data-testid="current">
            {p.current.map((c) => (
              <li key={`${c.role}:${c.organization?.id}:${c.since}`}>
                {roleLabel(c.role)}, {c.organization?.name ?? '?'} since {formatDate(c.since)}
              </li>
            ))}
          </ul>
        )}
        <Sources sources={p.sources} label="Sources for this person" />
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Offices, memberships and alignments over time</h2>
        {spells.length === 0 ? (
          <Empty>None recorded.</Empty>
        ) : (
          <Timeline spells={spells} asOf={p.asOf} caption={`${p.person.name}'s memberships over time`} />
        )}
      </section>

      <section aria-labelledby="cand-h">
        <h2 id="cand-h">Candidacies and results</h2>
        {p.candidacies.length === 0 ? (
          <Empty>No candidacy recorded.</Empty>
        ) : (
          <ScrollRegion label="Candidacies">
            <table data-testid="candidacies">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Ward</th>
                  <th scope="col">Party</th>
                  <th scope="col" class="num">
                    Votes
                  </th>
                  <th scope="col">Result</th>
                  <th scope="col">Sources</th>
                </tr>
              </thead>
              <tbody>
                {[...p.candidacies].reverse().map((c) => {
                  const b = byBallot.get(c.ballot);
                  return (
                    <tr key={c.ballot}>
                      <td>{formatDate(c.date)}</td>
                      <td>
                        {b?.ward ? (
                          <Link href={wardHref(b.ward.id)}>{b.ward.name}</Link>
                        ) : (
                          <code>{c.ballot}</code>
                        )}
                        {b ? (
                          <>
                            {b.ballot.byElection ? ' (by-election)' : ''}
                            {b.council ? ', ' : ''}
                            {b.council ? (
                              <span class="muted">
                                <Link href={councilHref(b.council.id)}>{b.council.name}</Link>
                              </span>
                            ) : null}
                          </>
                        ) : null}
                        {b ? <BallotResult ballot={b} personId={p.person.id} /> : null}
                      </td>
                      <td>
                        <OrgName org={c.party} palette={palette} none="Independent" />
                      </td>
                      <td class="num">{c.votes === null ? '—' : count(c.votes)}</td>
                      <td>{c.elected === null ? 'not known' : c.elected ? 'Elected' : 'Not elected'}</td>
                      <td>
                        <Sources sources={c.sources} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {ballots.status === 'loading' ? <p class="muted">Loading the results…</p> : null}
      </section>

      <section aria-labelledby="pevents-h">
        <h2 id="pevents-h">Events</h2>
        {p.events.length === 0 ? (
          <Empty>No events recorded.</Empty>
        ) : (
          <ol class="events">
            {p.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.date}>{formatDate(e.date)}</time>{' '}
                <span class="badge">{kebabLabel(e.type)}</span> {e.title}
                <SourceOfEvent eventId={e.id} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

export function BallotResult({ ballot, personId }: { ballot: BallotView; personId?: string }) {
  const total = ballot.candidates.reduce((n, c) => n + (c.votes ?? 0), 0);
  return (
    <details class="result">
      <summary>Full result ({ballot.candidates.length} candidates)</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Party</th>
            <th scope="col" class="num">
              Votes
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {ballot.candidates.map((c) => (
            <tr key={c.person.id} class={c.person.id === personId ? 'highlight' : undefined}>
              <td>
                <Link href={personHref(c.person.id)}>{c.person.name}</Link>
              </td>
              <td>{c.party?.name ?? 'Independent'}</td>
              <td class="num">
                {c.votes === null ? '—' : count(c.votes)}
                {c.votes !== null && total ? (
                  <span class="muted"> ({((c.votes / total) * 100).toFixed(1)}%)</span>
                ) : null}
              </td>
              <td>{c.elected ? 'Elected' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
