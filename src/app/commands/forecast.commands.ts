/**
 * Forecasts of who controls which council after each coming poll, down to the factions inside each group:
 * the registry's facts gathered into the forecast engine's input, baseline and scenario runs across worker
 * threads, saved with their inputs and seed; membership surges; and calibration and backtests.
 * docs/forecast.md describes the model and every JSON shape.
 */
import { createHash, randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { activeOn, addDays, type IsoDate } from '../../domain/dates.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Nation, Organization } from '../../domain/model.js';
import { createRandom } from '../../domain/random.js';
import { closest } from '../../domain/similar.js';
import {
  type CouncilState,
  DEFAULT_CALIBRATION,
  eventsOf,
  scoreEvents,
  syntheticCalibration,
} from '../../engines/forecast/calibration.engine.js';
import {
  buildModel,
  type FactsCouncil,
  type FactsHolding,
  type FactsLocalParty,
  type FactsWard,
  type ForecastFacts,
  INDEPENDENT,
  type ModelChanges,
} from '../../engines/forecast/forecast.builder.js';
import {
  type ForecastParameters,
  layoutOf,
  PARAMETER_NAMES,
  resolveParameters,
} from '../../engines/forecast/forecast.model.js';
import { runForecast } from '../../engines/forecast/forecast.pool.js';
import {
  type Pathway,
  type PollForecast,
  pollingCouncils,
  summarize,
  topPathways,
} from '../../engines/forecast/forecast.summary.js';
import {
  attributeSurge,
  type ChosenCandidate,
  estimateShares,
  type SurgeScore,
  surgeScores,
} from '../../engines/forecast/membership.engine.js';
import {
  compileCouncilSchedule,
  councilPolls,
  defaultCouncilSchedule,
  type SelectionCalendarEntry,
  selectionCalendar,
} from '../../engines/timetable/index.js';
import type { Store } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import type { Actor } from './accounts.commands.js';
import { controlOn, findCouncil } from './control.commands.js';
import { sittingSeatTerms } from './timetable.commands.js';

/** Last year the timetable engine knows polling days for. */
const LAST_TIMETABLE_YEAR = 2050;
/** How far back a ward's last result, and the selections that reveal a local party's balance, are looked for. */
const RESULT_YEARS = 8;
const SELECTION_YEARS = 5;

export interface GatheredFacts {
  facts: ForecastFacts;
  /** Display names of councils, parties, factions and local parties. */
  names: Record<string, string>;
  surges: SurgeScore[];
  /** For each local party: the wards (posts) where it selects its party's candidates. */
  wardsOfLocal: Map<string, string[]>;
  /** The sitting councillors, with their next poll (null if none scheduled). */
  sitting: Array<{
    personId: string;
    personName: string;
    councilId: string;
    postId: string;
    partyId: string | null;
    factionId: string | null;
    nextPoll: IsoDate | null;
    termEnd: IsoDate | null;
  }>;
  councils: Organization[];
}

function isProportional(c: Organization): boolean {
  return (
    c.councilType === 'SCO' ||
    c.councilType === 'NID' ||
    c.nation === 'scotland' ||
    c.nation === 'northern-ireland'
  );
}

function scheduleOf(c: Organization) {
  return compileCouncilSchedule(
    defaultCouncilSchedule({
      id: c.id,
      nation: (c.nation ?? 'england') as Nation,
      councilType: c.councilType,
      electionScheme: c.electionScheme,
    }),
  );
}

/**
 * Everything the forecast reads from the registry on `asOf`, for one council or all: the next `polls`
 * ordinary polling days, seats up in each ward at each, sitting councillors (party, faction, next poll,
 * recorded selections), each ward's last result, local parties' faction balance and membership surges.
 */
export async function gatherFacts(
  store: Store,
  asOf: IsoDate,
  options: { councilId?: string; polls: number },
): Promise<GatheredFacts> {
  const q = store.query;
  const fr = store.forecast;
  const councilId = options.councilId;
  const councils = (
    councilId ? [(await q.organization(councilId))!] : await q.organizations('council')
  ).filter((c) => activeOn(c.foundingDate, c.dissolutionDate, asOf));
  if (councils.length === 0) {
    throw new InvalidInputError(
      councilId
        ? `council ${councilId} did not exist on ${asOf}`
        : `the registry holds no councils on ${asOf}`,
      { where: councilId ? '--council' : 'registry', rule: 'no-councils' },
    );
  }
  const councilSet = new Set(councils.map((c) => c.id));
  const posts = (councilId ? await q.postsOfCouncil(councilId) : await q.allPosts()).filter(
    (p) => councilSet.has(p.councilId) && activeOn(p.validFrom, p.validTo, asOf),
  );
  const postsByCouncil = new Map<string, typeof posts>();
  for (const p of posts) postsByCouncil.set(p.councilId, [...(postsByCouncil.get(p.councilId) ?? []), p]);

  // The coming polling days: the first `polls` distinct dates after asOf across the councils.
  const fromYear = Number(asOf.slice(0, 4));
  const schedules = new Map(councils.map((c) => [c.id, scheduleOf(c)]));
  const dates = new Set<IsoDate>();
  if (fromYear <= LAST_TIMETABLE_YEAR) {
    for (const c of councils) {
      if (!postsByCouncil.has(c.id)) continue;
      for (const p of councilPolls(schedules.get(c.id)!, fromYear, LAST_TIMETABLE_YEAR))
        if (p.date > asOf) dates.add(p.date);
    }
  }
  const polls = [...dates].sort().slice(0, options.polls);
  if (polls.length === 0) {
    throw new InvalidInputError(
      `no ordinary polls are due after ${asOf} for ${councilId ?? 'any council in the registry'} (the timetable runs to ${LAST_TIMETABLE_YEAR})`,
      { where: councilId ? '--council' : 'registry', rule: 'no-polls' },
    );
  }
  const pollIndex = new Map(polls.map((d, i) => [d, i]));
  const lastYear = Number(polls[polls.length - 1]!.slice(0, 4));
  const seatsUp = new Map<string, number[]>();
  for (const c of councils) {
    const wards = postsByCouncil.get(c.id) ?? [];
    for (const p of councilPolls(
      schedules.get(c.id)!,
      fromYear,
      lastYear,
      wards.map((w) => ({ id: w.id, seats: w.seats, validFrom: w.validFrom, validTo: w.validTo })),
    )) {
      const t = pollIndex.get(p.date);
      if (t === undefined) continue;
      for (const w of p.wards ?? []) {
        const up = seatsUp.get(w.wardId) ?? new Array<number>(polls.length).fill(0);
        up[t] = w.seatsUp;
        seatsUp.set(w.wardId, up);
      }
    }
  }

  const { holdings, terms } = await sittingSeatTerms(q, asOf, councilId);
  const sitting = holdings.map((h, i) => ({
    personId: h.personId,
    personName: h.personName,
    councilId: h.councilId,
    postId: h.postId,
    partyId: h.partyId,
    factionId: h.factionId,
    nextPoll: terms[i]?.nextPoll ?? null,
    termEnd: terms[i]?.termEnd ?? null,
  }));

  // Each ward's last contest: the latest ordinary ballot, else the latest by-election.
  const results = await fr.results(addDays(asOf, -366 * RESULT_YEARS), addDays(asOf, 1), councilId);
  const lastBallot = new Map<string, { date: IsoDate; ordinary: boolean; ballotId: string }>();
  for (const r of results) {
    const cur = lastBallot.get(r.postId);
    const ordinary = !r.byElection;
    if (!cur || (ordinary && !cur.ordinary) || (ordinary === cur.ordinary && r.date > cur.date)) {
      lastBallot.set(r.postId, { date: r.date, ordinary, ballotId: r.ballotId });
    }
  }
  const votes = new Map<string, Map<string | null, number>>();
  for (const r of results) {
    if (lastBallot.get(r.postId)?.ballotId !== r.ballotId) continue;
    const m = votes.get(r.postId) ?? new Map<string | null, number>();
    m.set(r.partyId, (m.get(r.partyId) ?? 0) + (r.votes ?? 0));
    votes.set(r.postId, m);
  }

  // Selections: recorded outcomes for the coming polls, who selects where, and what they chose.
  const selections = await fr.selections(addDays(asOf, -366 * SELECTION_YEARS), asOf, councilId);
  const recorded = new Map<string, FactsHolding['recorded']>();
  const wardLocal = new Map<string, Map<string, { date: IsoDate; id: string }>>();
  const contested = new Set<string>();
  for (const s of selections) if (!s.chosen) contested.add(s.selectionId);
  const chosenBy = new Map<
    string,
    Array<{ personId: string; weight: number; sitting: boolean; date: IsoDate }>
  >();
  for (const s of selections) {
    if (s.sitting && s.pollDate > asOf) {
      recorded.set(
        `${s.personId}|${s.postId}|${s.pollDate}`,
        !s.soughtReselection ? 'retiring' : s.chosen ? 'reselected' : 'deselected',
      );
    }
    if (s.localPartyId) {
      const m = wardLocal.get(s.postId) ?? new Map<string, { date: IsoDate; id: string }>();
      const cur = m.get(s.partyId);
      if (!cur || s.date >= cur.date) m.set(s.partyId, { date: s.date, id: s.localPartyId });
      wardLocal.set(s.postId, m);
      if (s.chosen) {
        const list = chosenBy.get(s.localPartyId) ?? [];
        list.push({
          personId: s.personId,
          weight: contested.has(s.selectionId) ? 2 : 1,
          sitting: s.sitting,
          date: s.date,
        });
        chosenBy.set(s.localPartyId, list);
      }
    }
  }

  const parties = await q.organizations('party');
  const factions = (await q.organizations('faction')).filter((f) => f.parentId);
  const locals = (await q.organizations('local-party')).filter(
    (l) => l.parentId && activeOn(l.foundingDate, l.dissolutionDate, asOf),
  );
  // Local parties by (party, area), to find the one covering a ward that no selection has named.
  const localByArea = new Map(locals.map((l) => [`${l.parentId}|${l.areaId}`, l.id]));
  const parents = await fr.areaParents();
  const partyIds = new Set(parties.map((p) => p.id));
  const localParties = (post: (typeof posts)[number]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [party, v] of wardLocal.get(post.id) ?? []) out[party] = v.id;
    for (const party of partyIds) {
      if (out[party]) continue;
      let area: string | null | undefined = post.areaId;
      for (let depth = 0; area && depth < 4; depth++) {
        const hit = localByArea.get(`${party}|${area}`);
        if (hit) {
          out[party] = hit;
          break;
        }
        area = parents.get(area);
      }
    }
    return out;
  };

  // National faction balance of each party among its sitting councillors.
  const nationalShares: Record<string, Record<string, number>> = {};
  const partySeats = new Map<string, number>();
  for (const h of holdings) if (h.partyId) partySeats.set(h.partyId, (partySeats.get(h.partyId) ?? 0) + 1);
  for (const f of factions) {
    const n = holdings.filter((h) => h.factionId === f.id).length;
    const total = partySeats.get(f.parentId!) ?? 0;
    const shares = nationalShares[f.parentId!] ?? {};
    shares[f.id] = total > 0 ? n / total : 0;
    nationalShares[f.parentId!] = shares;
  }

  // Membership surges and faction shares of each local party.
  const counts = await q.membershipCounts(locals.map((l) => l.id));
  const countsOf = new Map<string, Array<{ date: IsoDate; count: number }>>();
  for (const c of counts)
    countsOf.set(c.localPartyId, [...(countsOf.get(c.localPartyId) ?? []), { date: c.date, count: c.count }]);
  const surges = surgeScores(
    locals.map((l) => ({ localPartyId: l.id, partyId: l.parentId!, points: countsOf.get(l.id) ?? [] })),
    { asOf },
  );
  const surgeOf = new Map(surges.map((s) => [s.localPartyId, s]));
  const alignment = await q.partyAndFaction(asOf);
  const factionOf = (personId: string) => alignment.get(personId)?.factionId ?? null;
  const localFacts: FactsLocalParty[] = locals.map((l) => {
    const chosen = chosenBy.get(l.id) ?? [];
    const evidence: ChosenCandidate[] = chosen.map((c) => ({
      factionId: factionOf(c.personId),
      weight: c.weight,
    }));
    let shares = estimateShares(nationalShares[l.parentId!] ?? {}, evidence);
    const surge = surgeOf.get(l.id);
    let growth = 0;
    if (surge?.surge) {
      growth = surge.excess;
      // The new members are credited to the faction of the newcomers the unit has chosen since the surge began.
      const since = surge.since ?? addDays(asOf, -365);
      const slate = new Map<string, number>();
      for (const c of chosen) {
        const f = factionOf(c.personId);
        if (!c.sitting && c.date >= since && f) slate.set(f, (slate.get(f) ?? 0) + 1);
      }
      const top = [...slate.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      if (top) shares = attributeSurge(shares, top[0], surge.excess);
    }
    return { id: l.id, partyId: l.parentId!, shares, growth };
  });

  const wardFacts: FactsWard[] = posts.map((p) => ({
    id: p.id,
    councilId: p.councilId,
    seats: p.seats,
    seatsUp: seatsUp.get(p.id) ?? new Array<number>(polls.length).fill(0),
    result: [...(votes.get(p.id) ?? new Map()).entries()].map(([partyId, v]) => ({
      partyId: partyId && partyIds.has(partyId) ? partyId : null,
      votes: v,
    })),
    localParties: localParties(p),
  }));
  const wardsOfLocal = new Map<string, string[]>();
  for (const w of wardFacts) {
    for (const lp of Object.values(w.localParties))
      wardsOfLocal.set(lp, [...(wardsOfLocal.get(lp) ?? []), w.id]);
  }
  const holdingFacts: FactsHolding[] = sitting.map((h) => {
    const t =
      h.nextPoll === null
        ? null
        : (pollIndex.get(h.nextPoll) ?? (h.nextPoll > polls[polls.length - 1]! ? -1 : null));
    return {
      postId: h.postId,
      partyId: h.partyId && partyIds.has(h.partyId) ? h.partyId : null,
      factionId: h.factionId,
      nextPoll: t,
      recorded: h.nextPoll ? (recorded.get(`${h.personId}|${h.postId}|${h.nextPoll}`) ?? null) : null,
    };
  });
  const councilFacts: FactsCouncil[] = councils
    .filter((c) => postsByCouncil.has(c.id))
    .map((c) => ({
      id: c.id,
      councilType: c.councilType,
      region: c.region,
      proportional: isProportional(c),
    }));

  const names: Record<string, string> = { [INDEPENDENT]: 'Independent' };
  for (const o of [...councils, ...parties, ...factions, ...locals]) names[o.id] = o.name;
  return {
    facts: {
      asOf,
      polls,
      councils: councilFacts,
      wards: wardFacts,
      holdings: holdingFacts,
      parties: parties.map((p) => p.id),
      factions: factions.map((f) => ({ id: f.id, partyId: f.parentId! })),
      localParties: localFacts,
      nationalShares,
    },
    names,
    surges,
    wardsOfLocal,
    sitting,
    councils,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

const parameterOverrides = z
  .object(Object.fromEntries(PARAMETER_NAMES.map((k) => [k, z.number().optional()])))
  .strict();

const scenarioSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    parameters: parameterOverrides.optional(),
    surges: z
      .array(
        z
          .object({
            localParties: z.array(z.string().min(1)).min(1, 'expected at least one local party'),
            growth: z.number().gt(-1, 'expected growth above -1 (0.3 means +30%)').max(20),
            faction: z.string().min(1).nullable().optional(),
          })
          .strict(),
      )
      .optional(),
    factionShares: z
      .array(
        z
          .object({ localParty: z.string().min(1), shares: z.record(z.string(), z.number().min(0).max(1)) })
          .strict(),
      )
      .optional(),
    partyShift: z.record(z.string(), z.number().min(-5).max(5)).optional(),
  })
  .strict();

export interface Scenario {
  name: string;
  parameters: ForecastParameters;
  overrides: Partial<ForecastParameters>;
  changes: ModelChanges;
}

/**
 * Parses a scenario (JSON text or an object); every error names the file and the JSON path:
 * `scenario.json: surges.0.growth: expected growth above -1 (0.3 means +30%), got -2`.
 */
export function parseScenario(input: string | unknown, where = 'scenario'): Scenario {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      throw new InvalidInputError(`is not valid JSON (${(err as Error).message})`, { where, rule: 'json' });
    }
  }
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    const got = issue.path.reduce<unknown>(
      (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey],
      raw,
    );
    throw new InvalidInputError(
      `${issue.message}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`,
      {
        where: path ? `${where}: ${path}` : where,
        rule: issue.code,
      },
    );
  }
  const s = r.data;
  const overrides = (s.parameters ?? {}) as Partial<ForecastParameters>;
  return {
    name: s.name ?? 'scenario',
    parameters: resolveParameters(overrides, `${where}: parameters.`),
    overrides,
    changes: {
      surges: s.surges?.map((x) => ({ ...x, faction: x.faction ?? null })),
      factionShares: s.factionShares,
      partyShift: s.partyShift,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Forecast

const forecastInput = z
  .object({
    council: z.string().trim().min(1).optional(),
    national: z.boolean().optional(),
    polls: z.coerce
      .number()
      .int()
      .min(1, 'expected at least 1 poll')
      .max(12, 'expected at most 12 polls')
      .default(4),
    runs: z.coerce
      .number()
      .int('expected a whole number of runs')
      .min(1, 'expected at least 1 run')
      .max(1_000_000, 'expected at most 1,000,000 runs')
      .default(10_000),
    seed: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
    asOf: isoDate.optional(),
    workers: z.coerce.number().int().min(0).max(64).optional(),
    scenario: z.unknown().optional(),
    scenarioFile: z.string().optional(),
    save: z.boolean().default(true),
    allCouncils: z.boolean().default(false),
    /** The id to save under (the API hands it out before the run ends); default a new one. */
    id: z
      .string()
      .regex(/^fc-[A-Za-z0-9-]{1,60}$/, 'expected a forecast id such as fc-20261125120000-0a1b2c')
      .optional(),
  })
  .refine((v) => !(v.council && v.national), {
    message: 'give either --council or --national, not both',
    path: ['national'],
  });

const FORECAST_NAMES = {
  council: '--council',
  national: '--national',
  polls: '--polls',
  runs: '--runs',
  seed: '--seed',
  asOf: '--as-of',
  workers: '--workers',
  scenario: '--scenario',
};

export interface ForecastRun {
  polls: PollForecast[];
  pathways: Record<string, Pathway[]>;
  threads: number;
}

export interface ForecastResult extends ForecastRun {
  id: string | null;
  asOf: IsoDate;
  scope: string;
  seed: number;
  runs: number;
  parameters: ForecastParameters;
  scenario: { name: string; overrides: Partial<ForecastParameters>; changes: ModelChanges } | null;
  baseline: ForecastRun | null;
  names: Record<string, string>;
}

/** Runs the model over gathered facts: one run set, summarized, with the top control pathways per council. */
export async function simulateFacts(
  facts: ForecastFacts,
  params: ForecastParameters,
  changes: ModelChanges,
  opts: {
    runs: number;
    seed: number;
    workers?: number;
    label: string;
    ctx?: AppContext;
    signal?: AbortSignal;
    allCouncils?: boolean;
  },
): Promise<ForecastRun> {
  const { model, labels } = buildModel(facts, changes);
  const result = await runForecast(model, params, {
    runs: opts.runs,
    seed: opts.seed,
    workers: opts.workers,
    pathways: true,
    signal: opts.signal,
    onProgress: (done, total) => opts.ctx?.progress?.(opts.label, done, total),
  });
  const layout = layoutOf(model);
  const pathways: Record<string, Pathway[]> = {};
  if (result.pathways) {
    for (let c = 0; c < model.nCouncils; c++) {
      pathways[labels.councils[c]!] = topPathways(model, layout, labels, result.pathways, c, 3);
    }
  }
  return {
    polls: summarize(model, layout, result.tally, labels, { allCouncils: opts.allCouncils }),
    pathways,
    threads: result.threads,
  };
}

/** A new id for a saved forecast: fc-<UTC time to the second>-<6 random hex digits>. */
export function newForecastId(clock: AppContext['clock']): string {
  return `fc-${clock.now().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomInt(0, 0xffffff).toString(16).padStart(6, '0')}`;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * `caucus forecast`: the probability that each party holds a majority, each faction controls its group and
 * runs the council, and the seats by party and faction, after each of the next polls; nationally, the count
 * of faction-run councils. With a scenario, the scenario and the baseline from the same seed.
 */
export async function forecast(
  ctx: AppContext,
  raw: unknown = {},
  signal?: AbortSignal,
  /** Who asked (the API's token): the save is then audited in the same transaction. */
  actor?: Actor,
): Promise<ForecastResult> {
  const input = parseInput(forecastInput, raw, FORECAST_NAMES);
  const scenario =
    input.scenario === undefined ? null : parseScenario(input.scenario, input.scenarioFile ?? 'scenario');
  const asOf = input.asOf ?? ctx.clock.today();
  const councilId = input.council ? (await findCouncil(ctx.store.query, input.council)).id : undefined;
  const seed = input.seed ?? randomInt(0, 2_147_483_647);
  const gathered = await gatherFacts(ctx.store, asOf, { councilId, polls: input.polls });
  const defaults = resolveParameters();
  const common = {
    runs: input.runs,
    seed,
    workers: input.workers,
    ctx,
    signal,
    allCouncils: input.allCouncils,
  };
  let baseline: ForecastRun | null = null;
  let main: ForecastRun;
  if (scenario) {
    baseline = await simulateFacts(gathered.facts, defaults, {}, { ...common, label: 'forecast (baseline)' });
    main = await simulateFacts(gathered.facts, scenario.parameters, scenario.changes, {
      ...common,
      label: `forecast (${scenario.name})`,
    });
  } else {
    main = await simulateFacts(gathered.facts, defaults, {}, { ...common, label: 'forecast' });
  }
  const result: ForecastResult = {
    id: null,
    asOf,
    scope: councilId ?? 'national',
    seed,
    runs: input.runs,
    parameters: scenario?.parameters ?? defaults,
    scenario: scenario && { name: scenario.name, overrides: scenario.overrides, changes: scenario.changes },
    ...main,
    baseline,
    names: gathered.names,
  };
  if (input.save) {
    const factsText = JSON.stringify(gathered.facts);
    const id = input.id ?? newForecastId(ctx.clock);
    result.id = id;
    await ctx.store.transaction(async (repos) => {
      const saved = {
        id,
        createdAt: ctx.clock.now().toISOString(),
        asOf,
        scope: result.scope,
        seed,
        runs: input.runs,
        polls: gathered.facts.polls.length,
        scenarioName: scenario?.name ?? null,
        input: JSON.stringify({
          asOf,
          council: councilId ?? null,
          polls: input.polls,
          runs: input.runs,
          seed,
          parameters: result.parameters,
          scenario: result.scenario,
          factsDigest: digestOf(factsText),
          counts: {
            councils: gathered.facts.councils.length,
            wards: gathered.facts.wards.length,
            seats: gathered.facts.holdings.length,
            localParties: gathered.facts.localParties.length,
          },
        }),
        facts: gzipSync(factsText).toString('base64'),
        result: JSON.stringify(result),
      };
      await repos.forecast.save(saved);
      if (actor) {
        const { input: inputs, facts: _f, result: _r, ...summary } = saved;
        await repos.accounts.appendAudit({
          at: saved.createdAt,
          actorId: actor.id,
          actorName: actor.name,
          actorRole: actor.role,
          action: 'create',
          recordType: 'forecast',
          recordId: id,
          before: null,
          after: { ...summary, input: JSON.parse(inputs) },
        });
      }
    });
  }
  return result;
}

async function storedForecast(ctx: AppContext, id: string) {
  const row = await ctx.store.forecast.get(id);
  if (!row)
    throw new NotFoundError(
      'forecast',
      id,
      closest(
        id,
        (await ctx.store.forecast.ids()).map((x) => ({ id: x, name: x })),
      ),
    );
  return row;
}

/** `caucus forecast show ID`: a saved forecast as it was made, with its inputs and the digest of the facts it read. */
export async function forecastShow(ctx: AppContext, raw: unknown) {
  const { id } = parseInput(z.object({ id: z.string().trim().min(1) }), raw, { id: 'ID' });
  const row = await storedForecast(ctx, id);
  const input = JSON.parse(row.input) as Record<string, unknown>;
  const facts = JSON.parse(gunzipSync(Buffer.from(row.facts, 'base64')).toString('utf8')) as ForecastFacts;
  if (digestOf(JSON.stringify(facts)) !== input.factsDigest) {
    throw new InvalidInputError('the saved facts do not match their digest', { where: id, rule: 'digest' });
  }
  return { ...(JSON.parse(row.result) as ForecastResult), id: row.id, createdAt: row.createdAt, input };
}

/** The saved facts of a forecast, as the engine read them (for re-running or auditing). */
export async function forecastFactsOf(ctx: AppContext, id: string): Promise<ForecastFacts> {
  const row = await storedForecast(ctx, id);
  return JSON.parse(gunzipSync(Buffer.from(row.facts, 'base64')).toString('utf8')) as ForecastFacts;
}

/** `caucus forecast list`: saved forecasts, newest first. */
export async function forecastList(ctx: AppContext, raw: unknown = {}) {
  const { limit } = parseInput(
    z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    raw,
    {
      limit: '--limit',
    },
  );
  return { forecasts: await ctx.store.forecast.list(limit) };
}

export interface CouncilChange {
  date: IsoDate;
  council: string;
  /** Later minus earlier (b - a, or scenario - baseline), per party or faction; only changes of 0.5 points or more. */
  pPartyMajority: Record<string, number>;
  pFactionRunsCouncil: Record<string, number>;
}

/** Differences between two sets of per-poll forecasts, council by council and nationally (b minus a). */
export function comparePolls(a: PollForecast[], b: PollForecast[]) {
  const councils: CouncilChange[] = [];
  const national: Array<{ date: IsoDate; factionRunCouncilsP50: Record<string, number> }> = [];
  const delta = (x: Record<string, number>, y: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const d = Math.round(((y[k] ?? 0) - (x[k] ?? 0)) * 10000) / 10000;
      if (Math.abs(d) >= 0.005) out[k] = d;
    }
    return out;
  };
  for (const pb of b) {
    const pa = a.find((p) => p.date === pb.date);
    if (!pa) continue;
    for (const cb of pb.councils) {
      const ca = pa.councils.find((c) => c.council === cb.council);
      if (!ca) continue;
      const pm = delta(ca.pPartyMajority, cb.pPartyMajority);
      const fr = delta(ca.pFactionRunsCouncil, cb.pFactionRunsCouncil);
      if (Object.keys(pm).length || Object.keys(fr).length)
        councils.push({ date: pb.date, council: cb.council, pPartyMajority: pm, pFactionRunsCouncil: fr });
    }
    const n: Record<string, number> = {};
    for (const [f, iv] of Object.entries(pb.national.factionRunCouncils)) {
      const d = iv.p50 - (pa.national.factionRunCouncils[f]?.p50 ?? 0);
      if (d !== 0) n[f] = d;
    }
    national.push({ date: pb.date, factionRunCouncilsP50: n });
  }
  return { councils, national };
}

/** `caucus forecast compare A B`: how forecast B differs from forecast A. */
export async function forecastCompare(ctx: AppContext, raw: unknown) {
  const { a, b } = parseInput(z.object({ a: z.string().trim().min(1), b: z.string().trim().min(1) }), raw, {
    a: 'A',
    b: 'B',
  });
  const fa = await forecastShow(ctx, { id: a });
  const fb = await forecastShow(ctx, { id: b });
  return {
    a: {
      id: fa.id,
      asOf: fa.asOf,
      scope: fa.scope,
      seed: fa.seed,
      runs: fa.runs,
      scenario: fa.scenario?.name ?? null,
    },
    b: {
      id: fb.id,
      asOf: fb.asOf,
      scope: fb.scope,
      seed: fb.seed,
      runs: fb.runs,
      scenario: fb.scenario?.name ?? null,
    },
    ...comparePolls(fa.polls, fb.polls),
    names: { ...fa.names, ...fb.names },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Surges

const surgesInput = z.object({ asOf: isoDate.optional(), council: z.string().trim().min(1).optional() });

/**
 * `caucus surges`: local parties whose membership rose faster than their own history and their party's
 * national trend predict, with the faction balance the forecast will use and the sitting councillors whose
 * selections they decide, soonest first.
 */
export async function surges(ctx: AppContext, raw: unknown = {}) {
  const input = parseInput(surgesInput, raw, { asOf: '--as-of', council: '--council' });
  const asOf = input.asOf ?? ctx.clock.today();
  const councilId = input.council ? (await findCouncil(ctx.store.query, input.council)).id : undefined;
  const g = await gatherFacts(ctx.store, asOf, { councilId, polls: 4 });
  const flagged = g.surges.filter((s) => s.surge).sort((a, b) => (b.z ?? 0) - (a.z ?? 0));
  const localFacts = new Map(g.facts.localParties.map((l) => [l.id, l]));
  const orgs = new Map([...(await ctx.store.query.organizations('party'))].map((o) => [o.id, o]));
  const nations = new Map(g.councils.map((c) => [c.id, (c.nation ?? 'england') as Nation]));
  const wardNames = new Map(
    (councilId ? await ctx.store.query.postsOfCouncil(councilId) : await ctx.store.query.allPosts()).map(
      (p) => [p.id, p.label],
    ),
  );
  return {
    asOf,
    method:
      'robust z-score of the last four quarters of log membership growth beyond the party national median, against the unit own median and MAD; surge when z >= 3.5 and the excess is at least 10%',
    scored: g.surges.filter((s) => s.z !== null).length,
    surges: flagged.map((s) => {
      const wards = new Set(g.wardsOfLocal.get(s.localPartyId) ?? []);
      const members = g.sitting.filter((h) => h.partyId === s.partyId && wards.has(h.postId));
      let calendar: SelectionCalendarEntry[] = [];
      if (members.length) {
        calendar = selectionCalendar(
          members.map((h) => ({
            personId: h.personId,
            party: orgs.get(s.partyId)?.ecId ?? s.partyId,
            councilId: h.councilId,
            postId: h.postId,
            nation: nations.get(h.councilId) ?? 'england',
            nextPoll: h.nextPoll,
            termEnd: h.termEnd,
          })),
          { asOf },
        );
      }
      const byPerson = new Map(members.map((h) => [`${h.personId}|${h.postId}`, h]));
      return {
        localParty: { id: s.localPartyId, name: g.names[s.localPartyId] ?? s.localPartyId },
        party: { id: s.partyId, name: g.names[s.partyId] ?? s.partyId },
        latest: s.latest,
        before: s.before,
        growth: round4(s.growth),
        nationalGrowth: round4(s.nationalGrowth),
        excess: round4(s.excess),
        z: s.z === null ? null : round4(s.z),
        since: s.since,
        factionShares: Object.fromEntries(
          Object.entries(localFacts.get(s.localPartyId)?.shares ?? {}).map(([k, v]) => [k, round4(v)]),
        ),
        councillors: calendar.map((e) => {
          const h = byPerson.get(`${e.personId}|${e.postId}`)!;
          return {
            person: { id: e.personId, name: h.personName },
            council: { id: e.councilId, name: g.names[e.councilId] ?? e.councilId },
            ward: { id: e.postId, name: wardNames.get(e.postId) ?? e.postId },
            faction: h.factionId ? { id: h.factionId, name: g.names[h.factionId] ?? h.factionId } : null,
            nextPoll: e.nextPoll,
            selectionOpens: e.selectionOpens,
            selectionCloses: e.selectionCloses,
            status: e.status,
          };
        }),
      };
    }),
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

// ---------------------------------------------------------------------------------------------------------
// Calibration and backtest

const calibrateInput = z.object({
  histories: z.coerce.number().int().min(1, 'expected at least 1 history').max(1000).default(40),
  runs: z.coerce.number().int().min(1, 'expected at least 1 run').max(100_000).default(400),
  seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
  workers: z.coerce.number().int().min(0).max(64).optional(),
});

/**
 * `caucus forecast calibrate`: synthetic histories from the default parameters, forecast from earlier polls
 * with the same parameters, scored (Brier, skill against "no change", reliability, interval coverage) with
 * bootstrap intervals by year and council.
 */
export async function calibrate(raw: unknown = {}, progress?: AppContext['progress']) {
  const input = parseInput(calibrateInput, raw, {
    histories: '--histories',
    runs: '--runs',
    seed: '--seed',
    workers: '--workers',
  });
  const params = resolveParameters();
  const scores = await syntheticCalibration(params, {
    histories: input.histories,
    runs: input.runs,
    seed: input.seed,
    // Each forecast is small: threads would cost more to start than they save.
    workers: input.workers ?? 0,
    onProgress: (done, total) => progress?.('calibrating', done, total),
  });
  return {
    kind: 'calibration' as const,
    description: `${input.histories} synthetic histories of ${DEFAULT_CALIBRATION.world.councils} councils over ${DEFAULT_CALIBRATION.world.polls} yearly polls, made with the default parameters; each forecast ${DEFAULT_CALIBRATION.horizon} polls ahead from polls ${DEFAULT_CALIBRATION.origins.join(', ')} with ${input.runs} runs; 95% intervals from ${DEFAULT_CALIBRATION.replicates} bootstrap replicates resampling years and councils`,
    seed: input.seed,
    parameters: params,
    ...scores,
  };
}

const backtestInput = z.object({
  asOf: isoDate.optional(),
  polls: z.coerce.number().int().min(1).max(12).default(3),
  runs: z.coerce.number().int().min(1, 'expected at least 1 run').max(1_000_000).default(2000),
  seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
  workers: z.coerce.number().int().min(0).max(64).optional(),
});

function stateOf(
  control: Awaited<ReturnType<typeof controlOn>>['control'][number] | undefined,
  partyIndex: Map<string, number>,
  factionIndex: Map<string, number>,
): CouncilState {
  const st: CouncilState = { partySeats: new Map(), factionSeats: new Map(), majority: -1 };
  if (!control) return st;
  for (const g of control.groups) {
    const p = partyIndex.get(g.partyId) ?? partyIndex.get(INDEPENDENT)!;
    st.partySeats.set(p, (st.partySeats.get(p) ?? 0) + g.seats);
    for (const f of g.factions) {
      const fi = f.factionId === null ? undefined : factionIndex.get(f.factionId);
      if (fi !== undefined) st.factionSeats.set(fi, (st.factionSeats.get(fi) ?? 0) + f.seats);
    }
  }
  if (control.majorityParty) st.majority = partyIndex.get(control.majorityParty) ?? -1;
  return st;
}

/**
 * `caucus forecast backtest`: forecasts the registry's own history from an earlier day (default four years
 * ago) and scores the forecast against the control the registry records after each poll since.
 */
export async function backtest(ctx: AppContext, raw: unknown = {}) {
  const input = parseInput(backtestInput, raw, {
    asOf: '--as-of',
    polls: '--polls',
    runs: '--runs',
    seed: '--seed',
    workers: '--workers',
  });
  const today = ctx.clock.today();
  const asOf = input.asOf ?? addDays(today, -4 * 365);
  if (asOf >= today)
    throw new InvalidInputError(`expected a day before today (${today})`, { where: '--as-of', rule: 'past' });
  const g = await gatherFacts(ctx.store, asOf, { polls: input.polls });
  const polls = g.facts.polls.filter((d) => d <= today);
  if (polls.length === 0) {
    throw new InvalidInputError(
      `no ordinary poll has been held between ${asOf} and ${today} to score against`,
      {
        where: '--as-of',
        rule: 'no-polls',
      },
    );
  }
  const facts = {
    ...g.facts,
    polls,
    wards: g.facts.wards.map((w) => ({ ...w, seatsUp: w.seatsUp.slice(0, polls.length) })),
  };
  facts.holdings = facts.holdings.map((h) => ({
    ...h,
    nextPoll: h.nextPoll !== null && h.nextPoll >= polls.length ? -1 : h.nextPoll,
  }));
  const { model, labels } = buildModel(facts);
  const layout = layoutOf(model);
  const run = await runForecast(model, resolveParameters(), {
    runs: input.runs,
    seed: input.seed,
    workers: input.workers,
    onProgress: (done, total) => ctx.progress?.('backtest', done, total),
  });
  const partyIndex = new Map(labels.parties.map((p, i) => [p, i]));
  const factionIndex = new Map(labels.factions.map((f, i) => [f, i]));
  const at = async (day: IsoDate) => {
    const { control } = await controlOn(ctx.store.query, day);
    const byId = new Map(control.map((c) => [c.councilId, c]));
    return labels.councils.map((id) => stateOf(byId.get(id), partyIndex, factionIndex));
  };
  const origin = await at(asOf);
  const observed: CouncilState[][] = [];
  for (const d of polls) observed.push(await at(d));
  const { events, intervals } = eventsOf(
    model,
    layout,
    run.tally,
    origin,
    observed,
    { year: (t) => polls[t]!, council: (c) => labels.councils[c]! },
    createRandom(input.seed),
    pollingCouncils(model, layout),
  );
  return {
    kind: 'backtest' as const,
    description: `forecast from ${asOf} with the default parameters (${input.runs} runs, seed ${input.seed}) of the councils polling on ${polls.join(', ')}, scored against the control the registry records on those days; 95% intervals from 200 bootstrap replicates resampling polling days and councils`,
    asOf,
    polls,
    seed: input.seed,
    ...scoreEvents(events, intervals, { seed: input.seed }),
  };
}
