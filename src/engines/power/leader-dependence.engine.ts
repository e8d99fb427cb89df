/**
 * Leader dependence: for the coalition that elected a leader (or formed an administration), the surplus is
 * its weight minus the quota, and a bloc is critical when its weight is greater than the surplus: without
 * it the coalition falls below the quota. "The leader relies on faction F's votes" is then a computed fact,
 * with the arithmetic in the explanation.
 */
import { InvalidInputError } from '../../domain/errors.js';

export interface Bloc {
  name: string;
  weight: number;
}

export interface LeaderDependence {
  quota: number;
  total: number;
  /** total - quota; negative when the coalition does not reach the quota. */
  surplus: number;
  /** Whether the coalition reaches the quota. */
  reachesQuota: boolean;
  /** Blocs whose departure would leave the coalition below the quota, heaviest first. */
  critical: Bloc[];
  explanation: string;
}

/** 'A', 'A and B', 'A, B and C'. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * leaderDependence([{ name: 'Momentum', weight: 14 }, { name: 'Unaligned', weight: 3 }], 16) finds that the
 * leader relies on Momentum (14 > surplus 1) and on the unaligned members (3 > 1).
 */
export function leaderDependence(blocs: readonly Bloc[], quota: number, unit = 'vote'): LeaderDependence {
  if (blocs.length === 0)
    throw new InvalidInputError('the coalition has no blocs', { where: 'blocs', rule: 'non-empty' });
  const seen = new Set<string>();
  for (const b of blocs) {
    if (!Number.isSafeInteger(b.weight) || b.weight < 0) {
      throw new InvalidInputError(
        `bloc "${b.name}" has weight ${b.weight}; weights must be whole numbers, 0 or more`,
        {
          where: 'blocs',
          rule: 'non-negative-integer',
        },
      );
    }
    if (seen.has(b.name))
      throw new InvalidInputError(`bloc "${b.name}" appears twice`, { where: 'blocs', rule: 'unique' });
    seen.add(b.name);
  }
  if (!Number.isFinite(quota) || quota <= 0) {
    throw new InvalidInputError(`quota is ${quota}; it must be above 0`, {
      where: 'quota',
      rule: 'positive',
    });
  }
  const total = blocs.reduce((a, b) => a + b.weight, 0);
  const surplus = total - quota;
  const reachesQuota = surplus >= 0;
  const critical = reachesQuota
    ? blocs
        .filter((b) => b.weight > surplus)
        .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
    : [];
  let explanation: string;
  if (!reachesQuota) {
    explanation = `The coalition has ${plural(total, unit)} against a quota of ${quota}: it is ${-surplus} short, so it cannot elect on its own and no bloc is critical.`;
  } else if (critical.length === 0) {
    explanation = `The coalition has ${plural(total, unit)} against a quota of ${quota}: a surplus of ${surplus}. No bloc has more than ${surplus}, so the coalition survives the loss of any one bloc.`;
  } else {
    const list = critical.map((b) => `${b.name} (${b.weight})`).join(', ');
    const relies = joinAnd(critical.map((b) => b.name));
    explanation =
      `The coalition has ${plural(total, unit)} against a quota of ${quota}: a surplus of ${surplus}. ` +
      `${critical.length === 1 ? 'One bloc has' : `${critical.length} blocs have`} more than ${surplus} and would take the coalition below the quota by leaving: ${list}. ` +
      `The leader relies on the ${unit}s of ${relies}.`;
  }
  return { quota, total, surplus, reachesQuota, critical, explanation };
}
