/**
 * The council's forecast, from the latest saved forecast that covers it: each party's seats after each
 * coming poll as a fan chart (median and 5th-95th percentile), the chance of a majority, and each faction's
 * chance of controlling its group and of running the council. A table gives the same figures.
 */
import { FanChart, type FanSeries } from '../components/fan-chart.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { Async, Empty } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { CouncilForecast, ForecastResult } from '../lib/api-types.js';
import { formatDate, percent } from '../lib/format.js';
import type { Palette } from '../lib/palette.js';
import { Link } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

export function forecastHref(council?: string): string {
  return apiPath('/forecast', { council });
}

export function CouncilForecastSection({
  councilId,
  majority,
  palette,
}: {
  councilId: string;
  majority: number;
  palette: Palette;
}) {
  const state = useApi<ForecastResult>(apiPath('/api/forecast', { council: councilId }));
  const problem = state.status === 'error' ? state.error.problem : null;
  return (
    <section aria-labelledby="forecast-h">
      <h2 id="forecast-h">Forecast</h2>
      {state.status === 'error' && problem?.rule === 'no-forecast' ? (
        <Empty>
          No saved forecast covers this council yet.{' '}
          <Link href={forecastHref(councilId)}>Run one on the Forecast page</Link>.
        </Empty>
      ) : state.status === 'error' && state.error.notFound ? (
        <p class="notice" role="note" data-testid="not-available">
          This server has no <code>/api/forecast</code> route, so there is no forecast to show.
        </p>
      ) : (
        <Async state={state} label="the forecast">
          {(f) => <CouncilForecastBody f={f} councilId={councilId} majority={majority} palette={palette} />}
        </Async>
      )}
    </section>
  );
}

/** A council's part of a forecast: the fan chart of seats and the tables of odds. */
export function CouncilForecastBody({
  f,
  councilId,
  majority,
  palette,
}: {
  f: ForecastResult;
  councilId: string;
  /** The seats needed for a majority today, marked on the chart when known. */
  majority: number | null;
  palette: Palette;
}) {
  const polls = f.polls.flatMap((p) => {
    const c = p.councils.find((x) => x.council === councilId);
    return c ? [{ date: p.date, c }] : [];
  });
  const name = (id: string) => f.names[id] ?? id;
  const about = (
    <p class="muted" data-testid="forecast-about">
      From forecast <Link href={apiPath('/forecast', { id: f.id ?? undefined })}>{f.id ?? 'unsaved'}</Link>{' '}
      made as of {formatDate(f.asOf)}: {f.runs.toLocaleString('en-GB')} runs, seed {f.seed}
      {f.scenario ? `, scenario “${f.scenario.name}”` : ''}.{' '}
      <Link href={forecastHref(councilId)}>Run another</Link>.
    </p>
  );
  if (polls.length === 0)
    return (
      <>
        {about}
        <Empty>No poll of this council falls within that forecast’s horizon.</Empty>
      </>
    );
  const parties = [...new Set(polls.flatMap((p) => Object.keys(p.c.seats)))];
  const series: FanSeries[] = parties.map((id) => ({
    id,
    name: name(id),
    points: polls.map((p) => ({ date: p.date, ...(p.c.seats[id] ?? { p5: 0, p50: 0, p95: 0 }) })),
  }));
  return (
    <>
      {about}
      <FanChart
        series={series}
        colour={(id) => palette.colour(id)}
        label={`Fan chart of seats by party after each coming poll, median and 5th to 95th percentile; the table below gives the figures`}
        yLabel="Seats"
        rule={majority === null ? undefined : { y: majority, label: `majority (${majority})` }}
      />
      <ScrollRegion label="Forecast seats by party">
        <table data-testid="forecast-seats">
          <caption>
            Seats after each poll (5th percentile, median, 95th percentile) and the chance of a majority
          </caption>
          <thead>
            <tr>
              <th scope="col">Poll</th>
              <th scope="col">Party</th>
              <th scope="col" class="num">
                5%
              </th>
              <th scope="col" class="num">
                Median
              </th>
              <th scope="col" class="num">
                95%
              </th>
              <th scope="col" class="num">
                Majority
              </th>
            </tr>
          </thead>
          <tbody>
            {polls.flatMap((p) =>
              Object.entries(p.c.seats)
                .sort((a, b) => b[1].p50 - a[1].p50)
                .map(([id, q]) => (
                  <tr key={`${p.date}:${id}`} data-poll={p.date} data-party={id}>
                    <th scope="row">{formatDate(p.date)}</th>
                    <td>{name(id)}</td>
                    <td class="num">{q.p5}</td>
                    <td class="num">{q.p50}</td>
                    <td class="num">{q.p95}</td>
                    <td class="num">{percent(p.c.pPartyMajority[id] ?? 0)}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <FactionOdds polls={polls} name={name} />
    </>
  );
}

function FactionOdds({
  polls,
  name,
}: {
  polls: Array<{ date: string; c: CouncilForecast }>;
  name: (id: string) => string;
}) {
  const rows = polls.flatMap((p) =>
    [
      ...new Set([
        ...Object.keys(p.c.pFactionControlsGroup),
        ...Object.keys(p.c.pFactionRunsCouncil ?? {}),
        ...Object.keys(p.c.factionSeats ?? {}),
      ]),
    ].map((id) => ({ date: p.date, id, c: p.c })),
  );
  if (rows.length === 0) return <Empty>No faction has a chance of controlling a group here.</Empty>;
  return (
    <ScrollRegion label="Forecast faction control">
      <table data-testid="forecast-factions">
        <caption>Each faction’s chance of controlling its party group and of running the council</caption>
        <thead>
          <tr>
            <th scope="col">Poll</th>
            <th scope="col">Faction</th>
            <th scope="col" class="num">
              Controls its group
            </th>
            <th scope="col" class="num">
              Runs the council
            </th>
            <th scope="col" class="num">
              Seats (5%–95%)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ date, id, c }) => {
            const seats = c.factionSeats?.[id];
            return (
              <tr key={`${date}:${id}`} data-poll={date} data-faction={id}>
                <th scope="row">{formatDate(date)}</th>
                <td>{name(id)}</td>
                <td class="num">{percent(c.pFactionControlsGroup[id] ?? 0)}</td>
                <td class="num">{percent(c.pFactionRunsCouncil?.[id] ?? 0)}</td>
                <td class="num">{seats ? `${seats.p50} (${seats.p5}–${seats.p95})` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
