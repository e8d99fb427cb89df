/**
 * The Forecast page: run a forecast with chosen parameters (councils, polls, runs, seed, a scenario) as an
 * editor, watch its progress (and cancel it), read the result, and compare two saved forecasts or a
 * scenario with its baseline. Every view has a URL: ?id=ID a forecast, ?a=ID&b=ID a comparison.
 */
import { useEffect, useState } from 'preact/hooks';
import { FanChart, type FanSeries } from '../components/fan-chart.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SignIn } from '../components/sign-in.js';
import { Async, Empty, ErrorNote } from '../components/status.js';
import { ApiError, apiDelete, apiPath, apiPost, fetchJson, forget, seg } from '../lib/api.js';
import type {
  ControlSummary,
  ForecastComparison,
  ForecastJob,
  ForecastJobInput,
  ForecastList,
  ForecastResult,
  ForecastStarted,
  PartyList,
} from '../lib/api-types.js';
import { formatDate, percent, plural } from '../lib/format.js';
import { councilHref } from '../lib/links.js';
import { PARTIES_PATH, type Palette, usePalette } from '../lib/palette.js';
import { Link, navigate, type Place } from '../lib/router.js';
import { useToken } from '../lib/token.js';
import { useApi } from '../lib/use-api.js';
import { CouncilForecastBody } from './council-forecast.js';
import { usePageTitle } from './page.js';

export const FORECASTS_PATH = '/api/forecasts?limit=20';

/** The model's parameters (docs/forecast.md), with their defaults, for scenario overrides. */
const PARAMETERS: ReadonlyArray<[string, number]> = [
  ['nationalSwingSd', 0.12],
  ['swingDegreesOfFreedom', 4],
  ['regionalSwingSd', 0.05],
  ['councilTypeSwingSd', 0.04],
  ['councilSwingSd', 0.08],
  ['wardNoiseSd', 0.15],
  ['candidateNoiseSd', 0.04],
  ['byElectionRate', 0.012],
  ['defectionRate', 0.008],
  ['retirementProbability', 0.2],
  ['deselectionIntercept', -3.6],
  ['deselectionSlope', 3],
  ['deselectionGrowthSlope', 2],
  ['selectionClimateSd', 0.3],
];

const asApiError = (err: unknown, path: string) =>
  err instanceof ApiError
    ? err
    : new ApiError(path, 0, null, err instanceof Error ? err.message : String(err));

