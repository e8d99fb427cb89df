/**
 * Turning one accepted claim into registry facts, each citing the article with the evidence quote. Before
 * creating a fact it looks for an equivalent one (the same membership active on the day, the same event
 * within EVENT_WINDOW_DAYS), so the same claim from two articles is one fact with two sources.
 */
import { randomUUID } from 'node:crypto';
import { activeOn, addDays, type IsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type {
  CaucusEvent,
  EventType,
  FactType,
  Membership,
  MotionType,
  Organization,
  Person,
  Role,
  Selection,
} from '../../domain/model.js';
import { organization as newOrganization } from '../../domain/model.js';
import type { EntityType } from '../../engines/extraction/index.js';
import type { WithVersion } from '../../store/repositories/facts.repo.js';
import type { Repositories } from '../../store/store.js';

/** Two reports of the same event may be dated by their publication days: this far apart they are one event. */
export const EVENT_WINDOW_DAYS = 90;

export interface FactRef {
  type: FactType;
  id: string;
  /** created: new record; updated: an existing record changed (e.g. a party membership ended); confirmed: cited only. */
  action: 'created' | 'updated' | 'confirmed';
  title: string;
}

export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** Writes one audit entry per created or changed record (the API's audit trail covers review too). */
export type AuditFn = (
  action: 'create' | 'update',
  kind: string,
  id: string,
  before: unknown,
  after: unknown,
) => Promise<void>;

/** Creates and cites facts for one accept; every write goes through the accept's transaction. */
export class FactWriter {
  readonly facts: FactRef[] = [];

  constructor(
    readonly repos: Repositories,
    readonly sourceId: string,
    readonly quote: Quote,
    private readonly audit: AuditFn,
  ) {}

  /** Cites a fact with the article and the quote (once per fact, source and quote) and records it. */
  async cite(type: FactType, id: string, action: FactRef['action'], title: string): Promise<void> {
    const known = this.facts.find((f) => f.type === type && f.id === id);
    if (!known) this.facts.push({ type, id, action, title });
    else if (known.action === 'confirmed' && action !== 'confirmed') known.action = action;
    const citation = {
      factType: type,
      factId: id,
      sourceId: this.sourceId,
      quote: this.quote.text,
      quoteStart: this.quote.start,
      quoteEnd: this.quote.end,
    };
    if (!(await this.repos.facts.hasCitation(citation))) await this.repos.facts.insertCitation(citation);
  }

  async createPerson(name: string): Promise<Person> {
    const words = name.trim().split(/\s+/);
    const person: Person = {
      id: `person:${randomUUID()}`,
      sourceId: this.sourceId,
      name: name.trim(),
      givenName: words.length > 1 ? words.slice(0, -1).join(' ') : null,
      familyName: words[words.length - 1] ?? null,
      honorificPrefix: null,
    };
    await this.repos.records.insert('persons', person);
    await this.audit('create', 'person', person.id, null, person);
    await this.cite('person', person.id, 'created', person.name);
    return person;
  }

  async createFaction(name: string, parentId: string | null): Promise<Organization> {
    const org: Organization = newOrganization({
      id: `faction:${randomUUID()}`,
      sourceId: this.sourceId,
      classification: 'faction',
      name: name.trim(),
      parentId,
    });
    await this.repos.facts.insertOrganization(org);
    await this.audit('create', 'organization', org.id, null, org);
    await this.cite('organization', org.id, 'created', org.name);
    return org;
  }

  async createMembership(m: Omit<Membership, 'id' | 'sourceId'>, title: string): Promise<string> {
    const record: Membership = { id: `membership:${randomUUID()}`, sourceId: this.sourceId, ...m };
    await this.repos.records.insert('memberships', record);
    await this.audit('create', 'membership', record.id, null, record);
    await this.cite('membership', record.id, 'created', title);
    return record.id;
  }

  async updateMembership(
    before: WithVersion<Membership>,
    changes: Partial<Membership>,
    title: string,
  ): Promise<void> {
    const ok = await this.repos.records.update('memberships', before.id, before.version, changes);
    if (!ok)
      throw new InvalidInputError(`membership "${before.id}" changed while this accept ran; try again`);
    const { version, ...rest } = before;
    await this.audit('update', 'membership', before.id, before, {
      ...rest,
      ...changes,
      version: version + 1,
    });
    await this.cite('membership', before.id, 'updated', title);
  }

  async createEvent(e: Omit<CaucusEvent, 'id' | 'sourceId'>): Promise<string> {
    const record: CaucusEvent = { id: `event:${randomUUID()}`, sourceId: this.sourceId, ...e };
    await this.repos.records.insert('events', record);
    await this.audit('create', 'event', record.id, null, record);
    await this.cite('event', record.id, 'created', record.title);
    return record.id;
  }

  async createSelection(s: Omit<Selection, 'id' | 'sourceId'>, title: string): Promise<string> {
    const record: Selection = { id: `selection:${randomUUID()}`, sourceId: this.sourceId, ...s };
    await this.repos.records.insert('selections', record);
    await this.audit('create', 'selection', record.id, null, record);
    await this.cite('selection', record.id, 'created', title);
    return record.id;
  }
}

/** What the fact builders need: the claim after edits, its arguments' registry ids and the day. */
export interface ClaimFacts {
  type: string;
  /** The claim's names (after edits), by argument: `subject`, `party`, `supported_by` ... */
  names: Record<string, unknown>;
  /** Registry ids of linked arguments: `subject`, `party`, `supported_by.0` ... */
  ids: Map<string, string>;
  /** Entity type of each linked argument. */
  types: Map<string, EntityType>;
  /** The day facts are dated: --edit date, else the article's published date. */
  date: IsoDate | null;
  /** --edit start / end: an office's or alignment's own dates, when the article gives them. */
  start: IsoDate | null;
  end: IsoDate | null;
  pollDate: IsoDate | null;
  /** The one council the article is about, used when the claim names none. */
  articleCouncilId: string | null;
}

const need = (message: string, where: string): InvalidInputError =>
  new InvalidInputError(message, { where, rule: 'required' });

function dayOf(c: ClaimFacts): IsoDate {
  if (!c.date)
    throw need(
      'the article has no published date, so the fact has no day: accept with --edit date=YYYY-MM-DD',
      '--edit date',
    );
  return c.date;
}

const listIds = (c: ClaimFacts, argument: string): string[] =>
  [...c.ids.entries()]
    .filter(([k]) => k.startsWith(`${argument}.`))
    .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(([, v]) => v);

const nameOf = (c: ClaimFacts, argument: string): string => String(c.names[argument] ?? '');

/** The council the claim is about: its council, an organization that is a council, else the article's. */
function councilOf(c: ClaimFacts): string | null {
  if (c.ids.has('council')) return c.ids.get('council')!;
  if (c.types.get('organization') === 'council' && c.ids.has('organization'))
    return c.ids.get('organization')!;
  if (c.types.get('subject') === 'council' && c.ids.has('subject')) return c.ids.get('subject')!;
  return c.articleCouncilId;
}

async function partyOn(repos: Repositories, personId: string, day: IsoDate): Promise<string | null> {
  const active = (await repos.facts.partyMemberships(personId)).filter((m) =>
    activeOn(m.startDate, m.endDate, day),
  );
  return active.length === 1 ? active[0]!.organizationId : null;
}

async function postOf(
  repos: Repositories,
  councilId: string | null,
  wardId: string | undefined,
  day: IsoDate,
) {
  if (!councilId || !wardId) return null;
  const posts = await repos.facts.posts(councilId, wardId);
  return (posts.find((p) => activeOn(p.validFrom, p.validTo, day)) ?? posts[posts.length - 1])?.id ?? null;
}

async function organization(repos: Repositories, id: string | undefined): Promise<Organization | undefined> {
  return id ? repos.query.organization(id) : undefined;
}

/** Finds an event of the same kind about the same record within the window around `day`. */
async function sameEvent(
  repos: Repositories,
  type: EventType,
  about: { personId?: string | null; organizationId?: string | null; councilId?: string | null },
  day: IsoDate,
  also: (e: CaucusEvent) => boolean = () => true,
): Promise<CaucusEvent | undefined> {
  const found = await repos.facts.events(
    type,
    about,
    addDays(day, -EVENT_WINDOW_DAYS),
    addDays(day, EVENT_WINDOW_DAYS),
  );
  return found.find(also);
}

async function eventFact(
  w: FactWriter,
  match: CaucusEvent | undefined,
  create: Omit<CaucusEvent, 'id' | 'sourceId'>,
): Promise<string> {
  if (match) {
    await w.cite('event', match.id, 'confirmed', match.title);
    return match.id;
  }
  return w.createEvent(create);
}

/**
 * A membership the claim states (an office or an alignment): an equivalent one held on the day (or open and
 * starting later) is confirmed; a former one must have ended by the day; otherwise a new one is made.
 */
async function membershipFact(
  w: FactWriter,
  c: ClaimFacts,
  m: {
    personId: string;
    organizationId: string;
    role: Role;
    label: string | null;
    postId: string | null;
    onBehalfOfId: string | null;
    former: boolean;
  },
  title: string,
): Promise<void> {
  const day = dayOf(c);
  const existing = await w.repos.facts.memberships(m.personId, m.organizationId, m.role);
  const match = m.former
    ? existing.find((e) => e.endDate !== null && e.endDate <= day)
    : existing.find(
        (e) => activeOn(e.startDate, e.endDate, day) || (e.endDate === null && (e.startDate ?? '') > day),
      );
  if (match) {
    await w.cite('membership', match.id, 'confirmed', title);
    return;
  }
  if (m.former && (!c.start || !c.end)) {
    throw need(
      'a former office with no matching record needs its dates: --edit start=YYYY-MM-DD --edit end=YYYY-MM-DD (or reject the claim)',
      '--edit start',
    );
  }
  const startDate = c.start ?? day;
  const endDate = c.end;
  if (endDate && endDate < startDate)
    throw new InvalidInputError(`must not be before the start (${startDate}), got "${endDate}"`, {
      where: '--edit end',
      rule: 'date-order',
    });
  await w.createMembership(
    {
      personId: m.personId,
      organizationId: m.organizationId,
      postId: m.postId,
      role: m.role,
      label: m.label,
      onBehalfOfId: m.onBehalfOfId,
      startDate,
      endDate: endDate ?? null,
      startReason: null,
      endReason: null,
    },
    title,
  );
}

const ROLE_OF_OFFICE: Record<string, Role | null> = {
  councillor: 'councillor',
  leader: 'leader',
  deputy_leader: 'deputy-leader',
  mayor: 'mayor',
  lord_mayor: 'lord-mayor',
  cabinet_member: 'cabinet-member',
  chair: 'chair',
  group_leader: 'leader',
  whip: 'whip',
  mp: null,
  other: null,
};

const requirePerson = (c: ClaimFacts, argument = 'subject'): string => {
  const id = c.ids.get(argument);
  if (!id || c.types.get(argument) !== 'person')
    throw need(
      `"${nameOf(c, argument)}" must be a person in the registry: link it with --link ${argument}=ID`,
      `--link ${argument}`,
    );
  return id;
};

async function officeFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  const office = String(c.names.office ?? '');
  const role = ROLE_OF_OFFICE[office];
  if (!role)
    throw new InvalidInputError(
      `the registry holds council offices only; "${office || 'no office'}" is not one (edit it with --edit office=..., or reject the claim)`,
      { where: '--edit office', rule: 'office' },
    );
  const personId = requirePerson(c);
  const day = dayOf(c);
  const councilId = councilOf(c);
  const org = await organization(w.repos, c.ids.get('organization'));
  let organizationId: string | null = null;
  if (office === 'group_leader' || office === 'whip') {
    if (org?.classification === 'party-group') organizationId = org.id;
    else if (councilId) {
      const party = c.ids.get('party') ?? (await partyOn(w.repos, personId, day));
      const groups = await w.repos.facts.partyGroups(councilId, party);
      if (groups.length === 1) organizationId = groups[0]!.id;
      else if (office === 'whip') organizationId = councilId;
    }
  } else if (office === 'councillor') {
    organizationId = councilId;
  } else {
    organizationId = org && org.classification !== 'party' ? org.id : councilId;
  }
  if (!organizationId)
    throw need(
      `an office needs the body it is held in: name the council with --edit council=NAME or --link council=ID${office === 'group_leader' ? ' (or the party group with --link organization=ID)' : ''}`,
      '--link council',
    );
  const postId = role === 'councillor' ? await postOf(w.repos, organizationId, c.ids.get('ward'), day) : null;
  const label = typeof c.names.label === 'string' ? c.names.label : null;
  const subject = nameOf(c, 'subject');
  await membershipFact(
    w,
    c,
    {
      personId,
      organizationId,
      role,
      label: role === 'cabinet-member' && label ? `Cabinet Member for ${label}` : label,
      postId,
      onBehalfOfId: role === 'councillor' ? (c.ids.get('party') ?? null) : null,
      former: c.names.former === true,
    },
    `${subject}: ${c.names.former === true ? 'former ' : ''}${office.replace(/_/g, ' ')}`,
  );
}

async function affiliationFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  if (c.types.get('subject') !== 'person')
    throw new InvalidInputError(
      `the subject "${nameOf(c, 'subject')}" is not a person: the registry records alignments of people only (reject the claim)`,
      { where: 'subject', rule: 'person' },
    );
  const personId = requirePerson(c);
  const argument = ['faction', 'party', 'organization'].find((a) => c.ids.has(a));
  if (!argument)
    throw need(
      'an affiliation needs the faction or party in the registry: --link faction=ID or --link party=ID',
      '--link faction',
    );
  const org = (await organization(w.repos, c.ids.get(argument)))!;
  const role: Role = org.classification === 'faction' ? 'aligned' : 'member';
  await membershipFact(
    w,
    c,
    { personId, organizationId: org.id, role, label: null, postId: null, onBehalfOfId: null, former: false },
    `${nameOf(c, 'subject')}: ${role === 'aligned' ? 'aligned with' : 'member of'} ${org.name}`,
  );
}

