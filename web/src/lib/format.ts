/** Formatting for people to read: dates, shares, counts, labels for roles and statuses. Pure. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-05-07' -> '7 May 2026'; null -> the fallback. */
export function formatDate(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** 0.3185 -> '31.9%'. */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function count(n: number | string): string {
  return typeof n === 'number' ? n.toLocaleString('en-GB') : n;
}

const STATUS: Record<string, string> = {
  majority: 'Majority',
  'minority-administration': 'Minority administration',
  'no-overall-control': 'No overall control',
};

export function controlStatus(status: string): string {
  return STATUS[status] ?? status;
}

const ROLES: Record<string, string> = {
  member: 'Member',
  aligned: 'Aligned with',
  'group-member': 'Group member',
  councillor: 'Councillor',
  leader: 'Leader',
  'deputy-leader': 'Deputy leader',
  whip: 'Whip',
  'cabinet-member': 'Cabinet member',
  mayor: 'Mayor',
  'lord-mayor': 'Lord Mayor',
  chair: 'Chair',
};

/** 'deputy-leader' -> 'Deputy leader'; unknown roles are shown as given, hyphens as spaces. */
export function roleLabel(role: string): string {
  return ROLES[role] ?? role.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** 'leadership-election' -> 'Leadership election'. */
export function kebabLabel(s: string): string {
  return s.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Years between two ISO dates, as a fraction (for placing bars on a timeline). */
export function yearsBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / (365.2425 * 86_400_000);
}

/** Fraction of the way `d` lies from `from` to `to` (clamped to 0..1). */
export function position(d: string, from: string, to: string): number {
  const span = Date.parse(to) - Date.parse(from);
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (Date.parse(d) - Date.parse(from)) / span));
}

const KNOWN_ABBREVIATIONS: Record<string, string> = {
  Labour: 'Lab',
  Conservative: 'Con',
  Green: 'Grn',
  'Liberal Democrat': 'LD',
  'Liberal Democrats': 'LD',
  'Reform UK': 'Ref',
  Independent: 'Ind',
  Alliance: 'All',
};

/**
 * A party's few-letter label for small spaces (map tiles): the usual British abbreviation where there is
 * one, a short name of four letters or fewer as it is (SNP, DUP), else the initials or first letters.
 */
export function abbreviate(name: string, shortName?: string | null): string {
  const short = shortName ?? name;
  const known = KNOWN_ABBREVIATIONS[short] ?? KNOWN_ABBREVIATIONS[name];
  if (known) return known;
  if (short.length <= 4) return short;
  const words = short.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (words.length > 1)
    return words
      .map((w) => w[0])
      .join('')
      .slice(0, 4);
  return short.slice(0, 3);
}
