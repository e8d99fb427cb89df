/**
 * The national picture: councils by control and by faction control (summary, a sortable and filterable
 * table, and a tile map by region), the yearly series of faction-run councils, and the coming polls with
 * the selections due before them. The table comes first; the slower parts load after it, each with progress.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { nationalSummaryPath } from '../../../src/web/client-routes.js';
import { AsOfPicker } from '../components/as-of.js';
import { FanChart, type FanSeries } from '../components/fan-chart.js';
import { OrgName, Swatch } from '../components/party.js';
import { PlotChart } from '../components/plot-chart.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { Async, Empty } from '../components/status.js';
import { apiGet, apiPath } from '../lib/api.js';
import type {
  ControlSummary,
  ControlSummaryRow,
  Deadlines,
  ForecastResult,
  NationalControl,
  PollingDays,
  SelectionCalendar,
  SelectionEntry,
} from '../lib/api-types.js';
import { NO_CONTROL, textOn } from '../lib/colours.js';
import { controlStatus, count, formatDate, kebabLabel, plural } from '../lib/format.js';
import { councilHref, personHref } from '../lib/links.js';
import { type Palette, usePalette } from '../lib/palette.js';
import { Link, type Place, setQuery } from '../lib/router.js';
import { useApi, useLoader } from '../lib/use-api.js';
import { useSeen } from '../lib/use-seen.js';
import { usePageTitle } from './page.js';

const REGION_ORDER = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
];

const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;

const TYPE_NAMES: Record<string, string> = {
  CTY: 'County',
  NMD: 'District',
  MD: 'Metropolitan borough',
  LBO: 'London borough',
  UA: 'Unitary',
  WPA: 'Welsh principal',
  SCO: 'Scottish',
  NID: 'Northern Irish district',
};

type SortKey = 'name' | 'code' | 'type' | 'region' | 'seats' | 'control' | 'faction' | 'leader';

type Row = ControlSummaryRow;

function regionRank(region: string): number {
  const i = REGION_ORDER.indexOf(region);
  return i === -1 ? REGION_ORDER.length : i;
}

function sortValue(c: Row, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return c.name;
    case 'code':
      return c.laCode ?? c.id;
    case 'type':
      return TYPE_NAMES[c.councilType ?? ''] ?? c.councilType ?? '';
    case 'region':
      return `${String(regionRank(c.region ?? '')).padStart(2, '0')}${c.region ?? ''}`;
    case 'seats':
      return c.seats;
    case 'control':
      return c.majorityParty?.name ?? '~';
    case 'faction':
      return c.controllingFaction?.name ?? '~';
    case 'leader':
      return c.leader?.name ?? '~';
  }
}

export function NationalPage({ place }: { place: Place }) {
  usePageTitle('Who controls Britain’s councils');
  const asOf = place.query.get('asOf');
  // One lean request draws the summary, the map and the table (leaders included); the slower views are
  // asked for after it, so the first request has the server to itself.
  const councils = useApi<ControlSummary>(nationalSummaryPath(asOf));
  const palette = usePalette();
  const ready = councils.status === 'ready';

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Who controls Britain’s councils</h1>
        <AsOfPicker value={asOf} shown={ready ? councils.data.asOf : (asOf ?? '')} />
      </div>
      <Async state={councils} label="the councils">
        {(list) => {
          const rows = list.councils;
          return (
            <>
              <Summary rows={rows} asOf={list.asOf} palette={palette} />
              <CouncilExplorer rows={rows} place={place} palette={palette} />
              <section aria-labelledby="series-h">
                <h2 id="series-h">Faction-run councils over time</h2>
                <NationalSeries palette={palette} />
              </section>
              <section aria-labelledby="polls-h">
                <h2 id="polls-h">Coming polls and the selections due before them</h2>
                <ComingPolls asOf={list.asOf} nations={new Set(rows.map((c) => c.nation ?? 'england'))} />
              </section>
            </>
          );
        }}
      </Async>
    </>
  );
}

function Summary({ rows, asOf, palette }: { rows: Row[]; asOf: string; palette: Palette }) {
  const byParty = new Map<string, { name: string; id: string | null; n: number }>();
  const byFaction = new Map<string, { name: string; id: string; n: number }>();
  let seats = 0;
  for (const item of rows) {
    seats += item.seats;
    const p = item.majorityParty;
    const key = p?.id ?? 'noc';
    const e = byParty.get(key) ?? { name: p?.name ?? 'No overall control', id: p?.id ?? null, n: 0 };
    e.n++;
    byParty.set(key, e);
    const f = item.controllingFaction;
    if (f) {
      const fe = byFaction.get(f.id) ?? { name: f.name, id: f.id, n: 0 };
      fe.n++;
      byFaction.set(f.id, fe);
    }
  }
  const parties = [...byParty.values()].sort((a, b) => b.n - a.n);
  const factions = [...byFaction.values()].sort((a, b) => b.n - a.n);
  const factionRun = factions.reduce((n, f) => n + f.n, 0);
  return (
    <section aria-labelledby="summary-h" class="summary">
      <h2 id="summary-h" class="visually-hidden">
        Summary
      </h2>
      <p class="lede">
        On {formatDate(asOf)}: <strong data-testid="council-count">{plural(rows.length, 'council')}</strong>{' '}
        with {plural(seats, 'seat')}; <strong data-testid="faction-run-count">{factionRun}</strong> run by a
        faction that controls the majority group.
      </p>
      <div class="cards">
        <div class="card">
          <h3>By control</h3>
          <ul class="legend legend-list" data-testid="by-control">
            {parties.map((p) => (
              <li key={p.id ?? 'noc'}>
                <Swatch colour={p.id ? palette.colour(p.id) : NO_CONTROL} /> {p.name}{' '}
                <strong data-control={p.id ?? 'noc'}>{p.n}</strong>
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h3>By faction control</h3>
          {factions.length ? (
            <ul class="legend legend-list" data-testid="by-faction">
              {factions.map((f) => (
                <li key={f.id}>
                  <Swatch colour={palette.colour(f.id)} /> {f.name} <strong data-faction={f.id}>{f.n}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No council is run by a faction that controls the majority group.</Empty>
          )}
        </div>
      </div>
    </section>
  );
}

function CouncilExplorer({ rows, place, palette }: { rows: Row[]; place: Place; palette: Palette }) {
  const q = place.query;
  const text = q.get('q') ?? '';
  const nation = q.get('nation') ?? '';
  const type = q.get('type') ?? '';
  const controlFilter = q.get('control') ?? '';
  const factionFilter = q.get('faction') ?? '';
  const sort = (q.get('sort') ?? 'name') as SortKey;
  const dir = q.get('dir') === 'desc' ? 'desc' : 'asc';
  const mapMode = q.get('map') === 'faction' ? 'faction' : 'party';
  // The moment the page became usable, for load-time measurements (bench/dashboard.bench.ts).
  useEffect(() => {
    if (performance.getEntriesByName('caucus:usable').length === 0) performance.mark('caucus:usable');
  }, []);

  const parties = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) if (r.majorityParty) m.set(r.majorityParty.id, r.majorityParty.name);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const factions = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) if (r.controllingFaction) m.set(r.controllingFaction.id, r.controllingFaction.name);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const types = useMemo(
    () => [...new Set(rows.map((r) => r.councilType ?? ''))].filter(Boolean).sort(),
    [rows],
  );

  const needle = text.trim().toLowerCase();
  const shown = rows
    .filter((c) => {
      if (
        needle &&
        !c.name.toLowerCase().includes(needle) &&
        !(c.laCode ?? '').toLowerCase().includes(needle)
      )
        return false;
      if (nation && c.nation !== nation) return false;
      if (type && c.councilType !== type) return false;
      if (
        controlFilter === 'noc'
          ? c.majorityParty !== null
          : controlFilter && c.majorityParty?.id !== controlFilter
      )
        return false;
      if (
        factionFilter === 'none'
          ? c.controllingFaction !== null
          : factionFilter && c.controllingFaction?.id !== factionFilter
      )
        return false;
      return true;
    })
    .sort((a, b) => {
      const x = sortValue(a, sort);
      const y = sortValue(b, sort);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (dir === 'asc' ? c : -c) || a.name.localeCompare(b.name);
    });

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort === key;
    return (
      <th
        scope="col"
        class={numeric ? 'num' : undefined}
        aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          class="sort"
          onClick={() =>
            setQuery({
              sort: key === 'name' && active && dir === 'desc' ? null : key,
              dir: active && dir === 'asc' ? 'desc' : null,
            })
          }
        >
          {label}
          <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="councils-h">
      <h2 id="councils-h">Councils</h2>
      <search aria-label="Filter councils">
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Name or code{' '}
            <input
              type="search"
              value={text}
              onInput={(e) => setQuery({ q: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label>
            Nation{' '}
            <select
              value={nation}
              onChange={(e) => setQuery({ nation: (e.currentTarget as HTMLSelectElement).value })}
            >
              <option value="">All</option>
              {NATIONS.map((n) => (
                <option key={n} value={n}>
                  {kebabLabel(n)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Type{' '}
            <select
              value={type}
              onChange={(e) => setQuery({ type: (e.currentTarget as HTMLSelectElement).value })}
            >
              <option value="">All</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {TYPE_NAMES[t] ?? t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Control{' '}
            <select
              value={controlFilter}
              onChange={(e) => setQuery({ control: (e.currentTarget as HTMLSelectElement).value })}
            >
              <option value="">Any</option>
              <option value="noc">No overall control</option>
              {parties.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Faction control{' '}
            <select
              value={factionFilter}
              onChange={(e) => setQuery({ faction: (e.currentTarget as HTMLSelectElement).value })}
            >
              <option value="">Any</option>
              <option value="none">No faction</option>
              {factions.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </form>
      </search>
      <p class="muted" aria-live="polite" data-testid="shown-count">
        Showing {shown.length} of {plural(rows.length, 'council')}.
      </p>

      <TileMap rows={shown} palette={palette} mode={mapMode} />

      <ScrollRegion label="Councils table" lazy>
        <table class="councils" data-testid="councils-table">
          <caption class="visually-hidden">
            Councils with their control; select a column heading to sort
          </caption>
          <thead>
            <tr>
              {header('name', 'Council')}
              {header('code', 'Code')}
              {header('type', 'Type')}
              {header('region', 'Region')}
              {header('seats', 'Seats', true)}
              {header('control', 'Control')}
              {header('faction', 'Faction control')}
              {header('leader', 'Leader')}
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} data-council={c.id}>
                <th scope="row">
                  <Link href={councilHref(c.laCode ?? c.id)}>{c.name}</Link>
                </th>
                <td>{c.laCode ?? '—'}</td>
                <td>{TYPE_NAMES[c.councilType ?? ''] ?? c.councilType ?? '—'}</td>
                <td>{c.region ?? '—'}</td>
                <td class="num">{c.seats}</td>
                <td>
                  {c.majorityParty ? (
                    <OrgName org={c.majorityParty} palette={palette} />
                  ) : (
                    <span class="org">
                      <Swatch colour={NO_CONTROL} />
                      {controlStatus(c.status)}
                    </span>
                  )}
                </td>
                <td>
                  {c.controllingFaction ? (
                    <OrgName org={c.controllingFaction} palette={palette} />
                  ) : (
                    <span class="muted">none</span>
                  )}
                </td>
                <td>
                  {c.leader ? (
                    <Link href={personHref(c.leader.id)}>{c.leader.name}</Link>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {shown.length === 0 ? <Empty>No council matches these filters.</Empty> : null}
    </section>
  );
}

function TileMap({ rows, palette, mode }: { rows: Row[]; palette: Palette; mode: 'party' | 'faction' }) {
  const regions = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.region ?? kebabLabel(r.nation ?? 'Unknown');
    regions.set(key, [...(regions.get(key) ?? []), r]);
  }
  const ordered = [...regions.entries()].sort(
    (a, b) => regionRank(a[0]) - regionRank(b[0]) || a[0].localeCompare(b[0]),
  );
  const legend = new Map<string, { name: string; colour: string; n: number }>();
  for (const item of rows) {
    const org = mode === 'party' ? item.majorityParty : item.controllingFaction;
    const key = org?.id ?? 'none';
    const e = legend.get(key) ?? {
      name: org?.name ?? (mode === 'party' ? 'No overall control' : 'No faction control'),
      colour: org ? palette.colour(org.id) : NO_CONTROL,
      n: 0,
    };
    e.n++;
    legend.set(key, e);
  }
  return (
    <section aria-labelledby="map-h" class="tile-map">
      <div class="section-head">
        <h3 id="map-h">Map of councils by region</h3>
        <fieldset class="toggle">
          <legend>Colour by</legend>
          <label>
            <input
              type="radio"
              name="map-mode"
              checked={mode === 'party'}
              onChange={() => setQuery({ map: null })}
            />{' '}
            party control
          </label>
          <label>
            <input
              type="radio"
              name="map-mode"
              checked={mode === 'faction'}
              onChange={() => setQuery({ map: 'faction' })}
            />{' '}
            faction control
          </label>
        </fieldset>
      </div>
      <ul class="legend" aria-label="Map key">
        {[...legend.values()]
          .sort((a, b) => b.n - a.n)
          .map((l) => (
            <li key={l.name}>
              <Swatch colour={l.colour} /> {l.name} ({l.n})
            </li>
          ))}
      </ul>
      <div class="regions lazy-render">
        {ordered.map(([region, list]) => (
          <div class="region" key={region}>
            <h4>
              {region} <span class="muted">({list.length})</span>
            </h4>
            <ul class="tiles">
              {list
                .slice()
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((c) => {
                  const org = mode === 'party' ? c.majorityParty : c.controllingFaction;
                  const bg = org ? palette.colour(org.id) : NO_CONTROL;
                  const abbr = org ? palette.short(org.id, org.name) : mode === 'party' ? 'NOC' : '—';
                  const label = `${c.name}: ${c.majorityParty ? `${c.majorityParty.name} majority` : controlStatus(c.status)}; ${
                    c.controllingFaction ? `run by ${c.controllingFaction.name}` : 'no faction control'
                  }`;
                  return (
                    <li key={c.id}>
                      <Link
                        href={councilHref(c.laCode ?? c.id)}
                        class="tile"
                        aria-label={label}
                        title={label}
                        style={{ backgroundColor: bg, color: textOn(bg) }}
                      >
                        <span class="tile-code">{c.laCode ?? c.name.slice(0, 3)}</span>
                        <span class="tile-party">{abbr}</span>
                      </Link>
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

interface Point {
  year: number;
  name: string;
  id: string;
  councils: number;
  kind: 'party' | 'faction' | 'noc';
}

function NationalSeries({ palette }: { palette: Palette }) {
  const series = useApi<NationalControl>('/api/control/national');
  return (
    <Async
      state={series}
      label="the national series"
      slowNote="(control is worked out afresh for 1 June of every year)"
    >
      {(data) => {
        const points: Point[] = [];
        const colourOf = (d: Point) => (d.id === 'noc' ? '#6c757d' : palette.colour(d.id));
        for (const s of data.series) {
          points.push({
            year: s.year,
            name: 'No overall control',
            id: 'noc',
            councils: s.noOverallControl,
            kind: 'noc',
          });
          for (const [id, n] of Object.entries(s.parties))
            points.push({
              year: s.year,
              name: `${data.names[id] ?? id} majority`,
              id,
              councils: n,
              kind: 'party',
            });
          for (const [id, n] of Object.entries(s.factions))
            points.push({
              year: s.year,
              name: `run by ${data.names[id] ?? id}`,
              id,
              councils: n,
              kind: 'faction',
            });
        }
        // A line that stops existing drops to zero rather than vanishing, so every line spans the years.
        const keys = [...new Set(points.map((p) => p.id))];
        for (const s of data.series) {
          for (const id of keys) {
            if (!points.some((p) => p.year === s.year && p.id === id)) {
              const sample = points.find((p) => p.id === id)!;
              points.push({ ...sample, year: s.year, councils: 0 });
            }
          }
        }
        points.sort((a, b) => a.year - b.year);
        const factionIds = keys.filter((k) => points.find((p) => p.id === k)?.kind === 'faction');
        const last = data.series[data.series.length - 1];
        return (
          <>
            <p>
              Councils run with a majority by each party, and councils run by a faction through a majority
              group, on 1 June of each year from {data.from} to {data.to}
              {last ? ` (the latest point is ${formatDate(last.date)})` : ''}.{' '}
              {factionIds.length === 0 ? 'No faction ran a council in these years.' : null}
            </p>
            <PlotChart
              label={`Line chart of councils by control, ${data.from} to ${data.to}`}
              deps={[data]}
              render={(Plot, width) =>
                Plot.plot({
                  width,
                  height: 300,
                  marginRight: width < 500 ? 100 : 150,
                  className: 'cc-plot',
                  x: { label: 'Year', tickFormat: 'd' },
                  y: {
                    label: 'Councils',
                    grid: true,
                    zero: true,
                    tickFormat: 'd',
                    ticks: Math.min(8, Math.max(1, ...points.map((p) => p.councils))),
                  },
                  marks: [
                    Plot.ruleY([0]),
                    Plot.line(
                      points.filter((d) => d.kind !== 'faction'),
                      {
                        x: 'year',
                        y: 'councils',
                        z: 'id',
                        stroke: (d: Point) => colourOf(d),
                        strokeWidth: 2,
                      },
                    ),
                    Plot.line(
                      points.filter((d) => d.kind === 'faction'),
                      {
                        x: 'year',
                        y: 'councils',
                        z: 'id',
                        stroke: (d: Point) => colourOf(d),
                        strokeWidth: 2,
                        strokeDasharray: '5,3',
                      },
                    ),
                    Plot.dot(points, {
                      x: 'year',
                      y: 'councils',
                      fill: (d: Point) => colourOf(d),
                      r: 2.5,
                    }),
                    Plot.text(
                      points,
                      Plot.selectLast({
                        x: 'year',
                        y: 'councils',
                        z: 'id',
                        text: 'name',
                        textAnchor: 'start',
                        dx: 6,
                        fill: 'currentColor',
                      }),
                    ),
                  ],
                })
              }
            />
            <details>
              <summary>The figures as a table</summary>
              <ScrollRegion label="National series table">
                <table data-testid="series-table">
                  <thead>
                    <tr>
                      <th scope="col">Year</th>
                      <th scope="col" class="num">
                        Councils
                      </th>
                      <th scope="col" class="num">
                        No overall control
                      </th>
                      {keys
                        .filter((k) => k !== 'noc')
                        .map((k) => (
                          <th scope="col" class="num" key={k}>
                            {points.find((p) => p.id === k)!.name}
                          </th>
                        ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.series.map((s) => (
                      <tr key={s.year}>
                        <th scope="row">{s.year}</th>
                        <td class="num">{s.councils}</td>
                        <td class="num">{s.noOverallControl}</td>
                        {keys
                          .filter((k) => k !== 'noc')
                          .map((k) => (
                            <td class="num" key={k}>
                              {s.parties[k] ?? s.factions[k] ?? 0}
                            </td>
                          ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </details>
            <FactionForecast history={data} palette={palette} />
          </>
        );
      }}
    </Async>
  );
}

/**
 * The faction-run councils of the series carried on by the latest saved national forecast: the median and
 * the 5th-95th percentile interval after each coming poll, as a fan after the history, and as a table.
 */