async function defectionFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  const personId = requirePerson(c);
  const day = dayOf(c);
  const toPartyId = c.ids.get('to');
  if (!toPartyId)
    throw need('a defection needs the party joined: --edit to=NAME or --link to=ID', '--link to');
  const parties = await w.repos.facts.partyMemberships(personId);
  const fromPartyId =
    c.ids.get('from') ??
    parties.find((m) => m.organizationId !== toPartyId && activeOn(m.startDate, m.endDate, day))
      ?.organizationId ??
    null;
  const subject = nameOf(c, 'subject');
  const title = `${subject} defects${c.names.from ? ` from ${nameOf(c, 'from')}` : ''} to ${nameOf(c, 'to')}`;
  const match = await sameEvent(
    w.repos,
    'defection',
    { personId },
    day,
    (e) => e.details.toPartyId === toPartyId,
  );
  await eventFact(w, match, {
    type: 'defection',
    date: day,
    title,
    councilId: councilOf(c),
    organizationId: null,
    personId,
    details: { fromPartyId, toPartyId },
  });
  const since = match?.date ?? day;
  const near = (d: IsoDate | null) =>
    d !== null && d >= addDays(since, -EVENT_WINDOW_DAYS) && d <= addDays(since, EVENT_WINDOW_DAYS);
  // The party left: end the membership held on the day, or confirm one that ended around the defection.
  if (fromPartyId) {
    const left = parties.filter((m) => m.organizationId === fromPartyId);
    const open = left.find((m) => activeOn(m.startDate, m.endDate, since));
    const ended = left.find((m) => near(m.endDate));
    if (ended)
      await w.cite('membership', ended.id, 'confirmed', `${subject}: left ${nameOf(c, 'from') || 'party'}`);
    else if (open)
      await w.updateMembership(
        open,
        { endDate: since, endReason: 'defected' },
        `${subject}: left ${nameOf(c, 'from') || 'party'}`,
      );
  }
  // The party joined: confirm a membership held around the day, else start one.
  const joined = parties.filter((m) => m.organizationId === toPartyId);
  const held = joined.find((m) => activeOn(m.startDate, m.endDate, since) || near(m.startDate));
  const joinTitle = `${subject}: joined ${nameOf(c, 'to')}`;
  if (held) await w.cite('membership', held.id, 'confirmed', joinTitle);
  else
    await w.createMembership(
      {
        personId,
        organizationId: toPartyId,
        postId: null,
        role: 'member',
        label: null,
        onBehalfOfId: null,
        startDate: since,
        endDate: null,
        startReason: 'defected',
        endReason: null,
      },
      joinTitle,
    );
}

