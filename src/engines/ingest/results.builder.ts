/**
 * Turns validated candidacy facts (from a Democracy Club CSV or JSON, or an LGA results CSV) into registry
 * records with ids that depend only on the data, so importing the same file twice gives the same records:
 * persons `dc-person:<id>`, elections and ballots keyed by Democracy Club ids, candidacies `<ballot>:<person>`,
 * posts `post:<council-slug>:<gss or ward slug>`, ward areas keyed by GSS code, parties `party:<EC id>`.
 */
import type { IsoDate } from '../../domain/dates.js';
import {
  type Area,
  type Ballot,
  type Candidacy,
  type Election,
  organization,
  type Person,
  type Post,
  type Source,
} from '../../domain/model.js';
import type { CouncilDirectory } from './councils.importer.js';
import type { ElectionId } from './dc-election-id.js';
import { organisationElectionId, slugify } from './dc-election-id.js';
import type { SnapshotBuilder } from './import.common.js';
import { type PartyRef, partyOrganizationId } from './party-label.resolver.js';

export interface CandidacyFacts {
  person: {
    id: string;
    name: string;
    givenName?: string | null;
    familyName?: string | null;
    /** Democracy Club person id, kept as an identifier (scheme democracy-club-person). */
    dcPersonId?: string;
  };
  ballotId: string;
  ballot: ElectionId;
  /** Seats up, when the file says; otherwise inferred from the number elected. */
  seatsContested: number | null;
  cancelled: boolean;
  post: { label: string; gss: string | null };
  /** A party, an independent, or a label Caucus's table does not know (kept as an unregistered party). */
  party: PartyRef | { kind: 'label'; label: string };
  votes: number | null;
  elected: boolean;
}

