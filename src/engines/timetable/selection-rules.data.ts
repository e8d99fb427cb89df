/**
 * Party selection rules for ordinary council elections, per party. These are DEFAULTS describing usual
 * practice, not law and not any party's rulebook text: parties change their procedures and local parties
 * vary, so a council or region's own rule (from a party document) should replace them when known.
 * Windows are given relative to polling day.
 */

export const SELECTION_METHODS = ['trigger-ballot', 'readoption', 'open-selection', 'unknown'] as const;
/** What a sitting councillor faces: a trigger ballot (open selection only if triggered), readoption by the
 * local executive or association, or an open selection against other applicants. */
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

export interface PartySelectionRule {
  /** Stable key, e.g. 'labour'. */
  key: string;
  name: string;
  /** Party ids the rule applies to, matched case-insensitively: Electoral Commission ids and common slugs. */
  partyIds: readonly string[];
  /** How long before polling day selections usually open, as a duration (`18m`). */
  opensBefore: string;
  /** How long before polling day the candidate should be chosen. */
  closesBefore: string;
  sittingCouncillor: SelectionMethod;
  /** Who selects. */
  body: string;
  /** Always true for the rules below: documented defaults, not law. */
  isDefault: boolean;
  note: string;
}

export const DEFAULT_SELECTION_RULES: readonly PartySelectionRule[] = [
  {
    key: 'labour',
    name: 'Labour Party',
    partyIds: ['labour', 'lab', 'PP53', 'party:53', 'joint-party:53-119'],
    opensBefore: '18m',
    closesBefore: '6m',
    sittingCouncillor: 'trigger-ballot',
    body: 'ward branches, from a panel approved by the Local Campaign Forum',
    isDefault: true,
    note: 'default: selections usually run from about 18 to 6 months before the poll; a sitting councillor seeking reselection faces a trigger ballot of branch members',
  },
  {
    key: 'conservative',
    name: 'Conservative and Unionist Party',
    partyIds: ['conservative', 'con', 'PP52', 'party:52'],
    opensBefore: '12m',
    closesBefore: '4m',
    sittingCouncillor: 'readoption',
    body: 'the local Conservative association',
    isDefault: true,
    note: 'default: associations usually readopt sitting councillors or open the selection about a year before the poll',
  },
  {
    key: 'liberal-democrats',
    name: 'Liberal Democrats',
    partyIds: ['liberal-democrats', 'lib-dem', 'libdem', 'ld', 'PP90', 'party:90'],
    opensBefore: '12m',
    closesBefore: '3m',
    sittingCouncillor: 'readoption',
    body: 'the local party, from approved candidates',
    isDefault: true,
    note: 'default: local parties usually select within the year before the poll',
  },
  {
    key: 'green',
    name: 'Green Party',
    partyIds: ['green', 'green-party', 'PP63', 'party:63', 'scottish-green-party', 'PP130', 'party:130'],
    opensBefore: '12m',
    closesBefore: '3m',
    sittingCouncillor: 'open-selection',
    body: 'local party members at a selection meeting',
    isDefault: true,
    note: 'default: local members usually select within the year before the poll',
  },
  {
    key: 'snp',
    name: 'Scottish National Party',
    partyIds: ['snp', 'scottish-national-party', 'PP102', 'party:102'],
    opensBefore: '18m',
    closesBefore: '6m',
    sittingCouncillor: 'open-selection',
    body: 'branch members, from candidates approved by the national assessment',
    isDefault: true,
    note: 'default: approval and branch selections usually run well ahead of the five-yearly Scottish poll',
  },
  {
    key: 'plaid-cymru',
    name: 'Plaid Cymru',
    partyIds: ['plaid-cymru', 'plaid', 'PP77', 'party:77'],
    opensBefore: '12m',
    closesBefore: '4m',
    sittingCouncillor: 'readoption',
    body: 'the local branch or constituency committee',
    isDefault: true,
    note: 'default: selections usually run within the year before the poll',
  },
];

/** Used for parties without a rule of their own. */
export const FALLBACK_SELECTION_RULE: PartySelectionRule = {
  key: 'default',
  name: 'Any other party',
  partyIds: [],
  opensBefore: '12m',
  closesBefore: '3m',
  sittingCouncillor: 'unknown',
  body: 'unknown',
  isDefault: true,
  note: 'default for parties without their own rule: the year before the poll',
};