/** The selection for a party's candidates in a ward at the first poll after `day`, if the registry has it. */
async function selectionFor(w: FactWriter, partyId: string, postId: string, day: IsoDate) {
  const all = await w.repos.facts.selections(partyId, postId);
  return all
    .filter((s) => s.pollDate >= day && s.date <= addDays(day, 366))
    .sort((a, b) => a.pollDate.localeCompare(b.pollDate))[0];
}

async function deselectionFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  const personId = requirePerson(c);
  const day = dayOf(c);
  const councilId = councilOf(c);
  const partyId = c.ids.get('party') ?? (await partyOn(w.repos, personId, day));
  const wardId = c.ids.get('ward') ?? null;
  const postId = await postOf(w.repos, councilId, wardId ?? undefined, day);
  const subject = nameOf(c, 'subject');
  const match = await sameEvent(w.repos, 'deselection', { personId }, day);
  await eventFact(w, match, {
    type: 'deselection',
    date: day,
    title: `${subject} deselected${c.names.ward ? ` in ${nameOf(c, 'ward')}` : ''}`,
    councilId,
    organizationId: partyId,
    personId,
    details: {
      partyId,
      areaId: wardId,
      postId,
      actorId: c.ids.get('actor') ?? null,
    },
  });
  // A deselection is a sitting councillor who sought reselection and was not chosen: record it in the
  // selection when the registry has one for that ward and poll.
  if (partyId && postId) {
    const selection = await selectionFor(w, partyId, postId, match?.date ?? day);
    if (selection) {
      const current = await w.repos.facts.selectionCandidate(selection.id, personId);
      const title = `${subject}: not reselected`;
      if (current?.soughtReselection && !current.chosen) {
        await w.cite('selection', selection.id, 'confirmed', title);
      } else {
        await w.repos.facts.putSelectionCandidate({
          selectionId: selection.id,
          personId,
          sitting: true,
          soughtReselection: true,
          chosen: false,
          votes: current?.votes ?? null,
        });
        await w.repos.facts.touch('selections', selection.id);
        await w.cite('selection', selection.id, 'updated', title);
      }
    }
  }
}