function FactionForecast({ history, palette }: { history: NationalControl; palette: Palette }) {
  const state = useApi<ForecastResult>('/api/forecast');
  const problem = state.status === 'error' ? state.error.problem : null;
  if (state.status === 'error' && (problem?.rule === 'no-forecast' || state.error.notFound))
    return (
      <p class="muted" data-testid="no-forecast">
        No forecast is saved yet, so the series stops at today. <Link href="/forecast">Run one</Link> to see
        the faction-run councils to come, with intervals.
      </p>
    );
  return (
    <Async state={state} label="the latest forecast">
      {(f) => {
        if (f.scope !== 'national')
          return (
            <p class="muted" data-testid="no-forecast">
              The latest saved forecast covers {f.names[f.scope] ?? f.scope} only; the national series needs a
              forecast of every council. <Link href="/forecast">Run one</Link>.
            </p>
          );
        const factions = [...new Set(f.polls.flatMap((p) => Object.keys(p.national.factionRunCouncils)))];
        const name = (id: string) => f.names[id] ?? history.names[id] ?? id;
        const series: FanSeries[] = factions.map((id) => ({
          id,
          name: name(id),
          dashed: true,
          history: history.series.map((s) => ({ date: s.date, value: s.factions[id] ?? 0 })),
          points: f.polls.map((p) => ({
            date: p.date,
            ...(p.national.factionRunCouncils[id] ?? { p5: 0, p50: 0, p95: 0 }),
          })),
        }));
        // Factions at zero throughout would only pile their labels on the axis: the table still lists them.
        const drawn = series.filter(
          (x) => x.points.some((p) => p.p95 > 0) || (x.history ?? []).some((h) => h.value > 0),
        );
        return (
          <section aria-labelledby="fc-series-h" data-testid="national-forecast">
            <h3 id="fc-series-h">Faction-run councils to come</h3>
            <p class="muted">
              History to {formatDate(history.series.at(-1)?.date ?? f.asOf)}, then forecast{' '}
              <Link href={apiPath('/forecast', { id: f.id ?? undefined })}>{f.id}</Link> (as of{' '}
              {formatDate(f.asOf)}, {f.runs.toLocaleString('en-GB')} runs, seed {f.seed}
              {f.scenario ? `, scenario “${f.scenario.name}”` : ''}): the median after each poll, the band
              from the 5th to the 95th percentile.
            </p>
            {drawn.length === 0 ? (
              <div data-testid="no-faction-runs">
                <Empty>
                  No faction ran a council in these years, nor does one in any run of the forecast (
                  {plural(factions.length, 'faction')} counted).
                </Empty>
              </div>
            ) : (
              <>
                <FanChart
                  series={drawn}
                  colour={(id) => palette.colour(id)}
                  label="Faction-run councils: history, then the forecast median with its 5th to 95th percentile band; the table below gives the figures"
                  yLabel="Councils"
                />
                <ScrollRegion label="Forecast of faction-run councils">
                  <table data-testid="forecast-series-table">
                    <caption>Councils run by each faction after each coming poll (5%, median, 95%)</caption>
                    <thead>
                      <tr>
                        <th scope="col">Poll</th>
                        <th scope="col">Faction</th>
                        <th scope="col" class="num">
                          5%
                        </th>
                        <th scope="col" class="num">
                          Median
                        </th>
                        <th scope="col" class="num">
                          95%
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.polls.flatMap((p) =>
                        drawn.map(({ id }) => {
                          const q = p.national.factionRunCouncils[id] ?? { p5: 0, p50: 0, p95: 0 };
                          return (
                            <tr key={`${p.date}:${id}`} data-poll={p.date} data-faction={id}>
                              <th scope="row">{formatDate(p.date)}</th>
                              <td>{name(id)}</td>
                              <td class="num">{q.p5}</td>
                              <td class="num">{q.p50}</td>
                              <td class="num">{q.p95}</td>
                            </tr>
                          );
                        }),
                      )}
                    </tbody>
                  </table>
                </ScrollRegion>
              </>
            )}
          </section>
        );
      }}
    </Async>
  );
}

