/**
 * The council's incumbency ledger: at a past ordinary election, who held each seat up and what became of
 * them (re-elected, defeated, stood down, deselected, changed party, stood elsewhere), with who won the
 * seat. The outcomes and totals are the ledger's JSON; names, successors and sources come from the ledger
 * CSV export of the same council, which covers every election and so also gives the list to pick from.
 */

import { csvRecords } from '../../../src/web/csv.parser.js';
import { Swatch } from '../components/party.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SourceById } from '../components/sources.js';
import { Async, Empty } from '../components/status.js';
import { apiPath, fetchText, seg } from '../lib/api.js';
import type { LedgerView } from '../lib/api-types.js';
import { formatDate } from '../lib/format.js';
import { personHref, wardHref } from '../lib/links.js';
import type { Palette } from '../lib/palette.js';
import { Link, setQuery } from '../lib/router.js';
import { useApi, useLoader } from '../lib/use-api.js';

/** The ledger's outcomes in the order shown, with words for each (colour is never the only clue). */
export const OUTCOMES: ReadonlyArray<[string, string]> = [
  ['re-elected', 'Re-elected'],
  ['lost', 'Defeated'],
  ['stood-down', 'Stood down'],
  ['deselected', 'Deselected'],
  ['changed-party', 'Changed party (defected)'],
  ['moved', 'Stood in another ward'],
];
const OUTCOME_LABEL = new Map<string, string>([
  ...OUTCOMES,
  ['vacant', 'Seat was vacant'],
  ['unknown', 'Holder not in the records'],
]);

interface Row {
  ward: string;
  postId: string | null;
  incumbent: { id: string; name: string } | null;
  party: { id: string | null; name: string } | null;
  outcome: string;
  successor: { id: string; name: string } | null;
  successorParty: { id: string | null; name: string } | null;
  source: string | null;
}

type CsvRow = Record<string, string | null>;

/** A column of the ledger CSV; absent and empty are both null. */
const col = (r: CsvRow, name: string): string | null => r[name] ?? null;

function fromCsv(r: CsvRow): Row {
  const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);
  const party = (holder: string | null, id: string | null, name: string | null) =>
    holder ? { id, name: name ?? id ?? 'Independent' } : null;
  const incumbent = col(r, 'incumbent_id');
  const successor = col(r, 'successor_id');
  return {
    ward: col(r, 'ward') ?? col(r, 'post_id') ?? '',
    postId: col(r, 'post_id'),
    incumbent: person(incumbent, col(r, 'incumbent_name')),
    party: party(incumbent, col(r, 'incumbent_party_id'), col(r, 'incumbent_party_name')),
    outcome: col(r, 'outcome') ?? 'unknown',
    successor: person(successor, col(r, 'successor_name')),
    successorParty: party(successor, col(r, 'successor_party_id'), col(r, 'successor_party_name')),
    source: col(r, 'source_id'),
  };
}

/** Without the CSV: the ledger's own JSON, ids in place of names, no successors. */
function fromJson(l: LedgerView): Row[] {
  return l.seats.flatMap((s) =>
    s.incumbents.map((i) => ({
      ward: s.ward,
      postId: null,
      incumbent: { id: i.person, name: i.person },
      party: { id: i.party, name: i.party ?? 'Independent' },
      outcome: i.outcome,
      successor: null,
      successorParty: null,
      source: null,
    })),
  );
}

