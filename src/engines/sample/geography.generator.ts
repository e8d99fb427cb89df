/**
 * Plans the sample's councils and wards: types, nations, regions, election schemes, invented names, GSS
 * and three-letter codes, seat counts, and each council's and ward's political lean. Plans are plain
 * data; the history simulation and the record builders read them.
 */

import type { AreaType, CouncilType, ElectionScheme, Nation, Role } from '../../domain/model.js';
import { normal, pickWeighted, type Random } from '../../domain/random.js';
import {
  IRISH_PREFIXES,
  PLACE_STEMS,
  PLACE_SUFFIXES,
  SCOTTISH_PREFIXES,
  SCOTTISH_SUFFIXES,
  slugify,
  WARD_QUALIFIERS,
  WELSH_PREFIXES,
  WELSH_SUFFIXES,
} from './names.data.js';
import type { ShareKey } from './parties.data.js';

/** Poll-year cycles: every ordinary poll of a seat falls in one of these. */
export type Cycle = 'county' | 'london' | 'district' | 'c2016' | 'devolved' | 'ni';

/** Years of a cycle up to `until`. The 2020 polls were postponed to 2021, which shifts the c2016 cycle. */
export function cycleYears(cycle: Cycle, until: number): number[] {
  const out: number[] = [];
  const every = (first: number, step: number) => {
    for (let y = first; y <= until; y += step) out.push(y);
  };
  switch (cycle) {
    case 'county':
      every(2013, 4);
      break;
    case 'london':
      every(2014, 4);
      break;
    case 'district':
      every(2015, 4);
      break;
    case 'c2016':
      out.push(2016, 2021);
      every(2024, 4);
      break;
    case 'devolved':
      every(2012, 5);
      break;
    case 'ni':
      out.push(2014, 2019);
      every(2023, 4);
      break;
  }
  return out.filter((y) => y <= until);
}

export interface PostPlan {
  index: number;
  id: string;
  areaId: string;
  slug: string;
  name: string;
  label: string;
  areaType: AreaType;
  gss: string;
  seats: number;
  /** For each seat, the index into the council's slot cycles. */
  slots: number[];
  lean: Record<ShareKey, number>;
  electorate: number;
  /** The council area whose local party units select candidates here (a district, for a county division). */
  unitAreaSlug: string;
}

export interface CouncilPlan {
  index: number;
  slug: string;
  name: string;
  placeName: string;
  type: CouncilType;
  nation: Nation;
  region: string;
  scheme: ElectionScheme;
  /** One cycle per slot: all-out councils have one slot, halves two, thirds three. */
  slotCycles: Cycle[];
  /** Year of the first poll in the sample's history: an all-out poll, whatever the scheme. */
  foundingYear: number;
  orgId: string;
  areaId: string;
  gss: string;
  laCode: string;
  parentAreaId: string | null;
  foundingDate: string;
  stv: boolean;
  posts: PostPlan[];
  seats: number;
  lean: Record<ShareKey, number>;
  urban: number;
  turnout: number;
  /** Expected independent candidates per seat contested. */
  indLambda: number;
  civicRole: Role;
  civicLabel: string;
  /** Northern Irish councils have no leader and cabinet; their mayor or chair rotates. */
  hasLeader: boolean;
}

const SHARE_KEYS: readonly ShareKey[] = [
  'lab',
  'con',
  'ld',
  'grn',
  'sgp',
  'ref',
  'ukip',
  'snp',
  'pc',
  'dup',
  'sf',
  'apni',
  'uup',
  'sdlp',
  'ind',
];

function unitLean(): Record<ShareKey, number> {
  const out = {} as Record<ShareKey, number>;
  for (const k of SHARE_KEYS) out[k] = 1;
  return out;
}