/** A readable name from a slug: "stocksbridge-upper-don" -> "Stocksbridge Upper Don". */
export function humaniseSlug(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

export class ElectionRecords {
  private readonly electionHasOrdinary = new Map<string, boolean>();
  private readonly ballotsWithoutSeats = new Set<string>();
  private readonly electedCount = new Map<string, number>();
  private readonly placeholderCouncils = new Set<string>();
  private readonly unknownLabels = new Set<string>();
  private readonly partyIds = new Map<string, string>();
  // Keyed by the raw cells (ballot id, Democracy Club person id), which need no string building per row.
  private readonly standing = new Map<string, Set<string>>();
  private readonly people = new Set<string>();

  constructor(
    private readonly b: SnapshotBuilder,
    private readonly source: Source,
    private readonly councils: CouncilDirectory | undefined,
  ) {}

  /** The registry council for a Democracy Club organisation slug on a date, or a placeholder `council:<slug>`. */
  council(slug: string, date: IsoDate): { id: string; areaId: string | null } {
    const found = this.councils?.bySlug(slug, date);
    if (found) return { id: found.id, areaId: found.areaId };
    const id = `council:${slug}`;
    if (!this.b.has('organizations', id)) {
      this.placeholderCouncils.add(slug);
      this.b.add(
        'organizations',
        organization({ id, sourceId: this.source.id, classification: 'council', name: humaniseSlug(slug) }),
        true,
      );
    }
    return { id, areaId: null };
  }

  private addBallot(f: CandidacyFacts): Ballot {
    const orgSlug = f.ballot.organisation!;
    const council = this.council(orgSlug, f.ballot.date);
    const divSlug = f.ballot.division ?? orgSlug;
    const areaId = f.post.gss ?? `area:${orgSlug}:${divSlug}`;
    this.b.add<Area>(
      'areas',
      {
        id: areaId,
        sourceId: this.source.id,
        type: f.post.gss?.startsWith('E58') ? 'division' : 'ward',
        name: f.post.label,
        gss: f.post.gss,
        parentId: council.areaId,
        validFrom: null,
        validTo: null,
      },
      true,
    );
    const postId = `post:${orgSlug}:${f.post.gss ?? divSlug}`;
    const post = this.b.add<Post>(
      'posts',
      {
        id: postId,
        sourceId: this.source.id,
        councilId: council.id,
        areaId,
        label: f.post.label,
        seats: f.seatsContested ?? 1,
        validFrom: null,
        validTo: null,
      },
      true,
    );
    if (f.seatsContested !== null && f.seatsContested > post.seats) post.seats = f.seatsContested;

    const electionId = organisationElectionId(f.ballot);
    this.b.add<Election>('elections', {
      id: electionId,
      sourceId: this.source.id,
      councilId: council.id,
      date: f.ballot.date,
      ordinary: false,
    });
    if (!f.ballot.byElection) this.electionHasOrdinary.set(electionId, true);
    else if (!this.electionHasOrdinary.has(electionId)) this.electionHasOrdinary.set(electionId, false);

    return this.b.add<Ballot>('ballots', {
      id: f.ballotId,
      sourceId: this.source.id,
      electionId,
      postId,
      date: f.ballot.date,
      seatsContested: f.seatsContested ?? 1,
      byElection: f.ballot.byElection,
      cancelled: f.cancelled,
    });
  }

  /** Whether this person already stands on this ballot, so a caller can refuse the row before anything is added. */
  hasCandidacy(f: Pick<CandidacyFacts, 'ballotId' | 'person'>): boolean {
    return this.standing.get(f.ballotId)?.has(f.person.dcPersonId ?? f.person.id) ?? false;
  }

  /** Adds one validated candidacy and everything it refers to. */
  add(f: CandidacyFacts): void {
    // Rows of one ballot share its ward, post and election: build those once per ballot.
    const ballot = this.b.get<Ballot>('ballots', f.ballotId) ?? this.addBallot(f);
    if (f.seatsContested === null) this.ballotsWithoutSeats.add(ballot.id);
    else if (f.seatsContested > ballot.seatsContested) {
      ballot.seatsContested = f.seatsContested;
      const post = this.b.get<Post>('posts', ballot.postId)!;
      if (f.seatsContested > post.seats) post.seats = f.seatsContested;
    }
    if (f.cancelled) ballot.cancelled = true;
    if (f.elected) this.electedCount.set(ballot.id, (this.electedCount.get(ballot.id) ?? 0) + 1);

    const personKey = f.person.dcPersonId ?? f.person.id;
    const onBallot = this.standing.get(f.ballotId);
    if (onBallot) onBallot.add(personKey);
    else this.standing.set(f.ballotId, new Set([personKey]));
    if (!this.people.has(personKey)) {
      this.people.add(personKey);
      this.b.append<Person>('persons', {
        id: f.person.id,
        sourceId: this.source.id,
        name: f.person.name,
        givenName: f.person.givenName ?? null,
        familyName: f.person.familyName ?? null,
        honorificPrefix: null,
      });
      if (f.person.dcPersonId)
        this.b.identifier('person', f.person.id, 'democracy-club-person', f.person.dcPersonId, false);
    }

    let partyId: string | null = null;
    if (f.party.kind === 'party') {
      partyId = this.partyIds.get(f.party.ecId) ?? partyOrganizationId(f.party.ecId);
      // One string per party, so the id's hash is computed once rather than on every row.
      this.partyIds.set(f.party.ecId, partyId);
      if (!this.b.has('organizations', partyId))
        this.b.add(
          'organizations',
          organization({
            id: partyId,
            sourceId: this.source.id,
            classification: 'party',
            name: f.party.name,
            ecId: f.party.ecId,
          }),
          // A name from the file rather than Caucus's table may differ between files: do not let it overwrite.
          f.party.name === f.party.ecId,
        );
    } else if (f.party.kind === 'label') {
      partyId = `party:label:${slugify(f.party.label) || 'unnamed'}`;
      this.unknownLabels.add(f.party.label);
      this.b.add(
        'organizations',
        organization({ id: partyId, sourceId: this.source.id, classification: 'party', name: f.party.label }),
        true,
      );
    }
    // The caller has refused duplicates already (hasCandidacy).
    this.b.append<Candidacy>('candidacies', {
      id: `${f.ballotId}:${f.person.id}`,
      sourceId: this.source.id,
      ballotId: f.ballotId,
      personId: f.person.id,
      partyId,
      votes: f.votes,
      elected: f.elected,
    });
  }

  /** Settles what only the whole file tells: which elections are ordinary, seats up where not given. Returns notes. */
  finish(): string[] {
    const notes: string[] = [];
    for (const [id, ordinary] of this.electionHasOrdinary) {
      const e = this.b.get<Election>('elections', id)!;
      e.ordinary = ordinary;
      // A file with only by-elections on a day cannot say whether that day also had an ordinary poll.
      if (!ordinary) this.b.markPlaceholder('elections', id);
    }
    let inferred = 0;
    for (const id of this.ballotsWithoutSeats) {
      const ballot = this.b.get<Ballot>('ballots', id)!;
      const elected = this.electedCount.get(id) ?? 0;
      if (elected > ballot.seatsContested) {
        ballot.seatsContested = elected;
        const post = this.b.get<Post>('posts', ballot.postId)!;
        if (elected > post.seats) post.seats = elected;
      }
      inferred++;
    }
    if (inferred)
      notes.push(
        `${inferred} ballot(s) without a seats count: seats contested taken as the number elected (at least 1)`,
      );
    if (this.placeholderCouncils.size)
      notes.push(
        `council(s) not in the councils directory, kept as placeholders council:SLUG: ${[...this.placeholderCouncils].sort().join(', ')}`,
      );
    if (this.unknownLabels.size)
      notes.push(
        `party label(s) not in Caucus's party table, kept as unregistered parties: ${[...this.unknownLabels].sort().join('; ')}`,
      );
    return notes;
  }
}

/** A GSS code inside a Democracy Club post id (`gss:E05010881`, older `MTW:E05010881`), or null. */
export function gssFromPostId(postId: string): string | null {
  const m = /^(?:[A-Za-z_]+:)?([EWSN]\d{8})$/.exec(postId.trim());
  return m ? m[1]! : null;
}
