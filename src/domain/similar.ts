/** Closest matches for a mistyped id or name, for "did you mean" hints. */

/** Edit distance counting a swap of two neighbouring letters as one edit (typists swap letters). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++)
    rows.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Distance in [0, 1] between a query and a candidate string, 0 for a containment match. */
function distance(query: string, candidate: string): number {
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  if (c === q) return 0;
  if (c.includes(q) || q.includes(c))
    return 0.1 * (1 - Math.min(q.length, c.length) / Math.max(q.length, c.length));
  return editDistance(q, c) / Math.max(q.length, c.length);
}

/**
 * The ids of the closest candidates, best first: closest('birmngham', [{ id: 'BIR', name: 'Birmingham' }]) -> ['BIR'].
 */
export function closest(
  query: string,
  candidates: ReadonlyArray<{ id: string; name: string; alt?: string | null }>,
  limit = 3,
  threshold = 0.5,
): string[] {
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    let d = Math.min(distance(query, c.id), distance(query, c.name));
    if (c.alt) d = Math.min(d, distance(query, c.alt));
    // A single word ("selvam") is best compared with each word of an id or name ("council:selvham").
    if (!/[\s:.-]/.test(query)) {
      for (const word of `${c.id} ${c.name}`.split(/[\s:.-]+/))
        if (word.length > 2) d = Math.min(d, distance(query, word));
    }
    if (d <= threshold) scored.push([c.id, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, limit).map(([id]) => id);
}