const REGION_LEAN: Record<string, Partial<Record<ShareKey, number>>> = {
  London: { lab: 1.35, con: 0.9, ld: 0.85, grn: 1.25, ukip: 0.5, ref: 0.6, ind: 0.4 },
  'North East': { lab: 1.35, con: 0.8, ld: 0.75, grn: 0.6, ukip: 1.2, ref: 1.35, ind: 1.0 },
  'North West': { lab: 1.3, con: 0.85, ld: 0.85, grn: 0.8, ukip: 1.0, ref: 1.1, ind: 0.9 },
  'Yorkshire and the Humber': { lab: 1.2, con: 0.9, ld: 0.9, grn: 0.9, ukip: 1.1, ref: 1.15, ind: 1.1 },
  'East Midlands': { lab: 1.0, con: 1.1, ld: 0.7, grn: 0.8, ukip: 1.2, ref: 1.3, ind: 1.3 },
  'West Midlands': { lab: 1.1, con: 1.1, ld: 0.7, grn: 0.9, ukip: 1.1, ref: 1.15, ind: 0.9 },
  'East of England': { lab: 0.85, con: 1.2, ld: 0.9, grn: 1.0, ukip: 1.3, ref: 1.25, ind: 1.1 },
  'South East': { lab: 0.7, con: 1.25, ld: 1.3, grn: 1.2, ukip: 1.0, ref: 0.95, ind: 1.1 },
  'South West': { lab: 0.65, con: 1.2, ld: 1.5, grn: 1.3, ukip: 0.9, ref: 0.95, ind: 1.4 },
};

const TYPE_LEAN: Partial<Record<CouncilType, Partial<Record<ShareKey, number>>>> = {
  MD: { lab: 1.12, con: 0.85, ld: 0.85, ind: 0.8 },
  CTY: { lab: 0.8, con: 1.05, ld: 1.1, ind: 1.2 },
  NMD: { lab: 0.8, con: 1.05, ld: 1.15, ind: 1.5 },
  UA: { lab: 1.05, con: 0.95 },
};

/** Kinds of Welsh and Scottish council, each with its own party landscape. */
const WALES_KINDS: Record<string, Partial<Record<ShareKey, number>>> = {
  valleys: { lab: 1.1, pc: 0.9, ind: 0.9, con: 0.6, ld: 0.8 },
  west: { pc: 2.2, lab: 0.6, ind: 1.3, con: 0.8 },
  rural: { ind: 1.8, con: 1.25, lab: 0.5, ld: 1.6 },
  urban: { lab: 0.9, con: 1.2, ld: 1.4, pc: 0.8, ind: 0.7 },
};
const SCOTLAND_KINDS: Record<string, Partial<Record<ShareKey, number>>> = {
  central: { lab: 1.3, snp: 1.05, con: 0.7, ld: 0.6 },
  'north-east': { con: 1.4, ld: 1.4, snp: 1.0, lab: 0.6 },
  borders: { con: 1.5, ind: 1.3, lab: 0.6, ld: 1.2 },
  islands: { ind: 5, snp: 0.8, lab: 0.4, con: 0.4, ld: 0.7 },
  city: { sgp: 2.2, lab: 1.1, ld: 1.1, con: 0.9 },
};

/** How each party's vote follows the urban-rural axis of a ward, and how patchy it is. */
const URBAN_SLOPE: Partial<Record<ShareKey, number>> = {
  lab: 1.3,
  con: -1.1,
  grn: 0.9,
  sgp: 0.9,
  ukip: -0.2,
  ref: -0.4,
  ind: -1.3,
  snp: 0.3,
  pc: -0.6,
};
const PATCHINESS: Partial<Record<ShareKey, number>> = {
  ld: 0.55,
  grn: 0.6,
  sgp: 0.55,
  ind: 0.6,
  ref: 0.3,
  apni: 0.5,
};

interface CouncilSeed {
  type: CouncilType;
  nation: Nation;
  region: string;
  scheme: ElectionScheme;
  slotCycles: Cycle[];
  foundingYear: number;
  targetSeats: number;
  countySlugIndex?: number;
  kind?: string;
}

