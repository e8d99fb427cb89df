/**
 * One council on a day: control and its leader, seats by party (parliament arc) with each group's faction
 * balance, voting power, what the leader depends on, the polls to come, a faction's distance to control and
 * its earliest pathway, the incumbency ledger of past polls, the forecast, and the events with their
 * sources. Each part loads on its own and fails on its own.
 */
import { useState } from 'preact/hooks';
import { AsOfPicker } from '../components/as-of.js';
import { FactionBalance } from '../components/faction-balance.js';
import { OrgName, Swatch } from '../components/party.js';
import { PowerBars } from '../components/power-bars.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SeatArc } from '../components/seat-arc.js';
import { SourceById, Sources } from '../components/sources.js';
import { Async, Empty } from '../components/status.js';
import { apiPath, seg } from '../lib/api.js';
import type {
  ControlView,
  CouncilPower,
  CouncilPowerCouncil,
  CouncilPowerGroup,
  CouncilTimetable,
  CouncilView,
  EventList,
  SelectionCalendar,
  Takeover,
} from '../lib/api-types.js';
import { controlStatus, formatDate, kebabLabel, plural, roleLabel } from '../lib/format.js';
import { personHref, wardHref } from '../lib/links.js';
import { type Palette, usePalette } from '../lib/palette.js';
import { Link, type Place, setQuery } from '../lib/router.js';
import { useAllPages, useApi } from '../lib/use-api.js';
import { CouncilForecastSection } from './council-forecast.js';
import { LedgerSection } from './council-ledger.js';
import { usePageTitle } from './page.js';

export function CouncilPage({ id, place }: { id: string; place: Place }) {
  const asOf = place.query.get('asOf');
  const view = useApi<CouncilView>(apiPath(`/api/councils/${seg(id)}`, { asOf }));
  const palette = usePalette();
  usePageTitle(view.status === 'ready' ? view.data.council.name : 'Council');
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>
          {view.status === 'ready'
            ? view.data.council.name
            : view.status === 'error'
              ? 'Council not found'
              : 'Council'}
        </h1>
        <AsOfPicker value={asOf} shown={view.status === 'ready' ? view.data.asOf : (asOf ?? '')} />
      </div>
      <Async state={view} label={`council “${id}”`}>
        {(c) => <CouncilBody c={c} place={place} palette={palette} />}
      </Async>
    </>
  );
}

const TYPE_NAMES: Record<string, string> = {
  CTY: 'county council',
  NMD: 'district council',
  MD: 'metropolitan borough',
  LBO: 'London borough',
  UA: 'unitary authority',
  WPA: 'Welsh principal council',
  SCO: 'Scottish council',
  NID: 'Northern Irish district',
};

