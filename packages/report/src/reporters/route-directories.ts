import type { Ratio, RouteReport } from '../model';
import { compareText } from '../shard';
import { migrationRatio } from './handler-rows';

/**
 * The top-level route directory a URL belongs to: the first segment after `/api` when there is one, else the first
 * segment (`/api/payments/[id]` → `payments`, `/dashboard/export` → `dashboard`, `/api` → `api`, `/` → `/`).
 */
export function routeDirectoryOf(urlPath: string): string {
  const segments = urlPath.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'api' && segments.length > 1) return segments[1]!;
  return segments[0] ?? '/';
}

export interface RouteDirectory {
  name: string;
  /** In report order. */
  routes: RouteReport[];
  handlers: number;
  coverage: Ratio;
}

/** Route modules grouped by top-level route directory, directories sorted by name. */
export function groupByRouteDirectory(routes: readonly RouteReport[]): RouteDirectory[] {
  const byName = new Map<string, RouteReport[]>();
  for (const route of routes) {
    const name = routeDirectoryOf(route.urlPath);
    const group = byName.get(name);
    if (group) group.push(route);
    else byName.set(name, [route]);
  }
  return [...byName]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, members]) => {
      const handlers = members.reduce((sum, route) => sum + route.handlers.length, 0);
      return { name, routes: members, handlers, coverage: migrationRatio(members) };
    });
}