const ENGLISH_COUNTIES: ReadonlyArray<readonly [string, number]> = [
  ['East of England', 5],
  ['East of England', 12],
  ['East of England', 10],
  ['East of England', 7],
  ['East of England', 5],
  ['South East', 5],
  ['South East', 7],
  ['South East', 11],
  ['South East', 12],
  ['South East', 5],
  ['South East', 11],
  ['South West', 8],
  ['South West', 6],
  ['East Midlands', 8],
  ['East Midlands', 7],
  ['East Midlands', 7],
  ['East Midlands', 7],
  ['West Midlands', 8],
  ['West Midlands', 5],
  ['West Midlands', 6],
  ['North West', 12],
];
const MD_REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['North West', 15],
  ['Yorkshire and the Humber', 9],
  ['North East', 5],
  ['West Midlands', 7],
];
const UA_REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['North East', 7],
  ['North West', 6],
  ['Yorkshire and the Humber', 6],
  ['East Midlands', 6],
  ['West Midlands', 4],
  ['East of England', 6],
  ['South East', 12],
  ['South West', 15],
];

const THIRDS: Cycle[] = ['london', 'district', 'c2016'];
const HALVES: Cycle[] = ['london', 'c2016'];

function uniform(rng: Random, lo: number, hi: number): number {
  return lo + rng.next() * (hi - lo);
}
function intBetween(rng: Random, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}
function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function thirdsFounding(rng: Random): number {
  return pickWeighted(rng, [
    [2014, 0.7],
    [2015, 0.15],
    [2016, 0.15],
  ]);
}
function halvesFounding(rng: Random): number {
  return pickWeighted(rng, [
    [2014, 0.6],
    [2016, 0.4],
  ]);
}
function allOut(cycle: Cycle): Pick<CouncilSeed, 'scheme' | 'slotCycles' | 'foundingYear'> {
  return { scheme: 'all-out', slotCycles: [cycle], foundingYear: cycleYears(cycle, 2100)[0]! };
}

