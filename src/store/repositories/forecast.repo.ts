/**
 * Reads the forecast engine needs (last results per ward, selections around a day, area parents) and the
 * saved forecasts. Kysely only, so the same queries run on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type { Database, ForecastTable } from '../schema.js';

export type StoredForecast = ForecastTable;

export interface ResultRow {
  postId: string;
  ballotId: string;
  date: IsoDate;
  byElection: boolean;
  partyId: string | null;
  votes: number | null;
}

export interface SelectionRow {
  selectionId: string;
  partyId: string;
  localPartyId: string | null;
  postId: string;
  pollDate: IsoDate;
  date: IsoDate;
  personId: string;
  sitting: boolean;
  soughtReselection: boolean;
  chosen: boolean;
}

export class ForecastRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Candidacies of the ballots (not cancelled) held in [since, before), for one council or all. */
  async results(since: IsoDate, before: IsoDate, councilId?: string): Promise<ResultRow[]> {
    let q = this.db
      .selectFrom('candidacies as c')
      .innerJoin('ballots as b', 'b.id', 'c.ballotId')
      .innerJoin('posts as p', 'p.id', 'b.postId')
      .select(['b.postId', 'b.id as ballotId', 'b.date', 'b.byElection', 'c.partyId', 'c.votes'])
      .where('b.cancelled', '=', 0)
      .where('b.date', '>=', since)
      .where('b.date', '<', before);
    if (councilId) q = q.where('p.councilId', '=', councilId);
    return (await q.execute()).map((r) => ({
      ...r,
      byElection: Boolean(Number(r.byElection)),
      votes: r.votes === null ? null : Number(r.votes),
    }));
  }

  /** Selections decided in [from, to] with their candidates, for one council or all. */
  async selections(from: IsoDate, to: IsoDate, councilId?: string): Promise<SelectionRow[]> {
    let q = this.db
      .selectFrom('selections as s')
      .innerJoin('selectionCandidates as sc', 'sc.selectionId', 's.id')
      .select([
        's.id as selectionId',
        's.partyId',
        's.localPartyId',
        's.postId',
        's.pollDate',
        's.date',
        'sc.personId',
        'sc.sitting',
        'sc.soughtReselection',
        'sc.chosen',
      ])
      .where('s.date', '>=', from)
      .where('s.date', '<=', to)
      .orderBy('s.date')
      .orderBy('s.id');
    if (councilId) q = q.where('s.councilId', '=', councilId);
    return (await q.execute()).map((r) => ({
      ...r,
      sitting: Boolean(Number(r.sitting)),
      soughtReselection: Boolean(Number(r.soughtReselection)),
      chosen: Boolean(Number(r.chosen)),
    }));
  }

  /** Every area's parent, to find the local party covering a ward. */
  async areaParents(): Promise<Map<string, string | null>> {
    const rows = await this.db.selectFrom('areas').select(['id', 'parentId']).execute();
    return new Map(rows.map((r) => [r.id, r.parentId]));
  }

  async save(f: StoredForecast): Promise<void> {
    await this.db.insertInto('forecasts').values(f).execute();
  }

  async get(id: string): Promise<StoredForecast | undefined> {
    const row = await this.db.selectFrom('forecasts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...row, seed: Number(row.seed), runs: Number(row.runs), polls: Number(row.polls) };
  }

  /** Saved forecasts, newest first, without their bulky inputs and results. */
  async list(limit: number): Promise<Array<Omit<StoredForecast, 'input' | 'facts' | 'result'>>> {
    const rows = await this.db
      .selectFrom('forecasts')
      .select(['id', 'createdAt', 'asOf', 'scope', 'seed', 'runs', 'polls', 'scenarioName'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, seed: Number(r.seed), runs: Number(r.runs), polls: Number(r.polls) }));
  }

  /** Saved forecasts newest first, after the one keyed (createdAt, id) (a keyset cursor), without their bulk. */
  async page(
    after: readonly [string, string] | null,
    limit: number,
  ): Promise<Array<Omit<StoredForecast, 'input' | 'facts' | 'result'>>> {
    let q = this.db
      .selectFrom('forecasts')
      .select(['id', 'createdAt', 'asOf', 'scope', 'seed', 'runs', 'polls', 'scenarioName'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (after) {
      const [createdAt, id] = after;
      q = q.where((eb) =>
        eb.or([
          eb('createdAt', '<', createdAt),
          eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, seed: Number(r.seed), runs: Number(r.runs), polls: Number(r.polls) }));
  }

  /** The id of the newest saved forecast whose scope is one of `scopes` (any scope when not given). */
  async latestId(scopes?: readonly string[]): Promise<string | undefined> {
    let q = this.db
      .selectFrom('forecasts')
      .select('id')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1);
    if (scopes) q = q.where('scope', 'in', [...scopes]);
    return (await q.executeTakeFirst())?.id;
  }

  async ids(): Promise<string[]> {
    return (await this.db.selectFrom('forecasts').select('id').execute()).map((r) => r.id);
  }
}
