/**
 * Parties, factions and national trends for the sample nation. Party names and Electoral Commission ids
 * are real (the sample must look like British politics); factions are invented. Vote shares are rough
 * national projected shares for local elections, and membership indices follow the published national
 * totals in shape only: the sample invents every local figure from them.
 */
import type { Nation } from '../../domain/model.js';

export const PARTY_KEYS = [
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
] as const;
export type PartyKey = (typeof PARTY_KEYS)[number];
/** A party or independents, as vote-share tables and leans see them. */
export type ShareKey = PartyKey | 'ind';

export interface FactionDef {
  slug: string;
  name: string;
  shortName: string;
  foundingDate: string;
  /** Share of aligned members leaning to this faction, by year (interpolated in between). */
  weights: Record<number, number>;
}

export interface PartyDef {
  key: PartyKey;
  slug: string;
  name: string;
  shortName: string;
  ecId: string;
  colour: string;
  nations: readonly Nation[];
  groupName: string;
  /** What its local units are called, and how their names read. */
  unitSubtype: string;
  unitName: (place: string) => string;
  /** Chance a sitting councillor who seeks reselection is not chosen, in an ordinary year. */
  deselectionBase: number;
  /** Sitting councillors face a ballot (trigger) or are readopted unless challenged (automatic). */
  sittingMethod: 'trigger' | 'automatic' | 'open';
  /** Days before the poll that selections are usually made: [earliest, latest]. */
  selectionLead: [number, number];
  factions: FactionDef[];
  /** First day the party could stand or be joined, when later than the sample's start. */
  from?: string;
  /** Weight of the party as a unionist (+1) or nationalist (-1) choice in Northern Ireland. */
  bloc?: number;
}

const GB: readonly Nation[] = ['england', 'wales', 'scotland'];

