/**
 * Collects the sample's records as the simulation makes them: sequential ids, the one generated source on
 * every fact, day numbers turned into ISO dates once each, and helpers that open and close memberships.
 */
import { fromDayNumber } from '../../domain/dates.js';
import {
  type CaucusEvent,
  type EventType,
  emptySnapshot,
  type Membership,
  type Nation,
  type Person,
  type Reason,
  type RegistrySnapshot,
  type Role,
} from '../../domain/model.js';
import type { Random } from '../../domain/random.js';
import {
  GIVEN_NAMES,
  IRISH_GIVEN_NAMES,
  IRISH_SURNAMES,
  SCOTTISH_GIVEN_NAMES,
  SCOTTISH_SURNAMES,
  SURNAMES,
  WELSH_GIVEN_NAMES,
  WELSH_SURNAMES,
} from './names.data.js';

const ISO_BASE = -11_000; // 1939-11-13: earlier than any date the sample writes
const ISO_SPAN = 50_000; // to 2076

export class RecordsBuilder {
  readonly out: RegistrySnapshot = emptySnapshot();
  private readonly isoCache: string[] = new Array<string>(ISO_SPAN).fill('');
  private personSeq = 0;
  private membershipSeq = 0;
  private candidacySeq = 0;
  private eventSeq = 0;
  private countSeq = 0;

  constructor(
    readonly sourceId: string,
    readonly todayDay: number,
  ) {}

  /** The ISO date of a day number, cached: the sample writes a few thousand distinct days a million times. */
  iso(day: number): string {
    const i = day - ISO_BASE;
    if (i < 0 || i >= ISO_SPAN) return fromDayNumber(day);
    let s = this.isoCache[i]!;
    if (s === '') {
      s = fromDayNumber(day);
      this.isoCache[i] = s;
    }
    return s;
  }

  person(rng: Random, nation: Nation): Person {
    const local = rng.next() < 0.4;
    const givenPool =
      local && nation === 'wales'
        ? WELSH_GIVEN_NAMES
        : local && nation === 'scotland'
          ? SCOTTISH_GIVEN_NAMES
          : nation === 'northern-ireland' && rng.next() < 0.7
            ? IRISH_GIVEN_NAMES
            : GIVEN_NAMES;
    const familyPool =
      local && nation === 'wales'
        ? WELSH_SURNAMES
        : local && nation === 'scotland'
          ? SCOTTISH_SURNAMES
          : nation === 'northern-ireland'
            ? IRISH_SURNAMES
            : SURNAMES;
    const givenName = givenPool[rng.int(givenPool.length)]!;
    const familyName = familyPool[rng.int(familyPool.length)]!;
    const p: Person = {
      id: `person:${++this.personSeq}`,
      sourceId: this.sourceId,
      name: `${givenName} ${familyName}`,
      givenName,
      familyName,
      honorificPrefix: null,
    };
    this.out.persons.push(p);
    return p;
  }

  membership(
    personId: string,
    organizationId: string,
    role: Role,
    startDay: number,
    startReason: Reason | null,
    extra: { postId?: string; label?: string; onBehalfOfId?: string | null } = {},
  ): Membership {
    const m: Membership = {
      id: `membership:${++this.membershipSeq}`,
      sourceId: this.sourceId,
      personId,
      organizationId,
      postId: extra.postId ?? null,
      role,
      label: extra.label ?? null,
      onBehalfOfId: extra.onBehalfOfId ?? null,
      startDate: this.iso(startDay),
      endDate: null,
      startReason,
      endReason: null,
    };
    this.out.memberships.push(m);
    return m;
  }

  /** Closes an open membership; a membership already closed keeps its first end. */
  end(m: Membership | null, day: number, reason: Reason | null): void {
    if (!m || m.endDate !== null) return;
    m.endDate = this.iso(day);
    m.endReason = reason;
  }

  candidacyId(): string {
    return `candidacy:${++this.candidacySeq}`;
  }

  countId(): string {
    return `count:${++this.countSeq}`;
  }

  event(
    type: EventType,
    day: number,
    title: string,
    refs: { councilId?: string | null; organizationId?: string | null; personId?: string | null },
    details: Record<string, unknown>,
  ): CaucusEvent {
    const e: CaucusEvent = {
      id: `event:${++this.eventSeq}`,
      sourceId: this.sourceId,
      type,
      date: this.iso(day),
      title,
      councilId: refs.councilId ?? null,
      organizationId: refs.organizationId ?? null,
      personId: refs.personId ?? null,
      details,
    };
    this.out.events.push(e);
    this.out.citations.push({
      factType: 'event',
      factId: e.id,
      sourceId: this.sourceId,
      quote: `${title} (generated bulletin, ${e.date}).`,
      quoteStart: null,
      quoteEnd: null,
    });
    return e;
  }
}
