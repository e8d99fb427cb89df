/** Selections: a party's choice of candidates for a ward, with who sought reselection and who was chosen. */
import type { RouteContext } from '../http.types.js';
import type { RouteSpec } from '../route.registry.js';
import { editableRoutes } from './editable.routes.js';

export function selectionRoutes(rc: RouteContext): RouteSpec[] {
  return editableRoutes(rc, 'selection', {
    collection: '/api/selections',
    read: '/api/selections/{id}',
    write: '/api/selections/{id}',
    tag: 'selections',
    plural: 'Selections',
    singular: 'Selection',
  });
}