async function selectionFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  const personId = requirePerson(c);
  const day = dayOf(c);
  const councilId = councilOf(c);
  const partyId = c.ids.get('party') ?? (await partyOn(w.repos, personId, day));
  if (!partyId)
    throw need('a selection needs the party: --edit party=NAME or --link party=ID', '--link party');
  if (!councilId) throw need('a selection needs the council: --link council=ID', '--link council');
  const postId = await postOf(w.repos, councilId, c.ids.get('ward'), day);
  if (!postId)
    throw need('a selection needs the ward, with a seat on the council: --link ward=ID', '--link ward');
  const subject = nameOf(c, 'subject');
  const title = `${subject} selected${c.names.ward ? ` for ${nameOf(c, 'ward')}` : ''}`;
  const existing = await selectionFor(w, partyId, postId, day);
  const sitting = (await w.repos.facts.memberships(personId, councilId, 'councillor')).some(
    (m) => m.postId === postId && activeOn(m.startDate, m.endDate, day),
  );
  if (existing) {
    const current = await w.repos.facts.selectionCandidate(existing.id, personId);
    if (current?.chosen) {
      await w.cite('selection', existing.id, 'confirmed', title);
      return;
    }
    await w.repos.facts.putSelectionCandidate({
      selectionId: existing.id,
      personId,
      sitting: current?.sitting ?? sitting,
      soughtReselection: current?.soughtReselection ?? sitting,
      chosen: true,
      votes: current?.votes ?? null,
    });
    await w.repos.facts.touch('selections', existing.id);
    await w.cite('selection', existing.id, 'updated', title);
    return;
  }
  const pollDate = c.pollDate ?? (await w.repos.facts.nextOrdinaryPoll(councilId, day));
  if (!pollDate)
    throw need(
      'no poll after this day is recorded for the council: give the poll with --edit pollDate=YYYY-MM-DD',
      '--edit pollDate',
    );
  if (pollDate < day)
    throw new InvalidInputError(`must not be before the selection (${day}), got "${pollDate}"`, {
      where: '--edit pollDate',
      rule: 'date-order',
    });
  const id = await w.createSelection(
    { partyId, localPartyId: null, councilId, postId, pollDate, date: day, method: null },
    title,
  );
  await w.repos.facts.putSelectionCandidate({
    selectionId: id,
    personId,
    sitting,
    soughtReselection: sitting,
    chosen: true,
    votes: null,
  });
}