/** The councils of the uk scale, in the real mix of types, regions and schemes. */
function ukSeeds(rng: Random): CouncilSeed[] {
  const seeds: CouncilSeed[] = [];
  ENGLISH_COUNTIES.forEach(([region], i) => {
    seeds.push({
      type: 'CTY',
      nation: 'england',
      region,
      ...allOut('county'),
      targetSeats: intBetween(rng, 50, 84),
      countySlugIndex: i,
    });
  });
  const nmdSchemes: Array<'thirds' | 'halves' | 'all-out'> = shuffle(rng, [
    ...Array<'thirds'>(52).fill('thirds'),
    ...Array<'halves'>(7).fill('halves'),
    ...Array<'all-out'>(105).fill('all-out'),
  ]);
  let k = 0;
  ENGLISH_COUNTIES.forEach(([region, n], i) => {
    for (let j = 0; j < n; j++) {
      const scheme = nmdSchemes[k++]!;
      const plan =
        scheme === 'thirds'
          ? {
              scheme,
              slotCycles: THIRDS,
              foundingYear: thirdsFounding(rng),
              targetSeats: intBetween(rng, 30, 54),
            }
          : scheme === 'halves'
            ? {
                scheme,
                slotCycles: HALVES,
                foundingYear: halvesFounding(rng),
                targetSeats: intBetween(rng, 30, 48),
              }
            : { ...allOut('district'), targetSeats: intBetween(rng, 28, 56) };
      seeds.push({ type: 'NMD', nation: 'england', region, countySlugIndex: i, ...plan });
    }
  });
  const mdAllOut: Cycle[] = ['county', 'london', 'london', 'c2016'];
  const mdSchemes = shuffle(rng, [...Array<Cycle | null>(32).fill(null), ...mdAllOut]);
  k = 0;
  for (const [region, n] of MD_REGIONS) {
    for (let j = 0; j < n; j++) {
      const cycle = mdSchemes[k++] ?? null;
      seeds.push(
        cycle
          ? { type: 'MD', nation: 'england', region, ...allOut(cycle), targetSeats: intBetween(rng, 50, 100) }
          : {
              type: 'MD',
              nation: 'england',
              region,
              scheme: 'thirds',
              slotCycles: THIRDS,
              foundingYear: thirdsFounding(rng),
              targetSeats: 3 * intBetween(rng, 16, 33),
            },
      );
    }
  }
  for (let j = 0; j < 33; j++) {
    seeds.push({
      type: 'LBO',
      nation: 'england',
      region: 'London',
      ...allOut('london'),
      targetSeats: intBetween(rng, 45, 70),
    });
  }
  const uaSchemes = shuffle(rng, [
    ...Array<Cycle | null>(20).fill(null),
    ...Array<Cycle>(30).fill('district'),
    ...Array<Cycle>(8).fill('county'),
    ...Array<Cycle>(4).fill('c2016'),
  ]);
  k = 0;
  for (const [region, n] of UA_REGIONS) {
    for (let j = 0; j < n; j++) {
      const cycle = uaSchemes[k++] ?? null;
      seeds.push(
        cycle
          ? {
              type: 'UA',
              nation: 'england',
              region,
              ...allOut(cycle),
              targetSeats: rng.next() < 0.7 ? intBetween(rng, 35, 60) : intBetween(rng, 60, 100),
            }
          : {
              type: 'UA',
              nation: 'england',
              region,
              scheme: 'thirds',
              slotCycles: THIRDS,
              foundingYear: thirdsFounding(rng),
              targetSeats: intBetween(rng, 36, 60),
            },
      );
    }
  }
  const welsh = shuffle(rng, [
    ...Array<string>(8).fill('valleys'),
    ...Array<string>(5).fill('west'),
    ...Array<string>(5).fill('rural'),
    ...Array<string>(4).fill('urban'),
  ]);
  for (const kind of welsh) {
    seeds.push({
      type: 'WPA',
      nation: 'wales',
      region: 'Wales',
      ...allOut('devolved'),
      targetSeats: intBetween(rng, 30, 75),
      kind,
    });
  }
  const scots = shuffle(rng, [
    ...Array<string>(14).fill('central'),
    ...Array<string>(6).fill('north-east'),
    ...Array<string>(5).fill('borders'),
    ...Array<string>(3).fill('islands'),
    ...Array<string>(4).fill('city'),
  ]);
  for (const kind of scots) {
    const targetSeats =
      kind === 'islands'
        ? intBetween(rng, 21, 31)
        : kind === 'city'
          ? intBetween(rng, 43, 85)
          : intBetween(rng, 22, 50);
    seeds.push({
      type: 'SCO',
      nation: 'scotland',
      region: 'Scotland',
      ...allOut('devolved'),
      targetSeats,
      kind,
    });
  }
  for (let j = 0; j < 11; j++) {
    seeds.push({
      type: 'NID',
      nation: 'northern-ireland',
      region: 'Northern Ireland',
      ...allOut('ni'),
      targetSeats: j === 0 ? 60 : 40,
      kind: j === 0 ? 'city' : 'district',
    });
  }
  return seeds;
}

/** Three councils for tests: a metropolitan borough by thirds, a London borough, a Scottish council. */
function smallSeeds(): CouncilSeed[] {
  return [
    {
      type: 'MD',
      nation: 'england',
      region: 'North West',
      scheme: 'thirds',
      slotCycles: THIRDS,
      foundingYear: 2014,
      targetSeats: 60,
    },
    { type: 'LBO', nation: 'england', region: 'London', ...allOut('london'), targetSeats: 51 },
    {
      type: 'SCO',
      nation: 'scotland',
      region: 'Scotland',
      ...allOut('devolved'),
      targetSeats: 30,
      kind: 'central',
    },
  ];
}

const WARD_SIZES: Record<string, ReadonlyArray<readonly [number, number]>> = {
  CTY: [
    [1, 0.85],
    [2, 0.15],
  ],
  'NMD:all-out': [
    [1, 0.35],
    [2, 0.4],
    [3, 0.25],
  ],
  'NMD:thirds': [
    [3, 0.8],
    [2, 0.12],
    [1, 0.08],
  ],
  'NMD:halves': [
    [2, 0.9],
    [1, 0.1],
  ],
  'MD:thirds': [[3, 1]],
  'MD:all-out': [
    [1, 0.3],
    [2, 0.5],
    [3, 0.2],
  ],
  LBO: [
    [3, 0.6],
    [2, 0.35],
    [1, 0.05],
  ],
  'UA:all-out': [
    [1, 0.4],
    [2, 0.35],
    [3, 0.25],
  ],
  'UA:thirds': [
    [3, 0.85],
    [2, 0.1],
    [1, 0.05],
  ],
  WPA: [
    [1, 0.5],
    [2, 0.35],
    [3, 0.15],
  ],
  SCO: [
    [3, 0.55],
    [4, 0.45],
  ],
  NID: [
    [5, 0.3],
    [6, 0.35],
    [7, 0.35],
  ],
};