export function LedgerSection({
  id,
  election,
  palette,
}: {
  id: string;
  election: string | null;
  palette: Palette;
}) {
  const ledger = useApi<LedgerView>(apiPath(`/api/councils/${seg(id)}/ledger`, { election }));
  const csv = useLoader(`ledger-csv:${id}`, () =>
    fetchText(apiPath('/api/export/ledger.csv', { council: id })).then((t) =>
      csvRecords(t, { unguard: true }),
    ),
  );
  const problem = ledger.status === 'error' ? ledger.error.problem : null;
  return (
    <section aria-labelledby="ledger-h">
      <h2 id="ledger-h">Incumbency ledger</h2>
      <p class="muted">
        At each ordinary election: who held the seats up, and what became of them. The outcome is read from
        the candidacies, selections and events recorded; the successor is who won the seat.
      </p>
      {ledger.status === 'error' && problem?.rule === 'no-history' ? (
        <Empty>No ordinary election of this council is recorded, so there is no ledger yet.</Empty>
      ) : (
        <Async state={ledger} label="the incumbency ledger">
          {(l) => {
            const all = csv.status === 'ready' ? csv.data : null;
            const dates = [
              ...new Set([...(all ?? []).map((r) => r.election_date ?? ''), l.election].filter(Boolean)),
            ].sort((a, b) => b.localeCompare(a));
            const rows = all ? all.filter((r) => r.election_date === l.election).map(fromCsv) : fromJson(l);
            return (
              <>
                <form class="filters" onSubmit={(e) => e.preventDefault()}>
                  <label>
                    Election{' '}
                    <select
                      name="election"
                      value={l.election}
                      onChange={(e) => setQuery({ election: (e.currentTarget as HTMLSelectElement).value })}
                    >
                      {dates.map((d) => (
                        <option key={d} value={d}>
                          {formatDate(d)}
                        </option>
                      ))}
                    </select>
                  </label>
                </form>
                <ul class="legend legend-list" data-testid="ledger-totals" aria-label="Outcomes in all">
                  {OUTCOMES.map(([key, label]) => (
                    <li key={key} data-outcome={key}>
                      {label} <strong>{l.totals[key as keyof typeof l.totals] ?? 0}</strong>
                    </li>
                  ))}
                </ul>
                {csv.status === 'error' ? (
                  <p class="muted" role="note">
                    Names and successors could not be loaded ({csv.error.message}); the people are shown by
                    id.
                  </p>
                ) : csv.status === 'loading' ? (
                  <p class="muted">Loading names and successors…</p>
                ) : null}
                {rows.length === 0 ? (
                  <Empty>No seat was up at this election.</Empty>
                ) : (
                  <ScrollRegion label="Incumbency ledger">
                    <table data-testid="ledger" data-election={l.election}>
                      <caption>
                        Seats up on {formatDate(l.election)}: who held each, what became of them, who won it
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Ward</th>
                          <th scope="col">Councillor before</th>
                          <th scope="col">Outcome</th>
                          <th scope="col">Won by</th>
                          <th scope="col">Source</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r, i) => (
                          <tr
                            key={`${r.postId ?? r.ward}:${r.incumbent?.id ?? i}`}
                            data-outcome={r.outcome}
                            data-person={r.incumbent?.id}
                          >
                            <th scope="row">
                              {r.postId ? <Link href={wardHref(r.postId)}>{r.ward}</Link> : r.ward}
                            </th>
                            <td>
                              {r.incumbent ? (
                                <>
                                  <Link href={personHref(r.incumbent.id)}>{r.incumbent.name}</Link>
                                  <PartyNote party={r.party} palette={palette} />
                                </>
                              ) : (
                                <span class="muted">—</span>
                              )}
                            </td>
                            <td class={`outcome outcome-${r.outcome}`}>
                              {OUTCOME_LABEL.get(r.outcome) ?? r.outcome}
                            </td>
                            <td>
                              {r.successor ? (
                                <>
                                  <Link href={personHref(r.successor.id)}>{r.successor.name}</Link>
                                  <PartyNote party={r.successorParty} palette={palette} />
                                </>
                              ) : (
                                <span class="muted">{all ? 'no one recorded' : '…'}</span>
                              )}
                            </td>
                            <td>{r.source ? <SourceById id={r.source} /> : <span class="muted">—</span>}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollRegion>
                )}
                <p class="muted">
                  Where a ward had several seats up, the registry does not say which seat each winner took:
                  winners are paired with the departing councillors by votes, a convention rather than a fact.
                </p>
              </>
            );
          }}
        </Async>
      )}
    </section>
  );
}

function PartyNote({ party, palette }: { party: Row['party']; palette: Palette }) {
  if (!party) return null;
  return (
    <span class="org muted">
      {' '}
      (<Swatch colour={palette.colour(party.id ?? 'independent')} />
      {party.name})
    </span>
  );
}