const MOTION_TYPE: Record<string, MotionType> = {
  pension_divestment: 'pension-divestment',
  budget_refusal: 'budget-refusal',
  council_tax_referendum: 'council-tax-referendum',
  other: 'other',
};

/** The organization an event is about (a party group, a local party), apart from the council. */
function bodyOf(c: ClaimFacts, argument = 'organization'): string | null {
  const type = c.types.get(argument);
  return type && type !== 'council' && type !== 'person' ? (c.ids.get(argument) ?? null) : null;
}

async function otherEventFacts(w: FactWriter, c: ClaimFacts): Promise<void> {
  const day = dayOf(c);
  const subject = nameOf(c, 'subject');
  switch (c.type) {
    case 'resignation': {
      const personId = requirePerson(c);
      const councilId = councilOf(c);
      const organizationId = bodyOf(c);
      const from = nameOf(c, 'organization') || nameOf(c, 'council');
      const match = await sameEvent(w.repos, 'resignation', { personId }, day, (e) =>
        organizationId ? e.organizationId === organizationId || e.organizationId === null : true,
      );
      await eventFact(w, match, {
        type: 'resignation',
        date: day,
        title: `${subject} resigns${from ? ` from ${from}` : ''}`,
        councilId,
        organizationId,
        personId,
        details: {},
      });
      return;
    }
    case 'leadership_election': {
      const winnerId = requirePerson(c);
      const councilId = councilOf(c);
      const organizationId = bodyOf(c);
      const supportedByIds = listIds(c, 'supported_by');
      const match = await sameEvent(
        w.repos,
        'leadership-election',
        organizationId ? { organizationId } : { councilId },
        day,
        (e) => e.details.winnerId === winnerId,
      );
      const of = nameOf(c, 'organization') || nameOf(c, 'council');
      await eventFact(w, match, {
        type: 'leadership-election',
        date: day,
        title: `${subject} elected leader${of ? ` of ${of}` : ''}`,
        councilId,
        organizationId,
        personId: winnerId,
        details: { winnerId, supportedByIds },
      });
      return;
    }
    case 'dependence': {
      const personId = requirePerson(c);
      const onIds = listIds(c, 'on');
      const match = await sameEvent(
        w.repos,
        'other',
        { personId },
        day,
        (e) => e.details.kind === 'dependence',
      );
      const on = Array.isArray(c.names.on) ? (c.names.on as string[]).join(', ') : '';
      await eventFact(w, match, {
        type: 'other',
        date: day,
        title: `${subject} relies on the votes of ${on || 'others'}`,
        councilId: councilOf(c),
        organizationId: null,
        personId,
        details: { kind: 'dependence', onIds },
      });
      return;
    }
    case 'membership_change': {
      const organizationId = c.ids.get('subject');
      if (!organizationId || c.types.get('subject') === 'person')
        throw need(
          'a membership change needs the local party in the registry: --link subject=ID',
          '--link subject',
        );
      const direction = c.names.direction === 'decrease' ? 'decrease' : 'increase';
      const count = typeof c.names.count === 'number' ? c.names.count : null;
      const match = await sameEvent(
        w.repos,
        'other',
        { organizationId },
        day,
        (e) => e.details.kind === 'membership-change' && e.details.direction === direction,
      );
      // Aggregates only: a local party's membership is private, so nothing about any member is stored.
      await eventFact(w, match, {
        type: 'other',
        date: day,
        title: `Membership ${direction} at ${subject}`,
        councilId: null,
        organizationId,
        personId: null,
        details: { kind: 'membership-change', direction, count },
      });
      return;
    }
    case 'motion': {
      const subjectType = c.types.get('subject');
      const subjectId = c.ids.get('subject');
      if (!subjectId)
        throw need('a motion needs the council or body that debated it: --link subject=ID', '--link subject');
      const councilId = subjectType === 'council' ? subjectId : councilOf(c);
      const organizationId = subjectType === 'council' ? null : subjectId;
      const motionType = MOTION_TYPE[String(c.names.topic ?? 'other')] ?? 'other';
      const match = await sameEvent(
        w.repos,
        'motion',
        organizationId ? { organizationId } : { councilId },
        day,
        (e) => e.details.motionType === motionType,
      );
      await eventFact(w, match, {
        type: 'motion',
        date: day,
        title: `Motion on ${motionType.replace(/-/g, ' ')} at ${subject}`,
        councilId,
        organizationId,
        personId: null,
        details: { motionType, result: null },
      });
      return;
    }
  }
}

/** Creates or confirms the facts one accepted claim states; returns what it did. */
export async function applyClaim(w: FactWriter, c: ClaimFacts): Promise<FactRef[]> {
  switch (c.type) {
    case 'office':
      await officeFacts(w, c);
      break;
    case 'affiliation':
      await affiliationFacts(w, c);
      break;
    case 'defection':
      await defectionFacts(w, c);
      break;
    case 'deselection':
      await deselectionFacts(w, c);
      break;
    case 'selection':
      await selectionFacts(w, c);
      break;
    default:
      await otherEventFacts(w, c);
  }
  return w.facts;
}