function wardSizes(rng: Random, seed: CouncilSeed): number[] {
  const table =
    WARD_SIZES[`${seed.type}:${seed.scheme}`] ?? WARD_SIZES[seed.type] ?? WARD_SIZES['UA:all-out']!;
  // The target is approximate: the last ward may overshoot it rather than take a size the council never uses.
  const sizes: number[] = [];
  let total = 0;
  while (total < seed.targetSeats) {
    const n = pickWeighted(rng, table);
    sizes.push(n);
    total += n;
  }
  return sizes;
}

interface Namer {
  place(nation: Nation): string;
  county(): string;
  used: Set<string>;
}

function makeNamer(rng: Random): Namer {
  const used = new Set<string>();
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)]!;
  const place = (nation: Nation): string => {
    const stem = pick(PLACE_STEMS);
    switch (nation) {
      case 'wales':
        return `${pick(WELSH_PREFIXES)}${stem.toLowerCase()}${pick(WELSH_SUFFIXES)}`;
      case 'scotland':
        return `${pick(SCOTTISH_PREFIXES)}${stem.toLowerCase()}${pick(SCOTTISH_SUFFIXES)}`;
      case 'northern-ireland':
        return `${pick(IRISH_PREFIXES)}${stem.toLowerCase()}`;
      default:
        return `${stem}${pick(PLACE_SUFFIXES)}`;
    }
  };
  const county = (): string => `${pick(PLACE_STEMS)}shire`;
  return { place, county, used };
}

function uniquePlace(namer: Namer, nation: Nation | 'county'): string {
  for (;;) {
    const p = nation === 'county' ? namer.county() : namer.place(nation);
    const key = slugify(p);
    if (!namer.used.has(key)) {
      namer.used.add(key);
      return p;
    }
  }
}

function councilName(
  rng: Random,
  type: CouncilType,
  place: string,
  kind?: string,
): { name: string; city: boolean } {
  const r = rng.next();
  switch (type) {
    case 'CTY':
      return { name: `${place} County Council`, city: false };
    case 'NMD':
      if (r < 0.55) return { name: `${place} District Council`, city: false };
      if (r < 0.93) return { name: `${place} Borough Council`, city: false };
      return { name: `${place} City Council`, city: true };
    case 'MD':
      return r < 0.7
        ? { name: `${place} Metropolitan Borough Council`, city: false }
        : { name: `${place} City Council`, city: true };
    case 'LBO':
      return { name: r < 0.94 ? `London Borough of ${place}` : `Royal Borough of ${place}`, city: false };
    case 'UA':
      if (r < 0.5) return { name: `${place} Council`, city: false };
      if (r < 0.75) return { name: `${place} Borough Council`, city: false };
      return { name: `${place} City Council`, city: true };
    case 'WPA':
      return { name: r < 0.5 ? `${place} County Borough Council` : `${place} County Council`, city: false };
    case 'SCO':
      return { name: kind === 'city' ? `${place} City Council` : `${place} Council`, city: kind === 'city' };
    case 'NID':
      if (kind === 'city') return { name: `${place} City Council`, city: true };
      return { name: r < 0.5 ? `${place} District Council` : `${place} Borough Council`, city: false };
  }
}

function civicOffice(
  type: CouncilType,
  name: string,
  city: boolean,
  big: boolean,
): { role: Role; label: string } {
  if (type === 'SCO') return { role: 'chair', label: city ? 'Lord Provost' : 'Provost' };
  if (city && big) return { role: 'lord-mayor', label: 'Lord Mayor' };
  if (
    type === 'CTY' ||
    name.endsWith('District Council') ||
    (type === 'UA' && name.endsWith(' Council') && !city)
  ) {
    return { role: 'chair', label: 'Chair of the Council' };
  }
  if (type === 'WPA' && name.endsWith('County Council'))
    return { role: 'chair', label: 'Chair of the Council' };
  return { role: 'mayor', label: 'Mayor' };
}

