import { computeCoverage, type HandlerStatus } from '@tenant-isolation/core';
import type { FileError, Ratio, RouteReport, Summary } from './model';

const ratio = (covered: number, total: number): Ratio => ({
  covered,
  total,
  // Rounded down, so that a figure short of 100% never reads as 100.
  percent: total === 0 ? null : Math.floor((covered / total) * 10000) / 100,
});

/** The summary of DESIGN section 4 over the routes of a report; unparseable route files count as errors. */
export function summarize(routes: readonly RouteReport[], errors: readonly FileError[]): Summary {
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
  };
}
