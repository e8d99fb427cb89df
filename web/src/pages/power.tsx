/**
 * The power calculator: a weighted majority game [quota; weights] (or a council's groups on a day), with
 * every index. The inputs live in the URL (/power?quota=31&weights=39,10,5), so a result can be shared.
 */
import { useEffect, useState } from 'preact/hooks';
import { PowerBars } from '../components/power-bars.js';
import { Async, ErrorNote, Loading } from '../components/status.js';
import { ApiError, apiGet, apiPath } from '../lib/api.js';
import type { ControlView, CouncilList, PowerJson } from '../lib/api-types.js';
import { count } from '../lib/format.js';
import { councilHref } from '../lib/links.js';
import { Link, navigate, type Place } from '../lib/router.js';
import { useAllPages, useApi } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

const FIELDS: Record<string, 'quota' | 'weights' | 'names'> = {
  '--quota': 'quota',
  '--weights': 'weights',
  '--names': 'names',
  quota: 'quota',
  weights: 'weights',
  names: 'names',
};

export function PowerPage({ place }: { place: Place }) {
  usePageTitle('Power calculator');
  const q = place.query;
  const quota = q.get('quota') ?? '';
  const weights = q.get('weights') ?? '';
  const names = q.get('names') ?? '';
  const exact = q.get('exact') === 'true';
  const council = q.get('council') ?? '';
  const [form, setForm] = useState({ quota, weights, names, exact });
  useEffect(() => setForm({ quota, weights, names, exact }), [quota, weights, names, exact]);
  const [filling, setFilling] = useState<{ busy: boolean; error: ApiError | null }>({
    busy: false,
    error: null,
  });

  const asked = quota !== '' && weights !== '';
  const result = useApi<PowerJson>(
    asked
      ? apiPath('/api/power', { quota, weights, names: names || undefined, exact: exact || undefined })
      : null,
  );
  const councils = useAllPages<CouncilList>(apiPath('/api/councils', { limit: 500 }));
  const badField = result.status === 'error' ? FIELDS[result.error.problem?.field ?? ''] : undefined;

  const submit = (e: Event) => {
    e.preventDefault();
    navigate(
      apiPath('/power', {
        quota: form.quota.trim(),
        weights: form.weights.trim(),
        names: form.names.trim(),
        exact: form.exact || undefined,
        council: council || undefined,
      }),
    );
  };

  const fill = async (id: string) => {
    if (!id) return;
    setFilling({ busy: true, error: null });
    try {
      const c = await apiGet<ControlView>(apiPath('/api/control', { council: id }));
      const row = c.councils[0];
      if (!row)
        throw new ApiError('/api/control', 404, null, 'That council has no control figures on this day.');
      navigate(
        apiPath('/power', {
          council: id,
          quota: row.majorityThreshold,
          weights: row.groups.map((g) => g.seats).join(','),
          names: row.groups.map((g) => (g.party?.name ?? 'Independent').replace(/,/g, ' ')).join(','),
        }),
      );
      setFilling({ busy: false, error: null });
    } catch (err) {
      setFilling({
        busy: false,
        error: err instanceof ApiError ? err : new ApiError('/api/control', 0, null, String(err)),
      });
    }
  };

  const fieldProps = (name: 'quota' | 'weights' | 'names') =>
    badField === name ? { 'aria-invalid': true as const, 'aria-describedby': 'power-error' } : {};

  return (
    <>
      <h1 tabIndex={-1}>Power calculator</h1>
      <p>
        A weighted majority game: players with weights (seats), and a quota of votes that wins. The indices
        say how much each player’s votes decide. Enter the game, or start from a council’s groups.
      </p>
      <form class="power-form" onSubmit={submit}>
        <label>
          Start from a council{' '}
          <select
            value={council}
            onChange={(e) => fill((e.currentTarget as HTMLSelectElement).value)}
            disabled={councils.status !== 'ready'}
          >
            <option value="">
              {councils.status === 'ready' ? 'Choose a council…' : 'Loading councils…'}
            </option>
            {councils.status === 'ready'
              ? councils.data.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          Quota{' '}
          <input
            name="quota"
            inputMode="numeric"
            required
            value={form.quota}
            onInput={(e) => setForm({ ...form, quota: (e.currentTarget as HTMLInputElement).value })}
            {...fieldProps('quota')}
          />
        </label>
        <label>
          Weights (comma-separated){' '}
          <input
            name="weights"
            required
            placeholder="39,10,5,4,2"
            value={form.weights}
            onInput={(e) => setForm({ ...form, weights: (e.currentTarget as HTMLInputElement).value })}
            {...fieldProps('weights')}
          />
        </label>
        <label>
          Names (optional, comma-separated){' '}
          <input
            name="names"
            placeholder="Labour,Reform UK,..."
            value={form.names}
            onInput={(e) => setForm({ ...form, names: (e.currentTarget as HTMLInputElement).value })}
            {...fieldProps('names')}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={form.exact}
            onChange={(e) => setForm({ ...form, exact: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          Exact fractions
        </label>
        <button type="submit">Calculate</button>
      </form>
      {filling.busy ? <Loading label="the council’s groups" /> : null}
      {filling.error ? <ErrorNote error={filling.error} label="the council’s groups" /> : null}
      {council ? (
        <p>
          Groups of{' '}
          <Link href={councilHref(council)}>
            {councils.status === 'ready'
              ? (councils.data.items.find((c) => c.id === council)?.name ?? council)
              : council}
          </Link>{' '}
          today; edit the weights to try other outcomes.
        </p>
      ) : null}
      {asked ? (
        <div id="power-error">
          <Async state={result} label="the indices" slowNote="(large games take a while)">
            {(r) => <PowerResult r={r} exact={exact} />}
          </Async>
        </div>
      ) : null}
    </>
  );
}

function PowerResult({ r, exact }: { r: PowerJson; exact: boolean }) {
  return (
    <section aria-labelledby="result-h">
      <h2 id="result-h">
        [{r.quota}; {r.players.map((p) => p.weight).join(', ')}]
      </h2>
      <dl class="figures" data-testid="power-summary">
        <div>
          <dt>Total weight</dt>
          <dd>{count(r.totalWeight)}</dd>
        </div>
        <div>
          <dt>Winning coalitions</dt>
          <dd data-testid="winning">{count(r.winningCoalitions)}</dd>
        </div>
        <div>
          <dt>Minimal winning coalitions</dt>
          <dd>{count(r.minimalWinningCoalitions)}</dd>
        </div>
        <div>
          <dt>Dictator</dt>
          <dd>{r.dictator ?? 'none'}</dd>
        </div>
        <div>
          <dt>Veto players</dt>
          <dd>{r.vetoPlayers.length ? r.vetoPlayers.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Without any say</dt>
          <dd>{r.dummies.length ? r.dummies.join(', ') : 'none'}</dd>
        </div>
      </dl>
      <PowerBars players={r.players} caption="Every index for each player" weightLabel="Weight" more />
      {exact ? (
        <div class="table-wrap">
          <table data-testid="exact">
            <caption>Exact values</caption>
            <thead>
              <tr>
                <th scope="col">Player</th>
                {Object.keys(r.players[0]?.exact ?? {}).map((k) => (
                  <th scope="col" key={k}>
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.players.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  {Object.values(p.exact ?? {}).map((v, i) => (
                    <td key={i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
