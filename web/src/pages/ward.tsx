/** One ward on a day: its councillors (a timeline of their terms), its recent ballots with results, sources. */
import { AsOfPicker } from '../components/as-of.js';
import { OrgName } from '../components/party.js';
import { Sources } from '../components/sources.js';
import { Async, Empty } from '../components/status.js';
import { Timeline } from '../components/timeline.js';
import { apiPath, seg } from '../lib/api.js';
import type { WardView } from '../lib/api-types.js';
import { count, formatDate, kebabLabel, plural } from '../lib/format.js';
import { councilHref, personHref } from '../lib/links.js';
import { type Palette, usePalette } from '../lib/palette.js';
import { Link, type Place } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

export function WardPage({ id, place }: { id: string; place: Place }) {
  const asOf = place.query.get('asOf');
  const view = useApi<WardView>(apiPath(`/api/wards/${seg(id)}`, { asOf }));
  const palette = usePalette();
  usePageTitle(view.status === 'ready' ? `${view.data.ward.name} ward` : 'Ward');
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>
          {view.status === 'ready'
            ? `${view.data.ward.name} ward`
            : view.status === 'error'
              ? 'Ward not found'
              : 'Ward'}
        </h1>
        <AsOfPicker value={asOf} shown={view.status === 'ready' ? view.data.asOf : (asOf ?? '')} />
      </div>
      <Async state={view} label={`ward “${id}”`}>
        {(w) => <WardBody w={w} palette={palette} />}
      </Async>
    </>
  );
}

function WardBody({ w, palette }: { w: WardView; palette: Palette }) {
  return (
    <>
      <p class="lede">
        {w.councils.map((c, i) => (
          <span key={c.id}>
            {i > 0 ? ', ' : ''}
            <Link href={councilHref(c.id)}>{c.name}</Link>
          </span>
        ))}
        {' · '}
        {plural(w.seats, 'seat')}
        {w.ward.gss ? ` · GSS ${w.ward.gss}` : ''}
        {w.ward.validFrom ? ` · since ${formatDate(w.ward.validFrom)}` : ''}
        {w.ward.validTo ? ` · until ${formatDate(w.ward.validTo)}` : ''}
      </p>

      <section aria-labelledby="cllrs-h">
        <h2 id="cllrs-h">Councillors on {formatDate(w.asOf)}</h2>
        {w.councillors.length === 0 ? (
          <Empty>No councillor holds a seat here on this day.</Empty>
        ) : (
          <>
            <div class="table-wrap">
              <table data-testid="councillors">
                <thead>
                  <tr>
                    <th scope="col">Councillor</th>
                    <th scope="col">Party</th>
                    <th scope="col">Faction</th>
                    <th scope="col">Since</th>
                    <th scope="col">How</th>
                  </tr>
                </thead>
                <tbody>
                  {w.councillors.map((c) => (
                    <tr key={c.person.id}>
                      <th scope="row">
                        <Link href={personHref(c.person.id)}>{c.person.name}</Link>
                      </th>
                      <td>
                        <OrgName org={c.party} palette={palette} none="Independent" />
                      </td>
                      <td>
                        {c.faction ? (
                          <OrgName org={c.faction} palette={palette} />
                        ) : (
                          <span class="muted">unaligned</span>
                        )}
                      </td>
                      <td>{formatDate(c.since)}</td>
                      <td>{c.how ? kebabLabel(c.how) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Timeline
              asOf={w.asOf}
              caption="The sitting councillors' terms so far"
              spells={w.councillors.map((c) => ({
                key: c.person.id,
                label: c.person.name,
                detail: `${c.party?.name ?? 'Independent'}${c.faction ? `, ${c.faction.name}` : ''}`,
                start: c.since,
                end: null,
                colour: palette.colour(c.party?.id ?? 'independent'),
              }))}
            />
          </>
        )}
      </section>

      <section aria-labelledby="ballots-h">
        <h2 id="ballots-h">Recent ballots</h2>
        {w.ballots.length === 0 ? (
          <Empty>No ballot recorded up to this day.</Empty>
        ) : (
          w.ballots.map((b) => {
            const total = b.candidates.reduce((n, c) => n + (c.votes ?? 0), 0);
            return (
              <div class="table-wrap" key={b.id}>
                <table data-ballot={b.id}>
                  <caption>
                    {formatDate(b.date)}
                    {b.byElection ? ' by-election' : ''}: {plural(b.seatsContested, 'seat')} contested
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Candidate</th>
                      <th scope="col">Party</th>
                      <th scope="col" class="num">
                        Votes
                      </th>
                      <th scope="col">Share</th>
                      <th scope="col">Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.candidates.map((c) => (
                      <tr key={c.person.id}>
                        <th scope="row">
                          <Link href={personHref(c.person.id)}>{c.person.name}</Link>
                        </th>
                        <td>
                          <OrgName org={c.party} palette={palette} none="Independent" />
                        </td>
                        <td class="num">{c.votes === null ? '—' : count(c.votes)}</td>
                        <td>
                          {c.votes !== null && total ? (
                            <span class="bar-cell">
                              <span
                                class="bar"
                                style={{
                                  width: `${((c.votes / total) * 100).toFixed(1)}%`,
                                  backgroundColor: palette.colour(c.party?.id ?? 'independent'),
                                }}
                              />
                              <span class="bar-value">{((c.votes / total) * 100).toFixed(1)}%</span>
                            </span>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>{c.elected ? <strong>Elected</strong> : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })
        )}
      </section>

      <section aria-labelledby="wsources-h">
        <h2 id="wsources-h">Sources</h2>
        <Sources sources={w.sources} />
      </section>
    </>
  );
}