function laCodeFor(place: string, used: Set<string>, rng: Random): string {
  const letters = place.toUpperCase().replace(/[^A-Z]/g, '');
  const consonants = letters.slice(1).replace(/[AEIOU]/g, '');
  const candidates = [
    letters.slice(0, 3),
    letters[0]! + consonants.slice(0, 2),
    letters[0]! + consonants.slice(1, 3),
    letters[0]! + letters[1]! + letters[letters.length - 1]!,
    letters[0]! + consonants.slice(-2),
  ];
  for (const c of candidates) {
    if (c.length === 3 && !used.has(c)) {
      used.add(c);
      return c;
    }
  }
  for (;;) {
    const c = letters[0]! + String.fromCharCode(65 + rng.int(26)) + String.fromCharCode(65 + rng.int(26));
    if (!used.has(c)) {
      used.add(c);
      return c;
    }
  }
}

function councilLean(rng: Random, seed: CouncilSeed): { lean: Record<ShareKey, number>; urban: number } {
  const lean = unitLean();
  const apply = (m: Partial<Record<ShareKey, number>> | undefined) => {
    if (!m) return;
    for (const [k, v] of Object.entries(m)) lean[k as ShareKey] *= v;
  };
  let urban = 0.4;
  if (seed.nation === 'england') {
    apply(REGION_LEAN[seed.region]);
    apply(TYPE_LEAN[seed.type]);
    urban = { CTY: 0.3, NMD: 0.35, MD: 0.75, LBO: 0.9, UA: 0.6 }[seed.type as string] ?? 0.5;
    urban = Math.min(0.95, Math.max(0.05, urban + 0.12 * normal(rng)));
    const shire = seed.type === 'NMD' || seed.type === 'UA' || seed.type === 'CTY';
    const south =
      seed.region === 'South West' || seed.region === 'South East' || seed.region === 'East of England';
    if (shire && rng.next() < (south ? 0.2 : 0.08)) apply({ ld: 2.3, con: 0.9, lab: 0.85 });
    if (rng.next() < 0.04) apply({ grn: 2.6 });
    if ((seed.type === 'NMD' || seed.type === 'UA') && rng.next() < 0.1) apply({ ind: 3.2 });
    if ((seed.type === 'MD' || seed.type === 'LBO') && rng.next() < 0.3) apply({ lab: 1.3 });
    if (seed.type === 'LBO' && rng.next() < 0.2) apply({ con: 1.5, lab: 0.8 });
  } else if (seed.nation === 'wales') {
    apply(WALES_KINDS[seed.kind ?? 'urban']);
    urban = { valleys: 0.5, west: 0.2, rural: 0.15, urban: 0.7 }[seed.kind ?? 'urban'] ?? 0.4;
  } else if (seed.nation === 'scotland') {
    apply(SCOTLAND_KINDS[seed.kind ?? 'central']);
    urban =
      { central: 0.6, 'north-east': 0.35, borders: 0.2, islands: 0.05, city: 0.9 }[seed.kind ?? 'central'] ??
      0.4;
  } else {
    urban = seed.kind === 'city' ? 0.85 : 0.35;
  }
  for (const k of SHARE_KEYS) lean[k] *= Math.exp(0.22 * normal(rng));
  return { lean, urban };
}

function wardLean(
  rng: Random,
  council: { urban: number; nation: Nation; orientation: number; city: boolean },
): Record<ShareKey, number> {
  const lean = unitLean();
  const u = Math.min(1, Math.max(0, council.urban + 0.2 * normal(rng)));
  // Council leans already carry most of the difference between town and country; wards add their own.
  const axis = u - council.urban + 0.3 * (council.urban - 0.5);
  for (const k of SHARE_KEYS) {
    const slope = URBAN_SLOPE[k] ?? 0;
    const sd = PATCHINESS[k] ?? 0.35;
    lean[k] = Math.exp(slope * axis + sd * normal(rng));
  }
  if (council.nation === 'northern-ireland') {
    // Northern Irish wards divide sharply between unionist and nationalist areas.
    const o = council.orientation + 0.7 * normal(rng);
    lean.dup *= Math.exp(1.0 * o);
    lean.uup *= Math.exp(0.8 * o);
    lean.sf *= Math.exp(-1.0 * o);
    lean.sdlp *= Math.exp(-0.8 * o);
    lean.apni *= council.city ? 1.6 : 1;
  }
  return lean;
}