interface NextPoll {
  date: string;
  nation: string;
}

function ComingPolls({ asOf, nations }: { asOf: string; nations: Set<string> }) {
  const year = Number(asOf.slice(0, 4));
  const wanted = NATIONS.filter((n) => nations.has(n));
  const days = useLoader(`polling-days:${year}:${wanted.join(',')}`, () =>
    Promise.all(
      wanted.map(async (nation) => ({
        nation,
        days: await apiGet<PollingDays>(
          apiPath('/api/timetable/polling-days', { from: year, to: year + 2, nation }),
        ),
      })),
    ),
  );
  // Each nation has its own polling day and deadlines (Scotland's nominations close earlier, for one).
  const list: NextPoll[] = [];
  for (const d of days.status === 'ready' ? days.data : []) {
    const next = d.days.find((p) => p.date && p.date > asOf);
    if (next?.date) list.push({ date: next.date, nation: d.nation });
  }
  list.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || NATIONS.indexOf(a.nation as never) - NATIONS.indexOf(b.nation as never),
  );
  // The calendar takes the server seconds on a national registry, so it is asked for only when this part
  // of the page comes near the screen, and only as far ahead as the last of these polls.
  const here = useRef<HTMLDivElement>(null);
  const seen = useSeen(here);
  const last = list[list.length - 1]?.date;
  const calendar = useApi<SelectionCalendar>(
    seen && last
      ? apiPath('/api/timetable/selections', { asOf, within: `${daysBetween(asOf, last)}d` })
      : null,
  );
  if (days.status !== 'ready') {
    return (
      <div ref={here}>
        <Async state={days} label="the polling days">
          {() => null}
        </Async>
      </div>
    );
  }
  if (list.length === 0) return <Empty>No ordinary poll is due in the next two years.</Empty>;
  return (
    <div ref={here}>
      <ScrollRegion label="Coming polls">
        <table data-testid="polls-table">
          <caption>The next ordinary polling day in each nation, with the statutory deadlines</caption>
          <thead>
            <tr>
              <th scope="col">Polling day</th>
              <th scope="col">Nation</th>
              <th scope="col">Notice of election</th>
              <th scope="col">Nominations close</th>
              <th scope="col" class="num">
                Party councillors up
              </th>
              <th scope="col" class="num">
                Selections open now
              </th>
              <th scope="col" class="num">
                Still to open
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <PollRow
                key={`${p.nation}:${p.date}`}
                poll={p}
                calendar={calendar.status === 'ready' ? calendar.data : null}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Async
        state={calendar}
        label="the selection calendar"
        slowNote="(every sitting councillor's next poll and selection window)"
      >
        {(cal) => (
          <SelectionList
            entries={cal.entries.filter((e) =>
              list.some((p) => p.date === e.nextPoll && p.nation === e.nation),
            )}
          />
        )}
      </Async>
    </div>
  );
}