function CouncilBody({ c, place, palette }: { c: CouncilView; place: Place; palette: Palette }) {
  const id = c.council.id;
  const asOf = place.query.get('asOf');
  const control = useApi<ControlView>(apiPath('/api/control', { council: id, asOf }));
  const row = control.status === 'ready' ? control.data.councils[0] : undefined;
  const timetable = useApi<CouncilTimetable>(apiPath(`/api/councils/${seg(id)}/timetable`));
  const calendar = useApi<SelectionCalendar>(apiPath('/api/timetable/selections', { council: id, asOf }));
  const wardNames = new Map<string, string>();
  if (timetable.status === 'ready')
    for (const p of timetable.data.polls) for (const w of p.wards) wardNames.set(w.wardId, w.ward);
  const people = new Map<string, string>();
  if (calendar.status === 'ready')
    for (const e of calendar.data.entries) people.set(e.personId, e.personName);

  const council = c.council;
  const facts = [
    council.councilType ? (TYPE_NAMES[council.councilType] ?? council.councilType) : null,
    council.region,
    council.laCode ? `code ${council.laCode}` : null,
    council.gss ? `GSS ${council.gss}` : null,
    council.electionScheme
      ? `elected ${council.electionScheme === 'all-out' ? 'all out' : `by ${council.electionScheme}`}`
      : null,
  ].filter(Boolean);
  const majorityGroup = c.groups.find((g) => g.party?.id === c.control.majorityParty?.id);
  const leaderParty = row?.leader?.party?.id ?? c.control.majorityParty?.id ?? c.groups[0]?.party?.id ?? null;

  return (
    <>
      <p class="lede">
        {facts.join(' · ')}. {plural(c.seats, 'seat')} in {plural(c.wards, 'ward')}, on {formatDate(c.asOf)}.
      </p>

      <section aria-labelledby="control-h">
        <h2 id="control-h">Control</h2>
        <p class="control-line" data-testid="control-line">
          <strong>{controlStatus(row?.status ?? c.control.status)}</strong>
          {c.control.majorityParty ? (
            <>
              {': '}
              <OrgName org={c.control.majorityParty} palette={palette} /> with {majorityGroup?.seats ?? '?'}{' '}
              of {c.seats} seats
            </>
          ) : (
            ': no party has a majority'
          )}{' '}
          ({c.control.majorityThreshold} needed for a majority; {c.control.filledSeats} seats filled).
          {c.control.controllingFaction ? (
            <>
              {' '}
              The majority group is controlled by{' '}
              <OrgName org={c.control.controllingFaction} palette={palette} />.
            </>
          ) : null}
        </p>
        {control.status === 'loading' ? <p class="muted">Looking up the leader…</p> : null}
        {row ? (
          <p data-testid="leader-line">
            {row.leader ? (
              <>
                Leader of the council: <Link href={personHref(row.leader.id)}>{row.leader.name}</Link>
                {row.leader.party ? ` (${row.leader.party.name})` : ''}.
              </>
            ) : (
              'No leader of the council is recorded on this day.'
            )}
          </p>
        ) : null}
        {c.offices.length ? (
          <details>
            <summary>Office holders ({c.offices.length})</summary>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Office</th>
                    <th scope="col">Of</th>
                    <th scope="col">Holder</th>
                    <th scope="col">Since</th>
                  </tr>
                </thead>
                <tbody>
                  {c.offices.map((o) => (
                    <tr key={`${o.role}:${o.of}:${o.person.id}`}>
                      <td>{roleLabel(o.role)}</td>
                      <td>{o.of}</td>
                      <td>
                        <Link href={personHref(o.person.id)}>{o.person.name}</Link>
                      </td>
                      <td>{formatDate(o.since)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="seats-h">
        <h2 id="seats-h">Seats and factions</h2>
        {c.groups.length === 0 ? (
          <Empty>No seats are held on this day.</Empty>
        ) : (
          <div class="two-col">
            <SeatArc
              groups={c.groups}
              totalSeats={c.seats}
              majority={c.control.majorityThreshold}
              palette={palette}
            />
            <FactionBalance groups={c.groups} palette={palette} />
          </div>
        )}
      </section>

      <PowerSection
        id={id}
        asOf={asOf}
        palette={palette}
        groups={c.groups.map((g) => g.party)}
        leaderParty={leaderParty}
        chosen={place.query.get('group')}
      />

      <TimetableSection state={timetable} calendar={calendar} />

      <TakeoverSection
        id={id}
        asOf={asOf}
        palette={palette}
        factions={c.groups.flatMap((g) =>
          g.factions
            .filter((f) => f.faction)
            .map((f) => ({ ...f.faction!, seats: f.seats, party: g.party?.name ?? '' })),
        )}
        chosen={place.query.get('faction')}
        wardNames={wardNames}
        people={people}
      />

      <LedgerSection id={id} election={place.query.get('election')} palette={palette} />

      <CouncilForecastSection councilId={id} majority={c.control.majorityThreshold} palette={palette} />

      <EventsSection id={id} people={people} />

      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources for this council</h2>
        <Sources sources={c.sources} label="Sources" />
      </section>
    </>
  );
}

function PowerSection({
  id,
  asOf,
  palette,
  groups,
  leaderParty,
  chosen,
}: {
  id: string;
  asOf: string | null;
  palette: Palette;
  groups: Array<{ id: string; name: string } | null>;
  leaderParty: string | null;
  chosen: string | null;
}) {
  const power = useApi<CouncilPower>(apiPath(`/api/councils/${seg(id)}/power`, { asOf }));
  const group = chosen ?? leaderParty;
  const inGroup = useApi<CouncilPower>(
    group ? apiPath(`/api/councils/${seg(id)}/power`, { group, asOf }) : null,
  );
  const colourOf = (name: string) =>
    palette.colour(
      groups.find((g) => g?.name === name)?.id ?? (name === 'Independent' ? 'independent' : null),
    );
  return (
    <section aria-labelledby="power-h">
      <h2 id="power-h">Voting power</h2>
      <Async state={power} label="the groups’ voting power">
        {(p) => {
          const cp = p as CouncilPowerCouncil;
          return (
            <>
              <PowerBars
                players={cp.power.players}
                caption={`Each group’s share of voting power when the council votes (majority ${cp.power.quota} of ${cp.seats})`}
                colourOf={colourOf}
              />
              <p class="muted">
                Banzhaf: how often a group’s votes turn a losing side into a winning one. Shapley–Shubik: how
                often it is the member whose joining first makes a majority.{' '}
                {cp.power.dictator ? `${cp.power.dictator} decides alone.` : ''}
                {cp.power.dummies.length ? ` Without any say: ${cp.power.dummies.join(', ')}.` : ''}
              </p>
              {cp.hung ? <Coalitions hung={cp.hung} /> : null}
            </>
          );
        }}
      </Async>

      <h3 id="dependence-h">What the leader depends on</h3>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Group{' '}
          <select
            name="group"
            value={group ?? ''}
            onChange={(e) => setQuery({ group: (e.currentTarget as HTMLSelectElement).value || null })}
          >
            {groups.map((g) =>
              g ? (
                <option key={g.id} value={g.id}>
                  {g.name}
                  {g.id === leaderParty ? ' (the leader’s group)' : ''}
                </option>
              ) : null,
            )}
          </select>
        </label>
      </form>
      {group ? (
        <Async
          state={inGroup}
          label="the group’s factions"
          slowNote="(every coalition of the group's members is counted)"
        >
          {(p) => {
            const gp = p as CouncilPowerGroup;
            return (
              <>
                <p data-testid="dependence">
                  The {gp.group.name} group has {gp.group.seats} members; its leader needs {gp.group.quota} of
                  their votes. {gp.dependence.explanation}
                </p>
                {gp.dependence.critical.length ? (
                  <p>
                    Blocs the leader cannot do without:{' '}
                    {gp.dependence.critical.map((b) => `${b.name} (${b.weight})`).join(', ')}.
                  </p>
                ) : null}
                {gp.power ? <FactionPower power={gp.power} /> : null}
              </>
            );
          }}
        </Async>
      ) : (
        <Empty>No group holds seats on this day.</Empty>
      )}
    </section>
  );
}

/** Factions' power inside a group: unaligned members vote one by one, so they are summed into one row. */
function FactionPower({ power }: { power: NonNullable<CouncilPowerGroup['power']> }) {
  const blocs = power.players.filter((p) => !/^unaligned \d+$/.test(p.name));
  const loose = power.players.filter((p) => /^unaligned \d+$/.test(p.name));
  const players = [
    ...blocs,
    ...(loose.length
      ? [
          {
            name: `unaligned members (${loose.length}, together)`,
            weight: loose.reduce((n, p) => n + p.weight, 0),
            banzhaf: loose.reduce((n, p) => n + p.banzhaf, 0),
            shapleyShubik: loose.reduce((n, p) => n + p.shapleyShubik, 0),
          },
        ]
      : []),
  ];
  return (
    <PowerBars
      players={players}
      caption={`Factions’ power in electing the group leader (quota ${power.quota} of ${power.totalWeight})`}
    />
  );
}

function Coalitions({ hung }: { hung: NonNullable<CouncilPowerCouncil['hung']> }) {
  const minimal = hung.coalitions.filter((c) => c.minimal);
  return (
    <details>
      <summary>
        Possible majorities: {plural(hung.minimalWinningCoalitions, 'minimal coalition')} of{' '}
        {plural(hung.winningCoalitions, 'winning coalition')}
      </summary>
      <ul>
        {minimal.map((c) => (
          <li key={c.parties.join('+')}>
            {c.parties.join(' + ')}: {c.seats} seats (surplus {c.surplus})
          </li>
        ))}
      </ul>
      {hung.truncated ? <p class="muted">Only the first {hung.coalitions.length} are listed.</p> : null}
    </details>
  );
}

function TimetableSection({
  state,
  calendar,
}: {
  state: ReturnType<typeof useApi<CouncilTimetable>>;
  calendar: ReturnType<typeof useApi<SelectionCalendar>>;
}) {
  return (
    <section aria-labelledby="timetable-h">
      <h2 id="timetable-h">Coming polls</h2>
      <Async state={state} label="the timetable">
        {(t) =>
          t.polls.length === 0 ? (
            <Empty>
              No ordinary poll from {t.from} to {t.to}.
            </Empty>
          ) : (
            <ScrollRegion label="Coming polls">
              <table data-testid="timetable">
                <caption>
                  Ordinary polls {t.from}–{t.to}, with the seats up in each ward
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Polling day</th>
                    <th scope="col">Kind</th>
                    <th scope="col" class="num">
                      Seats up
                    </th>
                    <th scope="col" class="num">
                      Selections open
                    </th>
                    <th scope="col">Wards</th>
                  </tr>
                </thead>
                <tbody>
                  {t.polls.map((p) => {
                    const entries =
                      calendar.status === 'ready'
                        ? calendar.data.entries.filter((e) => e.nextPoll === p.date)
                        : null;
                    return (
                      <tr key={p.date} data-poll={p.date}>
                        <th scope="row">{formatDate(p.date)}</th>
                        <td>
                          {kebabLabel(p.kind)}
                          {p.reasons.length ? <span class="muted"> ({p.reasons.join('; ')})</span> : null}
                        </td>
                        <td class="num" data-seats-up={p.seatsUp}>
                          {p.seatsUp}
                        </td>
                        <td class="num">
                          {entries ? entries.filter((e) => e.status === 'open').length : '…'}
                        </td>
                        <td>
                          <details>
                            <summary>{plural(p.wards.length, 'ward')}</summary>
                            <ul class="compact">
                              {p.wards.map((w) => (
                                <li key={w.wardId}>
                                  <Link href={wardHref(w.wardId)}>{w.ward}</Link>: {w.seatsUp} of {w.seats}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          )
        }
      </Async>
    </section>
  );
}

function seatLabel(seat: string, wardNames: Map<string, string>, people: Map<string, string>) {
  const [post = seat, person] = seat.split('#');
  const ward = wardNames.get(post) ?? post;
  if (!person) return <>{ward}</>;
  return (
    <>
      {ward}, held by <Link href={personHref(person)}>{people.get(person) ?? person}</Link>
    </>
  );
}

function TakeoverSection({
  id,
  asOf,
  palette,
  factions,
  chosen,
  wardNames,
  people,
}: {
  id: string;
  asOf: string | null;
  palette: Palette;
  factions: Array<{ id: string; name: string; seats: number; party: string }>;
  chosen: string | null;
  wardNames: Map<string, string>;
  people: Map<string, string>;
}) {
  const sorted = [...factions].sort((a, b) => b.seats - a.seats);
  const faction = chosen ?? sorted[0]?.id ?? null;
  const state = useApi<Takeover>(
    faction ? apiPath(`/api/councils/${seg(id)}/takeover/${seg(faction)}`, { asOf }) : null,
  );
  return (
    <section aria-labelledby="takeover-h">
      <h2 id="takeover-h">Distance to faction control</h2>
      {sorted.length === 0 ? (
        <Empty>No faction holds seats on this council on this day.</Empty>
      ) : (
        <>
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              Faction{' '}
              <select
                name="faction"
                value={faction ?? ''}
                onChange={(e) => setQuery({ faction: (e.currentTarget as HTMLSelectElement).value || null })}
              >
                {sorted.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} ({f.party}, {f.seats})
                  </option>
                ))}
              </select>
            </label>
          </form>
          <Async state={state} label="the distance to control">
            {(t) => (
              <>
                <dl class="figures" data-testid="distance">
                  <div>
                    <dt>
                      <Swatch colour={palette.colour(t.faction.id)} /> {t.faction.name} holds
                    </dt>
                    <dd>
                      {t.distance.factionSeats} of {t.distance.groupSeats} group seats
                    </dd>
                  </div>
                  <div>
                    <dt>To control the group</dt>
                    <dd data-gains="group">
                      {t.distance.controlsGroup
                        ? 'in control'
                        : plural(t.distance.toControlGroup.total, 'seat')}
                    </dd>
                  </div>
                  <div>
                    <dt>To run the council through it</dt>
                    <dd data-gains="council">
                      {t.distance.controlsCouncil
                        ? 'in control'
                        : plural(t.distance.toControlCouncil.total, 'seat')}
                    </dd>
                  </div>
                </dl>
                <p>{t.distance.explanation}</p>
                {[t.group, t.councilControl].map((path) => (
                  <div key={path.target} class="pathway">
                    <h3>Earliest pathway to control of the {path.target}</h3>
                    <p>{path.explanation}</p>
                    {path.steps.length ? (
                      <ol>
                        {path.steps.map((s) => (
                          <li key={s.poll}>
                            <strong>{formatDate(s.date ?? s.poll)}</strong>:{' '}
                            {plural(s.deselections.length, 'deselection')}, {plural(s.wins.length, 'win')}
                            <details>
                              <summary>Seats</summary>
                              <ul class="compact">
                                {s.deselections.map((d) => (
                                  <li key={`d:${d.seat}`}>
                                    Select a {t.faction.name} candidate in{' '}
                                    {seatLabel(d.seat, wardNames, people)} (now {d.from ?? 'unaligned'})
                                  </li>
                                ))}
                                {s.wins.map((w) => (
                                  <li key={`w:${w.seat}`}>
                                    Win {seatLabel(w.seat, wardNames, people)} from {w.from ?? 'a vacancy'}
                                  </li>
                                ))}
                              </ul>
                            </details>
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </div>
                ))}
                <p class="muted">
                  Assumes the party holds the seats it defends; see the Forecast for probabilities.
                </p>
              </>
            )}
          </Async>
        </>
      )}
    </section>
  );
}

function EventsSection({ id, people }: { id: string; people: Map<string, string> }) {
  const events = useAllPages<EventList>(apiPath('/api/events', { council: id, limit: 500 }));
  const [shown, setShown] = useState(20);
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">Events</h2>
      <Async state={events} label="the events">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>No events are recorded for this council.</Empty>
          ) : (
            <>
              <ol class="events" data-testid="events">
                {list.items.slice(0, shown).map((e) => (
                  <li key={e.id}>
                    <time dateTime={e.date}>{formatDate(e.date)}</time>{' '}
                    <span class="badge">{kebabLabel(e.type)}</span> {e.title}
                    {e.personId ? (
                      <>
                        {' '}
                        <Link href={personHref(e.personId)}>
                          {people.get(e.personId) ?? 'the person’s page'}
                        </Link>
                      </>
                    ) : null}
                    <SourceById id={e.sourceId} />
                  </li>
                ))}
              </ol>
              {list.items.length > shown ? (
                <button type="button" onClick={() => setShown((n) => n + 50)}>
                  Show older events ({list.items.length - shown} more)
                </button>
              ) : null}
            </>
          )
        }
      </Async>
    </section>
  );
}