const ELECTORS_PER_SEAT: Record<CouncilType, number> = {
  CTY: 8500,
  NMD: 2300,
  MD: 4200,
  LBO: 3500,
  UA: 3300,
  WPA: 2000,
  SCO: 3400,
  NID: 2900,
};
const TURNOUT: Record<CouncilType, number> = {
  CTY: 0.33,
  NMD: 0.35,
  MD: 0.29,
  LBO: 0.36,
  UA: 0.31,
  WPA: 0.42,
  SCO: 0.46,
  NID: 0.53,
};
const COUNCIL_GSS: Record<CouncilType, string> = {
  CTY: 'E10',
  NMD: 'E07',
  MD: 'E08',
  LBO: 'E09',
  UA: 'E06',
  WPA: 'W06',
  SCO: 'S12',
  NID: 'N09',
};
const FOUNDED: Record<CouncilType, string> = {
  CTY: '1974-04-01',
  NMD: '1974-04-01',
  MD: '1974-04-01',
  LBO: '1965-04-01',
  UA: '1998-04-01',
  WPA: '1996-04-01',
  SCO: '1996-04-01',
  NID: '2015-04-01',
};

function wardGssPrefix(type: CouncilType, nation: Nation): string {
  if (type === 'CTY') return 'E58';
  return { england: 'E05', wales: 'W05', scotland: 'S13', 'northern-ireland': 'N08' }[nation];
}

/** Invented but well-formed GSS codes: the real ones run 000001 upwards, these start at 900001. */
function gssCounter(): (prefix: string) => string {
  const next = new Map<string, number>();
  return (prefix) => {
    const n = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, n);
    return `${prefix}${String(900000 + n).padStart(6, '0')}`;
  };
}

