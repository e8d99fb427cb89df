/** Sources: where facts come from (URLs, documents, datasets). */
import type { RouteContext } from '../http.types.js';
import type { RouteSpec } from '../route.registry.js';
import { editableRoutes } from './editable.routes.js';

export function sourceRoutes(rc: RouteContext): RouteSpec[] {
  return editableRoutes(rc, 'source', {
    collection: '/api/sources',
    read: '/api/sources/{id}',
    write: '/api/sources/{id}',
    tag: 'sources',
    plural: 'Sources',
    singular: 'Source',
  });
}