export const PARTIES: readonly PartyDef[] = [
  {
    key: 'lab',
    slug: 'labour',
    name: 'Labour Party',
    shortName: 'Labour',
    ecId: 'PP53',
    colour: '#E4003B',
    nations: GB,
    groupName: 'Labour Group',
    unitSubtype: 'constituency party',
    unitName: (p) => `${p} Constituency Labour Party`,
    deselectionBase: 0.05,
    sittingMethod: 'trigger',
    selectionLead: [150, 280],
    factions: [
      {
        slug: 'red-tide-network',
        name: 'Red Tide Network',
        shortName: 'Red Tide',
        foundingDate: '2015-10-08',
        weights: { 2015: 0, 2016: 0.36, 2018: 0.44, 2019: 0.42, 2021: 0.28, 2024: 0.2, 2026: 0.22 },
      },
      {
        slug: 'open-horizon-labour',
        name: 'Open Horizon Labour',
        shortName: 'Open Horizon',
        foundingDate: '2010-09-25',
        weights: { 2012: 0.4, 2016: 0.26, 2020: 0.32, 2026: 0.3 },
      },
      {
        slug: 'labour-keystone',
        name: 'Labour Keystone',
        shortName: 'Keystone',
        foundingDate: '2004-03-12',
        weights: { 2012: 0.6, 2016: 0.38, 2019: 0.3, 2021: 0.42, 2024: 0.52, 2026: 0.48 },
      },
    ],
  },
  {
    key: 'con',
    slug: 'conservative',
    name: 'Conservative and Unionist Party',
    shortName: 'Conservative',
    ecId: 'PP52',
    colour: '#0087DC',
    nations: GB,
    groupName: 'Conservative Group',
    unitSubtype: 'association',
    unitName: (p) => `${p} Conservative Association`,
    deselectionBase: 0.035,
    sittingMethod: 'automatic',
    selectionLead: [60, 200],
    factions: [
      {
        slug: 'blue-frontier-group',
        name: 'Blue Frontier Group',
        shortName: 'Blue Frontier',
        foundingDate: '2016-02-20',
        weights: { 2016: 0.2, 2019: 0.48, 2022: 0.38, 2025: 0.5, 2026: 0.52 },
      },
      {
        slug: 'civic-centre-right',
        name: 'Civic Centre Right',
        shortName: 'Civic Centre',
        foundingDate: '2005-11-02',
        weights: { 2012: 0.5, 2016: 0.42, 2019: 0.26, 2022: 0.34, 2026: 0.26 },
      },
      {
        slug: 'shire-tradition-society',
        name: 'Shire Tradition Society',
        shortName: 'Shire Tradition',
        foundingDate: '1998-06-14',
        weights: { 2012: 0.5, 2016: 0.38, 2019: 0.26, 2026: 0.22 },
      },
    ],
  },
  {
    key: 'ld',
    slug: 'liberal-democrats',
    name: 'Liberal Democrats',
    shortName: 'Liberal Democrat',
    ecId: 'PP90',
    colour: '#FAA61A',
    nations: GB,
    groupName: 'Liberal Democrat Group',
    unitSubtype: 'local party',
    unitName: (p) => `${p} Liberal Democrats`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [40, 170],
    factions: [
      {
        slug: 'lantern-liberals',
        name: 'Lantern Liberals',
        shortName: 'Lantern',
        foundingDate: '2009-04-18',
        weights: { 2012: 0.55, 2019: 0.6, 2026: 0.58 },
      },
      {
        slug: 'open-market-liberals',
        name: 'Open Market Liberals',
        shortName: 'Open Market',
        foundingDate: '2011-01-22',
        weights: { 2012: 0.45, 2019: 0.4, 2026: 0.42 },
      },
    ],
  },
  {
    key: 'grn',
    slug: 'green',
    name: 'Green Party',
    shortName: 'Green',
    ecId: 'PP63',
    colour: '#02A95B',
    nations: ['england', 'wales'],
    groupName: 'Green Group',
    unitSubtype: 'local party',
    unitName: (p) => `${p} Green Party`,
    deselectionBase: 0.03,
    sittingMethod: 'open',
    selectionLead: [40, 170],
    factions: [
      {
        slug: 'deep-green-current',
        name: 'Deep Green Current',
        shortName: 'Deep Green',
        foundingDate: '2013-09-07',
        weights: { 2014: 0.35, 2020: 0.4, 2024: 0.55, 2026: 0.62 },
      },
      {
        slug: 'green-pragmatists-network',
        name: 'Green Pragmatists Network',
        shortName: 'Pragmatists',
        foundingDate: '2012-05-19',
        weights: { 2014: 0.65, 2020: 0.6, 2024: 0.45, 2026: 0.38 },
      },
    ],
  },
  {
    key: 'sgp',
    slug: 'scottish-green',
    name: 'Scottish Green Party',
    shortName: 'Scottish Green',
    ecId: 'PP130',
    colour: '#00B140',
    nations: ['scotland'],
    groupName: 'Scottish Green Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} Scottish Greens`,
    deselectionBase: 0.03,
    sittingMethod: 'open',
    selectionLead: [40, 170],
    factions: [],
  },
  {
    key: 'ref',
    slug: 'reform-uk',
    name: 'Reform UK',
    shortName: 'Reform UK',
    ecId: 'PP7931',
    colour: '#12B6CF',
    nations: GB,
    groupName: 'Reform UK Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} Reform UK branch`,
    deselectionBase: 0.06,
    sittingMethod: 'open',
    selectionLead: [30, 120],
    factions: [],
    from: '2021-01-06',
  },
  {
    key: 'ukip',
    slug: 'ukip',
    name: 'UK Independence Party',
    shortName: 'UKIP',
    ecId: 'PP85',
    colour: '#6D3177',
    nations: GB,
    groupName: 'UKIP Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} UKIP branch`,
    deselectionBase: 0.05,
    sittingMethod: 'open',
    selectionLead: [30, 120],
    factions: [],
  },
  {
    key: 'snp',
    slug: 'snp',
    name: 'Scottish National Party',
    shortName: 'SNP',
    ecId: 'PP102',
    colour: '#FDF38E',
    nations: ['scotland'],
    groupName: 'SNP Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} SNP branch`,
    deselectionBase: 0.04,
    sittingMethod: 'open',
    selectionLead: [90, 240],
    factions: [
      {
        slug: 'saltire-now',
        name: 'Saltire Now',
        shortName: 'Saltire Now',
        foundingDate: '2014-11-15',
        weights: { 2014: 0.2, 2016: 0.42, 2020: 0.5, 2023: 0.4, 2026: 0.36 },
      },
      {
        slug: 'steady-course-caucus',
        name: 'Steady Course Caucus',
        shortName: 'Steady Course',
        foundingDate: '2008-03-29',
        weights: { 2012: 1, 2014: 0.8, 2016: 0.58, 2020: 0.5, 2023: 0.6, 2026: 0.64 },
      },
    ],
  },
  {
    key: 'pc',
    slug: 'plaid-cymru',
    name: 'Plaid Cymru - The Party of Wales',
    shortName: 'Plaid Cymru',
    ecId: 'PP77',
    colour: '#005B54',
    nations: ['wales'],
    groupName: 'Plaid Cymru Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} Plaid Cymru branch`,
    deselectionBase: 0.03,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
  },
  {
    key: 'dup',
    slug: 'dup',
    name: 'Democratic Unionist Party',
    shortName: 'DUP',
    ecId: 'PP70',
    colour: '#D46A4C',
    nations: ['northern-ireland'],
    groupName: 'DUP Group',
    unitSubtype: 'association',
    unitName: (p) => `${p} DUP Association`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
    bloc: 1,
  },
  {
    key: 'sf',
    slug: 'sinn-fein',
    name: 'Sinn Féin',
    shortName: 'Sinn Féin',
    ecId: 'PP39',
    colour: '#326760',
    nations: ['northern-ireland'],
    groupName: 'Sinn Féin Group',
    unitSubtype: 'cumann',
    unitName: (p) => `${p} Sinn Féin cumann`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
    bloc: -1,
  },
  {
    key: 'apni',
    slug: 'alliance',
    name: 'Alliance Party of Northern Ireland',
    shortName: 'Alliance',
    ecId: 'PP103',
    colour: '#F6CB2F',
    nations: ['northern-ireland'],
    groupName: 'Alliance Group',
    unitSubtype: 'association',
    unitName: (p) => `${p} Alliance Association`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
    bloc: 0,
  },
  {
    key: 'uup',
    slug: 'uup',
    name: 'Ulster Unionist Party',
    shortName: 'UUP',
    ecId: 'PP83',
    colour: '#48A5EE',
    nations: ['northern-ireland'],
    groupName: 'UUP Group',
    unitSubtype: 'association',
    unitName: (p) => `${p} Ulster Unionist Association`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
    bloc: 1,
  },
  {
    key: 'sdlp',
    slug: 'sdlp',
    name: 'Social Democratic and Labour Party',
    shortName: 'SDLP',
    ecId: 'PP55',
    colour: '#2AA82C',
    nations: ['northern-ireland'],
    groupName: 'SDLP Group',
    unitSubtype: 'branch',
    unitName: (p) => `${p} SDLP branch`,
    deselectionBase: 0.02,
    sittingMethod: 'open',
    selectionLead: [60, 200],
    factions: [],
    bloc: -1,
  },
];

