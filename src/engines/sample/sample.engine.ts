/**
 * The seeded sample nation: invented councils and people over real parties, with a dozen years of history.
 * Pure: the same options give a deep-equal snapshot on every machine. Every fact cites one generated
 * source, titled so that no reader can take the sample for real data.
 */
import { type IsoDate, parseIsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { organization, type RegistrySnapshot } from '../../domain/model.js';
import { createRandom } from '../../domain/random.js';
import { ordinaryPollingDay } from '../timetable/polling-days.js';
import { planCouncils } from './geography.generator.js';
import { simulateCouncil } from './history.generator.js';
import { buildLocalUnits, type LocalUnit } from './local-parties.generator.js';
import { PARTIES, type PartyKey, partyId } from './parties.data.js';
import { RecordsBuilder } from './records.builder.js';

export interface SampleOptions {
  scale: 'small' | 'uk';
  seed: number;
  /** The day the history runs up to; nothing in the sample is dated later. Default 2026-11-25. */
  today?: IsoDate;
}

export const SAMPLE_SOURCE_ID = 'source:generated-sample';
export const DEFAULT_SAMPLE_TODAY = '2026-11-25';
/** The history starts with polls from 2012 to 2016; `today` must leave every council at least one. */
export const EARLIEST_SAMPLE_TODAY = '2016-06-01';
/** Polling days are known up to 2050; a later `today` would leave terms with no next poll. */
export const LATEST_SAMPLE_TODAY = '2045-12-31';

/**
 * Generates the sample nation: generateSample({ scale: 'small', seed: 1 }) gives three councils with a
 * dozen years of elections, selections and events, in well under a second.
 */
export function generateSample(options: SampleOptions): RegistrySnapshot {
  const { scale, seed } = options;
  if (scale !== 'small' && scale !== 'uk') {
    throw new InvalidInputError(`expected "small" or "uk", got "${String(scale)}"`, {
      where: 'scale',
      rule: 'enum',
    });
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidInputError(`expected an integer from 0 to 4294967295, got ${String(seed)}`, {
      where: 'seed',
      rule: 'integer',
    });
  }
  const today = parseIsoDate(options.today ?? DEFAULT_SAMPLE_TODAY, 'today');
  if (today < EARLIEST_SAMPLE_TODAY || today > LATEST_SAMPLE_TODAY) {
    throw new InvalidInputError(
      `the sample's history needs a date from ${EARLIEST_SAMPLE_TODAY} to ${LATEST_SAMPLE_TODAY}, got ${today}`,
      { where: 'today', rule: 'date-range' },
    );
  }
  const todayDay = toDayNumber(today);
  const rng = createRandom(seed);
  const b = new RecordsBuilder(SAMPLE_SOURCE_ID, todayDay);
  const out = b.out;
  const src = b.sourceId;
  out.sources.push({
    id: src,
    kind: 'generated',
    url: null,
    title: `Caucus generated sample (fictional): scale ${scale}, seed ${seed}. Every council, ward, person, vote and count in it is invented.`,
    publisher: 'Caucus sample generator',
    publishedOn: today,
  });

  const factionIds = {} as Record<PartyKey, string[]>;
  for (const p of PARTIES) {
    out.organizations.push(
      organization({
        id: partyId(p.key),
        sourceId: src,
        classification: 'party',
        name: p.name,
        shortName: p.shortName,
        ecId: p.ecId,
        colour: p.colour,
        nation: p.nations.length === 1 ? p.nations[0]! : null,
      }),
    );
    out.identifiers.push({
      ownerType: 'organization',
      ownerId: partyId(p.key),
      scheme: 'electoral-commission',
      identifier: p.ecId,
    });
    factionIds[p.key] = p.factions.map((f) => `faction:${f.slug}`);
    for (const f of p.factions) {
      out.organizations.push(
        organization({
          id: `faction:${f.slug}`,
          sourceId: src,
          classification: 'faction',
          name: f.name,
          shortName: f.shortName,
          parentId: partyId(p.key),
          foundingDate: f.foundingDate,
        }),
      );
    }
  }

  const plans = planCouncils(scale, rng.fork('geography'));
  for (const plan of plans) {
    out.areas.push({
      id: plan.areaId,
      sourceId: src,
      type: 'council-area',
      name: plan.placeName,
      gss: plan.gss,
      parentId: plan.parentAreaId,
      validFrom: plan.foundingDate,
      validTo: null,
    });
    out.organizations.push(
      organization({
        id: plan.orgId,
        sourceId: src,
        classification: 'council',
        name: plan.name,
        shortName: plan.placeName,
        areaId: plan.areaId,
        laCode: plan.laCode,
        gss: plan.gss,
        councilType: plan.type,
        nation: plan.nation,
        region: plan.region,
        electionScheme: plan.scheme,
        foundingDate: plan.foundingDate,
      }),
    );
    out.identifiers.push(
      { ownerType: 'organization', ownerId: plan.orgId, scheme: 'gss', identifier: plan.gss },
      {
        ownerType: 'organization',
        ownerId: plan.orgId,
        scheme: 'mysociety-la-code',
        identifier: plan.laCode,
      },
    );
  }
  // Wards after every council area, so that a county's districts are listed before any of their wards.
  for (const plan of plans) {
    const first = ordinaryPollingDay(plan.nation, plan.foundingYear).date;
    for (const post of plan.posts) {
      out.areas.push({
        id: post.areaId,
        sourceId: src,
        type: post.areaType,
        name: post.name,
        gss: post.gss,
        parentId: plan.areaId,
        validFrom: first,
        validTo: null,
      });
      out.posts.push({
        id: post.id,
        sourceId: src,
        councilId: plan.orgId,
        areaId: post.areaId,
        label: post.label,
        seats: post.seats,
        validFrom: first,
        validTo: null,
      });
    }
  }

  const units = buildLocalUnits(plans, rng.fork('local-parties'), todayDay);
  const unitMap = new Map<string, LocalUnit>();
  for (const u of units) {
    unitMap.set(`${u.party.key}:${u.areaSlug}`, u);
    out.organizations.push(
      organization({
        id: u.id,
        sourceId: src,
        classification: 'local-party',
        name: u.name,
        parentId: partyId(u.party.key),
        areaId: u.areaId,
        subtype: u.party.unitSubtype,
        colour: u.party.colour,
        foundingDate: u.foundingDay === null ? null : b.iso(u.foundingDay),
      }),
    );
    u.quarters.forEach((q, i) => {
      out.membershipCounts.push({
        id: b.countId(),
        sourceId: src,
        localPartyId: u.id,
        date: b.iso(q),
        count: u.counts[i]!,
      });
    });
  }

  for (const plan of plans) {
    simulateCouncil({ plan, rng: rng.fork(`council:${plan.slug}`), builder: b, units: unitMap, factionIds });
  }
  return out;
}
