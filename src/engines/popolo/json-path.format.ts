/**
 * JSON paths as people read them in error messages: `memberships[12].person_id`,
 * `caucus:elections[0].council_id`, `persons[3]["odd key"]`. The root is the empty string.
 */

const PLAIN_KEY = /^[A-Za-z_$][\w$:-]*$/;

/** Appends an object key: pathKey('persons[0]', 'name') === 'persons[0].name'. */
export function pathKey(base: string, key: string): string {
  if (PLAIN_KEY.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Appends an array index: pathIndex('persons', 3) === 'persons[3]'. */
export function pathIndex(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** The path as printed: the root is shown as "(root)" so that a message never starts with a bare colon. */
export function showPath(path: string): string {
  return path === '' ? '(root)' : path;
}