export const PARTY_BY_KEY: Readonly<Record<PartyKey, PartyDef>> = Object.fromEntries(
  PARTIES.map((p) => [p.key, p]),
) as Record<PartyKey, PartyDef>;

export function partyId(key: PartyKey): string {
  return `party:${PARTY_BY_KEY[key].slug}`;
}

/** Parties that stand in a nation, in a stable order. */
export const NATION_PARTIES: Readonly<Record<Nation, readonly PartyKey[]>> = {
  england: ['lab', 'con', 'ld', 'grn', 'ukip', 'ref'],
  wales: ['lab', 'con', 'ld', 'pc', 'grn', 'ukip', 'ref'],
  scotland: ['snp', 'lab', 'con', 'ld', 'sgp', 'ukip', 'ref'],
  'northern-ireland': ['dup', 'sf', 'apni', 'uup', 'sdlp'],
};

/** Parties with local units whose membership the sample counts. */
export const NATION_UNIT_PARTIES: Readonly<Record<Nation, readonly PartyKey[]>> = {
  england: ['lab', 'con', 'ld', 'grn', 'ref'],
  wales: ['lab', 'con', 'ld', 'pc', 'ref'],
  scotland: ['snp', 'lab', 'con', 'ld', 'sgp'],
  'northern-ireland': ['dup', 'sf', 'apni', 'uup', 'sdlp'],
};

type ShareRow = Partial<Record<ShareKey, number>>;

/**
 * National projected shares (percent) at the May poll of each anchor year; years between anchors are
 * interpolated. England follows the BBC projected national share in outline (UKIP in 2013, the Reform
 * surge of 2025); Wales, Scotland and Northern Ireland follow their own all-out polls.
 */
