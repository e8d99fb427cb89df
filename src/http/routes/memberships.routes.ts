/** Memberships: party membership, faction alignment and offices (leader, whip, cabinet member, ...). */
import type { RouteContext } from '../http.types.js';
import type { RouteSpec } from '../route.registry.js';
import { editableRoutes } from './editable.routes.js';

export function membershipRoutes(rc: RouteContext): RouteSpec[] {
  return editableRoutes(rc, 'membership', {
    collection: '/api/memberships',
    read: '/api/memberships/{id}',
    write: '/api/memberships/{id}',
    tag: 'memberships',
    plural: 'Memberships',
    singular: 'Membership',
  });
}
