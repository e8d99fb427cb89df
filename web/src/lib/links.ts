/** Dashboard URLs for registry records, so any id shown can be followed. */
import { pathSegment } from '../../../src/web/client-routes.js';

export const councilHref = (id: string) => `/councils/${pathSegment(id)}`;
export const personHref = (id: string) => `/people/${pathSegment(id)}`;
export const wardHref = (id: string) => `/wards/${pathSegment(id)}`;

/**
 * The page for an id by its kind (`council:x`, `person:x`, `area:x`, or a seat's `post:x`, whose page is its
 * ward's), or null when there is none.
 */
export function hrefForId(id: string): string | null {
  if (id.startsWith('council:')) return councilHref(id);
  if (id.startsWith('person:')) return personHref(id);
  if (id.startsWith('area:') || id.startsWith('post:')) return wardHref(id);
  return null;
}