/** Plans every council of a scale; deterministic for a given generator state. */
export function planCouncils(scale: 'small' | 'uk', rng: Random): CouncilPlan[] {
  const seeds = scale === 'small' ? smallSeeds() : ukSeeds(rng);
  const namer = makeNamer(rng);
  const laCodes = new Set<string>();
  const gss = gssCounter();
  const plans: CouncilPlan[] = [];
  const countyPlans: CouncilPlan[] = [];
  const districtsOfCounty = new Map<number, CouncilPlan[]>();

  // Northern Irish districts run from strongly nationalist in the west to strongly unionist in the east.
  const niOrientations = shuffle(rng, [-1.4, -1.0, -0.6, -0.3, 0, 0.3, 0.6, 0.9, 1.2, 1.5]);
  niOrientations.unshift(0);
  for (const seed of seeds) {
    const placeName = uniquePlace(namer, seed.type === 'CTY' ? 'county' : seed.nation);
    const slug = slugify(placeName);
    const { name, city } = councilName(rng, seed.type, placeName, seed.kind);
    const { lean, urban } = councilLean(rng, seed);
    const orientation = seed.nation === 'northern-ireland' ? (niOrientations.shift() ?? 0) : 0;
    const sizes = wardSizes(rng, seed);
    const seats = sizes.reduce((a, b) => a + b, 0);
    const civic = civicOffice(seed.type, name, city, seats >= 60);
    const plan: CouncilPlan = {
      index: plans.length,
      slug,
      name,
      placeName,
      type: seed.type,
      nation: seed.nation,
      region: seed.region,
      scheme: seed.scheme,
      slotCycles: seed.slotCycles,
      foundingYear: seed.foundingYear,
      orgId: `council:${slug}`,
      areaId: `area:${slug}`,
      gss: gss(COUNCIL_GSS[seed.type]),
      laCode: laCodeFor(placeName, laCodes, rng),
      parentAreaId: null,
      foundingDate:
        seed.type === 'UA'
          ? pickWeighted(rng, [
              ['1996-04-01', 1],
              ['1997-04-01', 1],
              ['1998-04-01', 2],
              ['2009-04-01', 1],
            ])
          : FOUNDED[seed.type],
      stv: seed.nation === 'scotland' || seed.nation === 'northern-ireland',
      posts: [],
      seats,
      lean,
      urban,
      turnout: TURNOUT[seed.type] * uniform(rng, 0.88, 1.12),
      indLambda:
        (seed.nation === 'england'
          ? 0.2
          : seed.nation === 'wales'
            ? 0.55
            : seed.nation === 'scotland'
              ? 0.22
              : 0.2) * Math.min(4, lean.ind),
      civicRole: civic.role,
      civicLabel: civic.label,
      hasLeader: seed.nation !== 'northern-ireland',
    };
    const wardNames = new Set<string>();
    const localPlaces = [
      placeName.replace(/shire$/, ''),
      ...Array.from({ length: 6 }, () => namer.place(seed.nation)),
    ];
    const areaType: AreaType =
      seed.type === 'CTY' ? 'division' : seed.type === 'NID' ? 'electoral-area' : 'ward';
    const kindWord = areaType === 'division' ? 'division' : areaType === 'electoral-area' ? 'DEA' : 'ward';
    for (const size of sizes) {
      let wardName = '';
      for (let tries = 0; ; tries++) {
        const r = rng.next();
        const local = localPlaces[rng.int(localPlaces.length)]!;
        const q = WARD_QUALIFIERS[rng.int(WARD_QUALIFIERS.length)]!;
        if (r < 0.35 || tries > 20) wardName = namer.place(seed.nation);
        else if (r < 0.65) wardName = `${local} ${q}`;
        else if (r < 0.8) wardName = `${local} and ${namer.place(seed.nation)}`;
        else
          wardName = ['Upper', 'Lower', 'Old', 'North', 'South', 'East', 'West'].includes(q)
            ? `${q} ${local}`
            : `${local} ${q}`;
        const ws = slugify(wardName);
        if (!wardNames.has(ws)) {
          wardNames.add(ws);
          break;
        }
      }
      const wslug = slugify(wardName);
      const slots = slotsFor(rng, seed.scheme, size);
      plan.posts.push({
        index: plan.posts.length,
        id: `post:${slug}.${wslug}`,
        areaId: `area:${slug}.${wslug}`,
        slug: wslug,
        name: wardName,
        label: `${wardName} ${kindWord}`,
        areaType,
        gss: gss(wardGssPrefix(seed.type, seed.nation)),
        seats: size,
        slots,
        lean: wardLean(rng, { urban, nation: seed.nation, orientation, city: seed.kind === 'city' }),
        electorate: Math.round(size * ELECTORS_PER_SEAT[seed.type] * uniform(rng, 0.85, 1.15)),
        unitAreaSlug: slug,
      });
    }
    plans.push(plan);
    if (seed.type === 'CTY') countyPlans[seed.countySlugIndex!] = plan;
    if (seed.type === 'NMD') {
      const list = districtsOfCounty.get(seed.countySlugIndex!) ?? [];
      list.push(plan);
      districtsOfCounty.set(seed.countySlugIndex!, list);
    }
  }
  // Districts sit inside their county; each county division draws its candidates from one district's parties.
  for (const [i, districts] of districtsOfCounty) {
    const county = countyPlans[i]!;
    for (const d of districts) d.parentAreaId = county.areaId;
    const weights = districts.map((d) => [d, d.seats] as const);
    for (const post of county.posts) post.unitAreaSlug = pickWeighted(rng, weights).slug;
  }
  return plans;
}

function slotsFor(rng: Random, scheme: ElectionScheme, seats: number): number[] {
  if (scheme === 'all-out') return Array<number>(seats).fill(0);
  const n = scheme === 'thirds' ? 3 : 2;
  const all = shuffle(
    rng,
    Array.from({ length: n }, (_, i) => i),
  );
  return Array.from({ length: seats }, (_, i) => all[i % n]!).sort((a, b) => a - b);
}