export function ForecastPage({ place }: { place: Place }) {
  usePageTitle('Forecast');
  const q = place.query;
  const id = q.get('id');
  const a = q.get('a');
  const b = q.get('b');
  const [token, setToken] = useToken();
  const list = useApi<ForecastList>(FORECASTS_PATH);
  if (list.status === 'error' && list.error.notFound && list.error.problem?.rule === 'route') {
    return (
      <>
        <h1 tabIndex={-1}>Forecast</h1>
        <div class="notice" role="note" data-testid="not-available">
          <p>
            <strong>Not available on this server yet.</strong> The server has no <code>/api/forecasts</code>{' '}
            route (it answered 404 Not Found). Meanwhile, run it from the command line:{' '}
            <code>caucus forecast --national</code> or <code>caucus forecast --council ID</code>.
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Forecast</h1>
      <p>
        The chance that each party holds a majority, that each faction controls its group or runs the council,
        after each coming poll, from a seeded Monte Carlo simulation of selections and elections
        (docs/forecast.md); nationally, the number of faction-run councils with intervals. The same seed and
        inputs always give the same answer.
      </p>
      {id ? <RunView key={id} id={id} token={token} onFinished={list.retry} /> : null}
      {a && b ? <CompareView key={`${a}|${b}`} a={a} b={b} /> : null}
      <section aria-labelledby="run-h">
        <h2 id="run-h">Run a forecast</h2>
        <SignIn token={token} setToken={setToken} purpose="running and cancelling forecasts do" />
        <RunForm token={token} council={q.get('council')} />
      </section>
      <SavedList state={list} a={a} b={b} current={id} />
    </>
  );
}

interface Row {
  key: string;
  value: string;
}

function RunForm({ token, council }: { token: string | null; council: string | null }) {
  const councils = useApi<ControlSummary>('/api/control/summary');
  const parties = useApi<PartyList>(PARTIES_PATH);
  const [form, setForm] = useState({
    council: council ?? '',
    polls: '4',
    runs: '2000',
    seed: '',
    name: '',
    extra: '',
  });
  const [shifts, setShifts] = useState<Row[]>([]);
  const [overrides, setOverrides] = useState<Row[]>([]);
  const [state, setState] = useState<{ busy: boolean; error: ApiError | null; field: string | null }>({
    busy: false,
    error: null,
    field: null,
  });
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const invalid = (field: string) => (state.field === field ? true : undefined);
  const numberInput = (k: 'polls' | 'runs' | 'seed') => ({
    name: k,
    value: form[k],
    onInput: set(k),
    'aria-invalid': invalid(k),
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    const fail = (message: string, field: string) =>
      setState({ busy: false, field, error: new ApiError('/api/forecasts', 400, null, message) });
    const body: ForecastJobInput = {
      ...(form.council ? { council: form.council } : {}),
      polls: Number(form.polls),
      runs: Number(form.runs),
      ...(form.seed.trim() ? { seed: Number(form.seed) } : {}),
    };
    let extra: Record<string, unknown> = {};
    if (form.extra.trim()) {
      try {
        const parsed: unknown = JSON.parse(form.extra);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          return fail('More scenario: expected a JSON object such as {"surges": [...]}', 'extra');
        extra = parsed as Record<string, unknown>;
      } catch (err) {
        return fail(`More scenario: not valid JSON (${(err as Error).message})`, 'extra');
      }
    }
    const partyShift = Object.fromEntries(shifts.filter((r) => r.key).map((r) => [r.key, Number(r.value)]));
    const parameters = Object.fromEntries(
      overrides.filter((r) => r.key).map((r) => [r.key, Number(r.value)]),
    );
    if (form.name.trim() || Object.keys(extra).length || shifts.length || overrides.length) {
      body.scenario = {
        name: form.name.trim() || 'Scenario from the dashboard',
        ...extra,
        ...(Object.keys(parameters).length ? { parameters } : {}),
        ...(Object.keys(partyShift).length ? { partyShift } : {}),
      };
    }
    setState({ busy: true, error: null, field: null });
    try {
      const started = await apiPost<ForecastStarted>('/api/forecasts', body, token);
      forget(FORECASTS_PATH);
      setState({ busy: false, error: null, field: null });
      navigate(apiPath('/forecast', { id: started.id }));
    } catch (err) {
      const error = asApiError(err, '/api/forecasts');
      setState({ busy: false, error, field: error.problem?.field ?? null });
    }
  };

  const partyOptions = parties.status === 'ready' ? parties.data.items : [];
  return (
    <form class="forecast-form" onSubmit={submit} data-testid="forecast-form">
      <div class="filters">
        <label>
          Councils{' '}
          <select
            name="council"
            value={form.council}
            onChange={set('council')}
            aria-invalid={invalid('council')}
          >
            <option value="">Every council (national)</option>
            {councils.status === 'ready'
              ? councils.data.councils.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          Polls <input type="number" min={1} max={12} required {...numberInput('polls')} />
        </label>
        <label>
          Runs <input type="number" min={1} max={100000} required {...numberInput('runs')} />
        </label>
        <label>
          Seed <input type="number" min={0} placeholder="new" {...numberInput('seed')} />
        </label>
      </div>
      <fieldset>
        <legend>Scenario (optional: runs beside the baseline, from the same seed)</legend>
        <label>
          Scenario name{' '}
          <input type="text" name="scenario-name" value={form.name} onInput={set('name')} maxLength={200} />
        </label>
        <RowsEditor
          title="Party shifts (log vote share: 0.2 is about 22% more votes)"
          add="Add a party shift"
          rows={shifts}
          setRows={setShifts}
          keyLabel="Party"
          valueLabel="Shift"
          options={partyOptions.map((p) => [p.id, p.name])}
          defaultValue={() => '0.1'}
          step="0.01"
        />
        <RowsEditor
          title="Model parameters"
          add="Add a parameter"
          rows={overrides}
          setRows={setOverrides}
          keyLabel="Parameter"
          valueLabel="Value"
          options={PARAMETERS.map(([k, d]) => [k, `${k} (default ${d})`])}
          defaultValue={(k) => String(PARAMETERS.find(([p]) => p === k)?.[1] ?? 0)}
          step="any"
        />
        <label class="block">
          More scenario (JSON: surges, factionShares; see docs/forecast.md){' '}
          <textarea
            name="scenario-extra"
            rows={3}
            value={form.extra}
            onInput={set('extra')}
            aria-invalid={invalid('extra')}
            placeholder={'{"surges": [{"localParties": ["local-party:…"], "growth": 0.3}]}'}
          />
        </label>
      </fieldset>
      <p>
        <button type="submit" disabled={!token || state.busy}>
          {state.busy ? 'Starting…' : 'Run the forecast'}
        </button>{' '}
        {!token ? <span class="muted">Sign in with an editor token to run one.</span> : null}
      </p>
      {state.error ? <ErrorNote error={state.error} label="" action="start the forecast" /> : null}
    </form>
  );
}

function RowsEditor({
  title,
  add,
  rows,
  setRows,
  keyLabel,
  valueLabel,
  options,
  defaultValue,
  step,
}: {
  title: string;
  add: string;
  rows: Row[];
  setRows: (rows: Row[]) => void;
  keyLabel: string;
  valueLabel: string;
  options: Array<[string, string]>;
  defaultValue: (key: string) => string;
  step: string;
}) {
  const change = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div class="rows-editor">
      <p>{title}</p>
      {rows.map((r, i) => (
        <div class="filters" key={i}>
          <label>
            {keyLabel} {i + 1}{' '}
            <select
              aria-label={`${keyLabel} ${i + 1}`}
              value={r.key}
              onChange={(e) => {
                const key = (e.currentTarget as HTMLSelectElement).value;
                change(i, { key, value: defaultValue(key) });
              }}
            >
              <option value="">Choose…</option>
              {options.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {valueLabel} {i + 1}{' '}
            <input
              type="number"
              aria-label={`${valueLabel} ${i + 1}`}
              step={step}
              value={r.value}
              onInput={(e) => change(i, { value: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            Remove {keyLabel.toLowerCase()} {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
        {add}
      </button>
    </div>
  );
}

/** Follows a forecast: progress while it runs (asked for twice a second), then its result. */
function RunView({
  id,
  token,
  onFinished,
}: {
  id: string;
  token: string | null;
  /** Called once it is no longer running (the saved list may have a new entry). */
  onFinished: () => void;
}) {
  const path = `/api/forecasts/${seg(id)}`;
  const [job, setJob] = useState<ForecastJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelError, setCancelError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchJson<ForecastJob>(path);
        if (!live) return;
        setJob(next);
        setError(null);
        if (next.status === 'running') timer = setTimeout(poll, 500);
        else onFinished();
      } catch (err) {
        if (live) setError(asApiError(err, path));
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [path, attempt]);

  const cancel = async () => {
    try {
      setJob(await apiDelete<ForecastJob>(path, token));
      onFinished();
    } catch (err) {
      setCancelError(asApiError(err, path));
    }
  };

  return (
    <section aria-labelledby="job-h" data-testid="forecast-run" data-status={job?.status}>
      <h2 id="job-h">
        Forecast <code>{id}</code>
      </h2>
      {error ? (
        <ErrorNote error={error} label={`forecast ${id}`} retry={() => setAttempt((n) => n + 1)} />
      ) : !job ? (
        <p class="muted">Asking the server…</p>
      ) : (
        <>
          <p data-testid="job-status">
            <strong>{statusText(job.status)}</strong>
            {' · '}
            {job.input.council ? (
              <Link href={councilHref(String(job.input.council))}>{String(job.input.council)}</Link>
            ) : (
              'every council'
            )}
            , {String(job.input.polls)} polls, {Number(job.input.runs).toLocaleString('en-GB')} runs, seed{' '}
            {String(job.input.seed)}
            {job.input.scenario ? ', with a scenario and its baseline' : ''}; started{' '}
            {job.createdAt.slice(0, 19).replace('T', ' ')} UTC.
          </p>
          {job.status === 'running' ? (
            <div class="loading" role="status" aria-live="polite">
              <progress
                aria-label="Forecast progress"
                value={job.progress.done}
                max={Math.max(1, job.progress.total)}
                data-testid="forecast-progress"
              />
              <span>
                {job.progress.done.toLocaleString('en-GB')} of {job.progress.total.toLocaleString('en-GB')}{' '}
                runs ({percent(job.progress.done / Math.max(1, job.progress.total), 0)})
              </span>{' '}
              <button type="button" onClick={cancel} disabled={!token}>
                Cancel
              </button>
            </div>
          ) : null}
          {cancelError ? <ErrorNote error={cancelError} label="" action="cancel the forecast" /> : null}
          {job.status === 'failed' && job.error ? (
            <ErrorNote
              error={
                new ApiError(
                  path,
                  job.error.status,
                  job.error,
                  `${job.error.title}: ${job.error.detail ?? ''}`,
                )
              }
              label=""
              action="finish the forecast"
            />
          ) : null}
          {job.status === 'cancelled' ? <p>It was cancelled; nothing was saved.</p> : null}
          {job.status === 'done' && job.result ? <ForecastResultView f={job.result} /> : null}
        </>
      )}
    </section>
  );
}

function statusText(s: ForecastJob['status']): string {
  return { running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' }[s];
}

/** A finished forecast: nationally the faction-run councils (and majorities); for one council its seats. */
export function ForecastResultView({ f }: { f: ForecastResult }) {
  const palette = usePalette();
  const name = (id: string) => f.names[id] ?? id;
  return (
    <div data-testid="forecast-result">
      <p>
        As of {formatDate(f.asOf)}; {f.runs.toLocaleString('en-GB')} runs; seed {f.seed}
        {f.scenario ? `; scenario “${f.scenario.name}”, beside its baseline from the same seed` : ''}.
      </p>
      {f.scope === 'national' ? (
        <NationalResult f={f} palette={palette} name={name} />
      ) : (
        <>
          <h3>{name(f.scope)}</h3>
          <CouncilForecastBody f={f} councilId={f.scope} majority={null} palette={palette} />
        </>
      )}
      {f.scenario && f.baseline ? <ScenarioVsBaseline f={f} name={name} /> : null}
    </div>
  );
}

function NationalResult({
  f,
  palette,
  name,
}: {
  f: ForecastResult;
  palette: Palette;
  name: (id: string) => string;
}) {
  const factions = [...new Set(f.polls.flatMap((p) => Object.keys(p.national.factionRunCouncils)))];
  const parties = [...new Set(f.polls.flatMap((p) => Object.keys(p.national.partyMajorityCouncils ?? {})))];
  const series: FanSeries[] = factions.map((id) => ({
    id,
    name: name(id),
    dashed: true,
    points: f.polls.map((p) => ({
      date: p.date,
      ...(p.national.factionRunCouncils[id] ?? { p5: 0, p50: 0, p95: 0 }),
    })),
  }));
  // Factions and parties at 0 in every run would fill the table with zeros: they are counted, not listed.
  const liveFactions = factions.filter((id) =>
    f.polls.some((p) => (p.national.factionRunCouncils[id]?.p95 ?? 0) > 0),
  );
  const liveParties = parties.filter((id) =>
    f.polls.some((p) => (p.national.partyMajorityCouncils?.[id]?.p95 ?? 0) > 0),
  );
  const omitted = factions.length - liveFactions.length + parties.length - liveParties.length;
  const majorities: FanSeries[] = parties
    .map((id) => ({
      id,
      name: name(id),
      points: f.polls.map((p) => ({
        date: p.date,
        ...(p.national.partyMajorityCouncils?.[id] ?? { p5: 0, p50: 0, p95: 0 }),
      })),
    }))
    .filter((x) => x.points.some((p) => p.p95 > 0));
  return (
    <>
      <h3>Faction-run councils</h3>
      {series.every((x) => x.points.every((p) => p.p95 === 0)) ? (
        <Empty>No faction runs a council in any run.</Empty>
      ) : (
        <FanChart
          series={series.filter((x) => x.points.some((p) => p.p95 > 0))}
          colour={(id) => palette.colour(id)}
          label="Faction-run councils after each poll, median and 5th to 95th percentile; the table gives the figures"
          yLabel="Councils"
        />
      )}
      <h3>Councils with a party majority</h3>
      {majorities.length === 0 ? (
        <Empty>No party holds a majority anywhere in any run.</Empty>
      ) : (
        <FanChart
          series={majorities}
          colour={(id) => palette.colour(id)}
          label="Councils held by each party with a majority after each poll, median and 5th to 95th percentile; the table gives the figures"
          yLabel="Councils"
        />
      )}
      <ScrollRegion label="National forecast">
        <table data-testid="national-result">
          <caption>
            Councils run by each faction, and held by each party, after each poll (median, 5%–95%)
          </caption>
          <thead>
            <tr>
              <th scope="col">Poll</th>
              <th scope="col">Faction or party</th>
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
              [
                ...liveFactions.map((id) => [id, p.national.factionRunCouncils[id], 'runs'] as const),
                ...liveParties.map((id) => [id, p.national.partyMajorityCouncils?.[id], 'majority'] as const),
              ].map(([id, q, kind]) => (
                <tr key={`${p.date}:${id}`} data-poll={p.date} data-org={id} data-kind={kind}>
                  <th scope="row">{formatDate(p.date)}</th>
                  <td>
                    {name(id)}{' '}
                    {kind === 'runs' ? (
                      <span class="muted">(runs councils)</span>
                    ) : (
                      <span class="muted">(majorities)</span>
                    )}
                  </td>
                  <td class="num">{q?.p5 ?? 0}</td>
                  <td class="num">{q?.p50 ?? 0}</td>
                  <td class="num">{q?.p95 ?? 0}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </ScrollRegion>
      {omitted > 0 ? (
        <p class="muted" data-testid="omitted">
          {plural(omitted, 'other faction or party', 'other factions and parties')} run or hold no council in
          any run.
        </p>
      ) : null}
    </>
  );
}

function ScenarioVsBaseline({ f, name }: { f: ForecastResult; name: (id: string) => string }) {
  const base = f.baseline!;
  const rows = f.polls.flatMap((p) => {
    const b = base.polls.find((x) => x.date === p.date);
    const ids = new Set([
      ...Object.keys(p.national.factionRunCouncils),
      ...Object.keys(b?.national.factionRunCouncils ?? {}),
    ]);
    return [...ids].map((id) => ({
      date: p.date,
      id,
      baseline: b?.national.factionRunCouncils[id]?.p50 ?? 0,
      scenario: p.national.factionRunCouncils[id]?.p50 ?? 0,
    }));
  });
  return (
    <section aria-labelledby="svb-h">
      <h3 id="svb-h">Scenario against its baseline</h3>
      {rows.length === 0 ? (
        <Empty>No faction runs a council in either.</Empty>
      ) : (
        <ScrollRegion label="Scenario against baseline">
          <table data-testid="scenario-vs-baseline">
            <caption>Median faction-run councils with and without the scenario (same seed)</caption>
            <thead>
              <tr>
                <th scope="col">Poll</th>
                <th scope="col">Faction</th>
                <th scope="col" class="num">
                  Baseline
                </th>
                <th scope="col" class="num">
                  Scenario
                </th>
                <th scope="col" class="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.date}:${r.id}`}>
                  <th scope="row">{formatDate(r.date)}</th>
                  <td>{name(r.id)}</td>
                  <td class="num">{r.baseline}</td>
                  <td class="num">{r.scenario}</td>
                  <td class="num">{signed(r.scenario - r.baseline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

const signed = (n: number, f = (x: number) => String(x)) => (n > 0 ? `+${f(n)}` : n < 0 ? `−${f(-n)}` : '0');
const points = (p: number) => `${(p * 100).toFixed(1)} pts`;

function SavedList({
  state,
  a,
  b,
  current,
}: {
  state: ReturnType<typeof useApi<ForecastList>>;
  a: string | null;
  b: string | null;
  current: string | null;
}) {
  const [pick, setPick] = useState({ a: a ?? '', b: b ?? '' });
  return (
    <section aria-labelledby="saved-h">
      <h2 id="saved-h">Saved forecasts</h2>
      <Async state={state} label="the saved forecasts">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>No forecast is saved yet.</Empty>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (pick.a && pick.b) navigate(apiPath('/forecast', { a: pick.a, b: pick.b }));
              }}
            >
              <ScrollRegion label="Saved forecasts">
                <table data-testid="saved-forecasts">
                  <caption>Newest first; choose two to compare (A, then B: the change is B minus A)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Forecast</th>
                      <th scope="col">Made</th>
                      <th scope="col">As of</th>
                      <th scope="col">Councils</th>
                      <th scope="col" class="num">
                        Runs
                      </th>
                      <th scope="col" class="num">
                        Seed
                      </th>
                      <th scope="col">Scenario</th>
                      <th scope="col">A</th>
                      <th scope="col">B</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((f) => (
                      <tr
                        key={f.id}
                        data-forecast={f.id}
                        aria-current={f.id === current ? 'true' : undefined}
                      >
                        <th scope="row">
                          <Link href={apiPath('/forecast', { id: f.id })}>{f.id}</Link>
                        </th>
                        <td>{f.createdAt.slice(0, 16).replace('T', ' ')}</td>
                        <td>{formatDate(f.asOf)}</td>
                        <td>{f.scope === 'national' ? 'every council' : f.scope}</td>
                        <td class="num">{f.runs.toLocaleString('en-GB')}</td>
                        <td class="num">{f.seed}</td>
                        <td>{f.scenarioName ?? '—'}</td>
                        <td>
                          <input
                            type="radio"
                            name="a"
                            value={f.id}
                            checked={pick.a === f.id}
                            aria-label={`Compare ${f.id} as A`}
                            onChange={() => setPick({ ...pick, a: f.id })}
                          />
                        </td>
                        <td>
                          <input
                            type="radio"
                            name="b"
                            value={f.id}
                            checked={pick.b === f.id}
                            aria-label={`Compare ${f.id} as B`}
                            onChange={() => setPick({ ...pick, b: f.id })}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <p>
                <button type="submit" disabled={!pick.a || !pick.b || pick.a === pick.b}>
                  Compare A with B
                </button>
              </p>
            </form>
          )
        }
      </Async>
    </section>
  );
}

/** Two saved forecasts side by side: the national medians of each, and what changed (B minus A). */
function CompareView({ a, b }: { a: string; b: string }) {
  const diff = useApi<ForecastComparison>(apiPath('/api/forecasts/compare', { a, b }));
  const fa = useApi<ForecastJob>(`/api/forecasts/${seg(a)}`);
  const fb = useApi<ForecastJob>(`/api/forecasts/${seg(b)}`);
  return (
    <section aria-labelledby="compare-h" data-testid="forecast-compare">
      <h2 id="compare-h">
        Comparing <code>{a}</code> (A) with <code>{b}</code> (B)
      </h2>
      <Async state={diff} label="the comparison">
        {(d) => {
          const name = (id: string) => d.names[id] ?? id;
          const ra = fa.status === 'ready' ? fa.data.result : undefined;
          const rb = fb.status === 'ready' ? fb.data.result : undefined;
          const describe = (x: ForecastComparison['a']) =>
            `${x.scope === 'national' ? 'every council' : name(x.scope)}, as of ${formatDate(x.asOf)}, ${x.runs.toLocaleString('en-GB')} runs, seed ${x.seed}${x.scenario ? `, scenario “${x.scenario}”` : ''}`;
          const national = d.national.flatMap((n) => {
            const ids = new Set([
              ...Object.keys(n.factionRunCouncilsP50),
              ...Object.keys(ra?.polls.find((p) => p.date === n.date)?.national.factionRunCouncils ?? {}),
              ...Object.keys(rb?.polls.find((p) => p.date === n.date)?.national.factionRunCouncils ?? {}),
            ]);
            return [...ids]
              .map((id) => ({
                date: n.date,
                id,
                a: ra?.polls.find((p) => p.date === n.date)?.national.factionRunCouncils[id]?.p50,
                b: rb?.polls.find((p) => p.date === n.date)?.national.factionRunCouncils[id]?.p50,
                change: n.factionRunCouncilsP50[id] ?? 0,
              }))
              .filter((r) => r.change !== 0 || (r.a ?? 1) > 0 || (r.b ?? 1) > 0);
          });
          return (
            <>
              <ul>
                <li>A: {describe(d.a)}</li>
                <li>B: {describe(d.b)}</li>
              </ul>
              <h3>Faction-run councils (median)</h3>
              {national.length === 0 ? (
                <Empty>
                  Neither forecast has a poll in common with the other, or no faction runs a council.
                </Empty>
              ) : (
                <ScrollRegion label="National comparison">
                  <table data-testid="compare-national">
                    <thead>
                      <tr>
                        <th scope="col">Poll</th>
                        <th scope="col">Faction</th>
                        <th scope="col" class="num">
                          A
                        </th>
                        <th scope="col" class="num">
                          B
                        </th>
                        <th scope="col" class="num">
                          Change
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {national.map((r) => (
                        <tr
                          key={`${r.date}:${r.id}`}
                          data-poll={r.date}
                          data-faction={r.id}
                          data-change={r.change}
                        >
                          <th scope="row">{formatDate(r.date)}</th>
                          <td>{name(r.id)}</td>
                          <td class="num">{r.a ?? '…'}</td>
                          <td class="num">{r.b ?? '…'}</td>
                          <td class="num">{signed(r.change)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
              <h3>Councils whose odds moved (0.5 points or more)</h3>
              {d.councils.length === 0 ? (
                <Empty>No council’s odds moved by half a point or more.</Empty>
              ) : (
                <ScrollRegion label="Council changes">
                  <table data-testid="compare-councils">
                    <thead>
                      <tr>
                        <th scope="col">Poll</th>
                        <th scope="col">Council</th>
                        <th scope="col">Majority chance</th>
                        <th scope="col">Faction runs it</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.councils.map((c) => (
                        <tr key={`${c.date}:${c.council}`} data-poll={c.date} data-council={c.council}>
                          <th scope="row">{formatDate(c.date)}</th>
                          <td>
                            <Link href={councilHref(c.council)}>{name(c.council)}</Link>
                          </td>
                          <td>
                            {Object.entries(c.pPartyMajority)
                              .map(([k, v]) => `${name(k)} ${signed(v, points)}`)
                              .join('; ') || '—'}
                          </td>
                          <td>
                            {Object.entries(c.pFactionRunsCouncil)
                              .map(([k, v]) => `${name(k)} ${signed(v, points)}`)
                              .join('; ') || '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