export const NATIONAL_SHARES: Readonly<Record<Nation, Record<number, ShareRow>>> = {
  england: {
    2012: { lab: 38, con: 31, ld: 16, grn: 4, ukip: 6, ind: 5 },
    2013: { lab: 29, con: 25, ld: 14, grn: 5, ukip: 22, ind: 5 },
    2014: { lab: 31, con: 29, ld: 13, grn: 6, ukip: 16, ind: 5 },
    2015: { lab: 29, con: 35, ld: 11, grn: 6, ukip: 13, ind: 6 },
    2016: { lab: 31, con: 30, ld: 15, grn: 6, ukip: 12, ind: 6 },
    2017: { lab: 27, con: 38, ld: 18, grn: 5, ukip: 5, ind: 7 },
    2018: { lab: 35, con: 35, ld: 16, grn: 6, ukip: 1.5, ind: 7 },
    2019: { lab: 28, con: 28, ld: 19, grn: 10, ukip: 3, ind: 12 },
    2021: { lab: 29, con: 36, ld: 17, grn: 9, ukip: 0.5, ref: 2, ind: 7 },
    2022: { lab: 35, con: 30, ld: 19, grn: 8, ukip: 0.3, ref: 1.5, ind: 7 },
    2023: { lab: 35, con: 26, ld: 20, grn: 10, ukip: 0.3, ref: 3, ind: 6 },
    2024: { lab: 34, con: 25, ld: 17, grn: 11, ukip: 0.3, ref: 7, ind: 6 },
    2025: { lab: 20, con: 15, ld: 17, grn: 11, ukip: 0.3, ref: 30, ind: 7 },
    2026: { lab: 18, con: 16, ld: 16, grn: 16, ukip: 0.2, ref: 28, ind: 6 },
  },
  wales: {
    2012: { lab: 36, con: 13, ld: 8, pc: 16, grn: 1, ukip: 1, ind: 25 },
    2017: { lab: 30, con: 19, ld: 7, pc: 17, grn: 1, ukip: 2, ind: 23 },
    2022: { lab: 34, con: 18, ld: 7, pc: 17, grn: 2, ukip: 0.3, ref: 0.5, ind: 21 },
    2025: { lab: 20, con: 10, ld: 6, pc: 24, grn: 4, ukip: 0.2, ref: 24, ind: 12 },
    2026: { lab: 18, con: 10, ld: 6, pc: 26, grn: 5, ukip: 0.2, ref: 25, ind: 10 },
  },
  scotland: {
    2012: { snp: 32, lab: 31, con: 13, ld: 7, sgp: 2, ukip: 0.3, ind: 13 },
    2017: { snp: 32, lab: 20, con: 25, ld: 7, sgp: 4, ukip: 0.3, ind: 11 },
    2022: { snp: 34, lab: 22, con: 20, ld: 9, sgp: 6, ukip: 0.1, ref: 0.3, ind: 9 },
    2024: { snp: 30, lab: 30, con: 13, ld: 9, sgp: 6, ukip: 0.1, ref: 5, ind: 7 },
    2026: { snp: 31, lab: 19, con: 11, ld: 9, sgp: 8, ukip: 0.1, ref: 16, ind: 6 },
  },
  'northern-ireland': {
    2014: { dup: 23, sf: 24, uup: 16, sdlp: 13, apni: 7, ind: 17 },
    2019: { dup: 24, sf: 23, uup: 14, sdlp: 12, apni: 12, ind: 15 },
    2023: { dup: 23, sf: 31, uup: 11, sdlp: 9, apni: 13, ind: 13 },
    2026: { dup: 22, sf: 31, uup: 11, sdlp: 9, apni: 14, ind: 13 },
  },
};

/**
 * National membership (thousands) by date, in outline: Labour's 2015-16 surge, the SNP's after the 2014
 * referendum, the Green surges of 2015 and 2025, Reform's rise from 2024. Local units scale these.
 */
