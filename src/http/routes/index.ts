/**
 * Every route module, in the order they are mounted. Each area keeps its routes in its own file,
 * `<area>.routes.ts` exporting `(rc: RouteContext) => RouteSpec[]`, using only application commands; a new
 * engine adds its module here.
 */
import type { RouteContext } from '../http.types.js';
import type { RouteSpec } from '../route.registry.js';
import { auditRoutes } from './audit.routes.js';
import { councilRoutes } from './councils.routes.js';
import { electionRoutes } from './elections.routes.js';
import { engineRoutes } from './engines.routes.js';
import { eventRoutes } from './events.routes.js';
import { exportRoutes } from './exports.routes.js';
import { feedRoutes } from './feeds.routes.js';
import { forecastRoutes } from './forecast.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { membershipRoutes } from './memberships.routes.js';
import { organizationRoutes } from './organizations.routes.js';
import { peopleRoutes } from './people.routes.js';
import { reviewRoutes } from './review.routes.js';
import { selectionRoutes } from './selections.routes.js';
import { sourceRoutes } from './sources.routes.js';
import { systemRoutes } from './system.routes.js';

export type RouteModule = (rc: RouteContext) => RouteSpec[];

export const ROUTE_MODULES: RouteModule[] = [
  systemRoutes,
  councilRoutes,
  peopleRoutes,
  membershipRoutes,
  organizationRoutes,
  eventRoutes,
  electionRoutes,
  selectionRoutes,
  sourceRoutes,
  exportRoutes,
  feedRoutes,
  auditRoutes,
  engineRoutes,
  reviewRoutes,
  ledgerRoutes,
  forecastRoutes,
];