/** Whole days from one ISO date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function PollRow({ poll, calendar }: { poll: NextPoll; calendar: SelectionCalendar | null }) {
  const deadlines = useApi<Deadlines>(
    apiPath('/api/timetable/deadlines', { poll: poll.date, nation: poll.nation }),
  );
  const entries =
    calendar?.entries.filter((e) => e.nextPoll === poll.date && e.nation === poll.nation) ?? null;
  const d = deadlines.status === 'ready' ? deadlines.data : null;
  return (
    <tr data-poll={poll.date} data-nation={poll.nation}>
      <th scope="row">{formatDate(poll.date)}</th>
      <td>{kebabLabel(poll.nation)}</td>
      <td>{d ? formatDate(d.noticeOfElection) : deadlines.status === 'error' ? 'unknown' : '…'}</td>
      <td>{d ? formatDate(d.nominationsClose) : deadlines.status === 'error' ? 'unknown' : '…'}</td>
      <td class="num">{entries ? count(entries.length) : '…'}</td>
      <td class="num">{entries ? count(entries.filter((e) => e.status === 'open').length) : '…'}</td>
      <td class="num">{entries ? count(entries.filter((e) => e.status === 'upcoming').length) : '…'}</td>
    </tr>
  );
}

const PAGE = 25;

function SelectionList({ entries }: { entries: SelectionEntry[] }) {
  const palette = usePalette();
  const [party, setParty] = useState('');
  const [shown, setShown] = useState(PAGE);
  const parties = [...new Map(entries.map((e) => [e.party, e.partyName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  const list = entries
    .filter((e) => !party || e.party === party)
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        a.selectionCloses.localeCompare(b.selectionCloses) ||
        a.personName.localeCompare(b.personName),
    );
  if (entries.length === 0) return <Empty>No sitting councillor’s seat is up at these polls.</Empty>;
  return (
    <section aria-labelledby="sel-h">
      <h3 id="sel-h">Selections for the seats up</h3>
      <p class="muted">
        Each sitting councillor whose seat is up, with their party’s selection window (open windows first). A
        window from a documented default rather than the party’s own rule is marked “default”.
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Party{' '}
          <select
            value={party}
            onChange={(e) => {
              setParty((e.currentTarget as HTMLSelectElement).value);
              setShown(PAGE);
            }}
          >
            <option value="">All ({entries.length})</option>
            {parties.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ScrollRegion label="Selections">
        <table data-testid="selections-table">
          <thead>
            <tr>
              <th scope="col">Councillor</th>
              <th scope="col">Party</th>
              <th scope="col">Council</th>
              <th scope="col">Window</th>
              <th scope="col">Status</th>
              <th scope="col">Sitting councillor</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(0, shown).map((e) => (
              <tr key={`${e.personId}:${e.postId}`}>
                <th scope="row">
                  <Link href={personHref(e.personId)}>{e.personName}</Link>
                </th>
                <td>
                  <span class="org">
                    <Swatch colour={palette.colour(e.party)} />
                    {e.partyName}
                  </span>
                </td>
                <td>
                  <Link href={councilHref(e.councilId)}>{e.councilName}</Link>
                </td>
                <td>
                  {formatDate(e.selectionOpens)} – {formatDate(e.selectionCloses)}
                  {e.ruleIsDefault ? <span class="muted"> (default)</span> : null}
                </td>
                <td>{kebabLabel(e.status)}</td>
                <td>{kebabLabel(e.sittingCouncillor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {list.length > shown ? (
        <button type="button" onClick={() => setShown((n) => n + PAGE * 4)}>
          Show more ({list.length - shown} more)
        </button>
      ) : null}
    </section>
  );
}