export const NATIONAL_MEMBERSHIP: Readonly<Record<PartyKey, ReadonlyArray<readonly [string, number]>>> = {
  lab: [
    ['2012-01-01', 190],
    ['2015-03-31', 200],
    ['2015-09-30', 300],
    ['2016-09-30', 515],
    ['2017-12-31', 550],
    ['2019-12-31', 485],
    ['2020-06-30', 550],
    ['2021-12-31', 430],
    ['2023-12-31', 370],
    ['2024-12-31', 330],
    ['2026-12-31', 270],
  ],
  con: [
    ['2012-01-01', 140],
    ['2018-03-31', 124],
    ['2019-09-30', 180],
    ['2022-09-30', 172],
    ['2024-12-31', 131],
    ['2026-12-31', 120],
  ],
  ld: [
    ['2012-01-01', 48],
    ['2014-12-31', 44],
    ['2015-09-30', 61],
    ['2016-09-30', 78],
    ['2017-12-31', 102],
    ['2019-12-31', 120],
    ['2021-12-31', 75],
    ['2024-12-31', 70],
    ['2026-12-31', 66],
  ],
  grn: [
    ['2012-01-01', 13],
    ['2014-03-31', 20],
    ['2015-06-30', 63],
    ['2016-12-31', 55],
    ['2019-12-31', 48],
    ['2021-12-31', 54],
    ['2024-09-30', 65],
    ['2025-12-31', 150],
    ['2026-12-31', 175],
  ],
  sgp: [
    ['2012-01-01', 1.2],
    ['2014-09-30', 1.7],
    ['2014-12-31', 8],
    ['2019-12-31', 7.5],
    ['2026-12-31', 8],
  ],
  ref: [
    ['2021-01-06', 15],
    ['2023-12-31', 30],
    ['2024-09-30', 80],
    ['2025-06-30', 220],
    ['2026-12-31', 250],
  ],
  ukip: [
    ['2012-01-01', 24],
    ['2014-12-31', 42],
    ['2016-09-30', 39],
    ['2017-12-31', 18],
    ['2019-06-30', 26],
    ['2021-12-31', 5],
    ['2026-12-31', 3],
  ],
  snp: [
    ['2012-01-01', 24],
    ['2014-09-15', 25],
    ['2014-12-31', 93],
    ['2015-09-30', 115],
    ['2019-12-31', 125],
    ['2021-12-31', 100],
    ['2023-12-31', 72],
    ['2026-12-31', 62],
  ],
  pc: [
    ['2012-01-01', 8],
    ['2019-12-31', 10],
    ['2022-12-31', 11],
    ['2026-12-31', 10.5],
  ],
  dup: [
    ['2012-01-01', 10],
    ['2026-12-31', 10.5],
  ],
  sf: [
    ['2012-01-01', 9],
    ['2026-12-31', 12],
  ],
  apni: [
    ['2012-01-01', 1.5],
    ['2019-12-31', 2.2],
    ['2026-12-31', 2.6],
  ],
  uup: [
    ['2012-01-01', 3],
    ['2026-12-31', 2.6],
  ],
  sdlp: [
    ['2012-01-01', 3.2],
    ['2026-12-31', 2.8],
  ],
};

/**
 * Where defectors go, by the party they leave and the year; null is "sits as an independent".
 * UKIP councillors drifted to the Conservatives after 2016; Conservatives to Reform from 2023.
 */
export function defectionTargets(
  from: PartyKey | null,
  year: number,
): Array<readonly [PartyKey | null, number]> {
  switch (from) {
    case 'con':
      if (year >= 2023)
        return [
          ['ref', 0.6],
          [null, 0.35],
          ['ld', 0.05],
        ];
      if (year <= 2016)
        return [
          ['ukip', 0.4],
          [null, 0.5],
          ['ld', 0.1],
        ];
      return [
        [null, 0.72],
        ['ld', 0.14],
        ['ref', year >= 2021 ? 0.1 : 0],
        ['grn', 0.04],
      ];
    case 'lab':
      if (year >= 2024)
        return [
          [null, 0.55],
          ['grn', 0.3],
          ['ref', 0.15],
        ];
      return [
        [null, 0.76],
        ['grn', 0.12],
        ['ld', 0.12],
      ];
    case 'ld':
      return [
        [null, 0.6],
        ['con', 0.15],
        ['lab', 0.15],
        ['grn', 0.1],
      ];
    case 'grn':
    case 'sgp':
      return [
        [null, 0.7],
        ['lab', 0.3],
      ];
    case 'ukip':
      return year >= 2021
        ? [
            ['ref', 0.5],
            [null, 0.4],
            ['con', 0.1],
          ]
        : [
            ['con', 0.4],
            [null, 0.6],
          ];
    case 'ref':
      return [
        [null, 0.8],
        ['con', 0.2],
      ];
    case null:
      return year >= 2024
        ? [
            ['ref', 0.35],
            ['con', 0.2],
            ['ld', 0.25],
            ['lab', 0.2],
          ]
        : [
            ['con', 0.35],
            ['ld', 0.3],
            ['lab', 0.35],
          ];
    default:
      return [[null, 1]];
  }
}

/** Monthly chance that a councillor of a party leaves it, by year (UKIP's collapse, Conservatives to Reform). */
export function defectionHazard(from: PartyKey | null, year: number): number {
  if (from === 'ukip') return year >= 2014 ? 0.012 : 0.004;
  if (from === 'con' && year >= 2023) return 0.0032;
  if (from === 'lab' && year >= 2024) return 0.0024;
  if (from === 'lab' && year >= 2016 && year <= 2019) return 0.0013;
  if (from === null) return 0.0004;
  return 0.0008;
}
