import { computeCoverage, type HandlerStatus } from '@tenant-isolation/core';
import type { FileError, Ratio, RouteReport, Summary } from './model';

export const ratio = (covered: number, total: number): Ratio => ({
  covered,
  total,
  // Rounded down, so that a figure short of 100% never reads as 100.
  percent: total === 0 ? null : Math.floor((covered / total) * 10000) / 100,
});

/** The summary of DESIGN section 4 over the routes of a report; unparseable route files count as errors. */
export function summarize(routes: readonly RouteReport[], errors: readonly FileError[], withQueries: boolean): Summary {
  const statuses: HandlerStatus[] = [];
  for (const route of routes) for (const handler of route.handlers) statuses.push(handler.status);
  const coverage = computeCoverage(statuses);
  const { counts } = coverage;
  return {
    handlers: coverage.handlers,
    migrated: counts.migrated,
    partial: counts.partial,
    unmigrated: counts.unmigrated,
    unwrapped: counts.unwrapped,
    public: counts.public,
    suppressed: counts.suppressed,
    errors: errors.filter((e) => e.kind === 'route').length,
    coverage: ratio(coverage.migrated, coverage.inScope),
    wrapperCoverage: ratio(coverage.migrated, coverage.handlers - counts.public),
    ...queryFigures(routes, withQueries),
  };
}

/** The query-scoping figure, over every query and per model. */
function queryFigures(routes: readonly RouteReport[], withQueries: boolean): Pick<Summary, 'queryScoping' | 'queryScopingByModel'> {
  if (!withQueries) return { queryScoping: null, queryScopingByModel: {} };
  let scoped = 0;
  let total = 0;
  const byModel = new Map<string, { scoped: number; total: number }>();
  for (const route of routes) {
    for (const query of route.queries) {
      const model = byModel.get(query.model) ?? { scoped: 0, total: 0 };
      byModel.set(query.model, model);
      total++;
      model.total++;
      if (query.status === 'scoped') {
        scoped++;
        model.scoped++;
      }
    }
  }
  const models = [...byModel.keys()].sort();
  return { queryScoping: ratio(scoped, total), queryScopingByModel: Object.fromEntries(models.map((m) => [m, ratio(byModel.get(m)!.scoped, byModel.get(m)!.total)])) };
}
