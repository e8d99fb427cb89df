/**
 * The forecast, whose API is still being built. The view asks the server for its endpoint; while the server
 * has no such route (404), it says so plainly and says what to use meanwhile, rather than showing an empty
 * page or invented data.
 */
import type { ComponentChildren } from 'preact';
import { Async } from '../components/status.js';
import type { ForecastResult } from '../lib/api-types.js';
import { formatDate } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

export const FORECAST_ENDPOINT = '/api/forecast';

function NotYet({ endpoint, children }: { endpoint: string; children: ComponentChildren }) {
  return (
    <div class="notice" role="note" data-testid="not-available">
      <p>
        <strong>Not available on this server yet.</strong> The server has no{' '}
        <code>{endpoint.split('?')[0]}</code> route (it answered 404 Not Found), so there is nothing to show
        here yet.
      </p>
      {children}
    </div>
  );
}

/** Fetches `endpoint`; a 404 becomes the "not yet" notice, other errors the usual readable error. */
function Probe<T>({
  endpoint,
  label,
  missing,
  children,
}: {
  endpoint: string;
  label: string;
  missing: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const state = useApi<T>(endpoint);
  if (state.status === 'error' && state.error.notFound) return <NotYet endpoint={endpoint}>{missing}</NotYet>;
  return (
    <Async state={state} label={label}>
      {children}
    </Async>
  );
}

export function ForecastPage() {
  usePageTitle('Forecast');
  return (
    <>
      <h1 tabIndex={-1}>
        Forecast <span class="badge">in development</span>
      </h1>
      <p>
        The chance that each faction controls its group, or runs the council, by each coming poll, from a
        seeded Monte Carlo simulation of selections and elections; nationally, the count of faction-run
        councils with intervals.
      </p>
      <Probe<ForecastResult>
        endpoint={FORECAST_ENDPOINT}
        label="the forecast"
        missing={
          <p>
            This view needs the forecast engine’s API. Meanwhile, run it from the command line:{' '}
            <code>caucus forecast --national --json</code> or <code>caucus forecast --council ID</code>.
          </p>
        }
      >
        {(f) =>
          Array.isArray(f.polls) ? (
            <section aria-labelledby="fc-h">
              <h2 id="fc-h">
                Faction-run councils ({f.runs} runs, seed {f.seed})
              </h2>
              <div class="table-wrap">
                <table>
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
                      Object.entries(p.national.factionRunCouncils).map(([faction, q]) => (
                        <tr key={`${p.date}:${faction}`}>
                          <td>{formatDate(p.date)}</td>
                          <td>{faction}</td>
                          <td class="num">{q.p5}</td>
                          <td class="num">{q.p50}</td>
                          <td class="num">{q.p95}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          ) : (
            <p>
              The server answered, but not in the shape this view expects; see{' '}
              <a href={FORECAST_ENDPOINT}>the JSON</a>.
            </p>
          )
        }
      </Probe>
    </>
  );
}
