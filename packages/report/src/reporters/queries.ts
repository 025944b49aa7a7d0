import { REQUEST_SOURCE_TEXT, type QueryFinding } from '@tenant-isolation/core';
import type { QueryReport, Ratio, Report, RouteReport } from '../model';
import { queryKeys } from '../gate';
import { formatRatio, LEVEL_ICONS, type CoverageLevel } from './headline';

/** The query-scoping figure in the same words in every format: `Queries scoped to the tenant: 412/430 (95.8%)`. */
export const queryHeadlineText = (ratio: Ratio): string => `Queries scoped to the tenant: ${formatRatio(ratio)}`;

/** Below the gate's minimum it fails; short of every query it warns. */
export function queryScopingLevel(report: Report): CoverageLevel {
  const ratio = report.summary.queryScoping;
  if (!ratio || ratio.percent === null || ratio.covered === ratio.total) return 'ok';
  return ratio.percent >= report.thresholds.queryScopingFailBelow ? 'warn' : 'fail';
}

export const queryHeadlineIcon = (report: Report): string => LEVEL_ICONS[queryScopingLevel(report)];

/** The SARIF rule and annotation title of an unscoped query: the lint rule that reports it. */
export const QUERY_RULE = {
  id: 'require-tenant-scoped-query',
  name: 'UnscopedTenantQuery',
  title: 'Prisma query not scoped to the verified tenant',
  description:
    'A Prisma query on a tenant-scoped model that a route handler runs must constrain the tenant field in its `where` ' +
    '(or set it in its `data`) with the tenant the context accessor verified. Otherwise it can read or change another ' +
    "tenant's rows, whatever the wrapper checked.",
};

/** What each finding says of a query, for a reviewer. */
export const QUERY_FINDING_WORDS: Record<QueryFinding, string> = {
  missingTenantFilter: 'its `where` does not constrain the tenant',
  missingTenantData: 'it creates rows without setting the tenant',
  opaqueQueryArgs: 'its arguments are built where the tenant filter cannot be seen',
  clientTenantValue: 'its tenant comes from the request',
  unverifiedTenantValue: 'its tenant is not the verified one',
  rawQuery: 'raw SQL on a tenant-scoped table cannot be checked',
};

/** Why a query is not scoped, in words: the finding, and where a tenant from the request came from. */
export function queryFindingText(query: QueryReport): string {
  if (!query.finding) return 'scoped to the verified tenant';
  const words = QUERY_FINDING_WORDS[query.finding];
  const source = query.finding === 'clientTenantValue' && query.source ? ` (${REQUEST_SOURCE_TEXT[query.source]})` : '';
  const suppressed = query.status === 'suppressed' ? '; suppressed by an eslint-disable comment, which does not count as scoped' : '';
  return `${words}${source}${suppressed}`;
}

export interface QueryRow {
  route: RouteReport;
  query: QueryReport;
}

/** The queries that are not scoped, by file and position. */
export const unscopedQueries = (routes: readonly RouteReport[]): QueryRow[] =>
  routes.flatMap((route) => route.queries.filter((query) => query.status !== 'scoped').map((query) => ({ route, query })));

/** `app/api/x/route.ts:3:5`, with the 1-based column editors expect. */
export const queryLocation = ({ route, query }: QueryRow): string => `${route.file}:${query.line}:${query.column + 1}`;

/** `Invoice.findMany()`, `$queryRaw on Invoice`. */
export const queryLabel = (query: QueryReport): string =>
  query.operation.startsWith('$') ? `${query.operation} on ${query.model}` : `${query.model}.${query.operation}()`;

/** The per-model figures, most unscoped first. */
export function modelFigures(report: Report): Array<{ model: string; ratio: Ratio }> {
  return Object.entries(report.summary.queryScopingByModel)
    .map(([model, ratio]) => ({ model, ratio }))
    .sort((a, b) => b.ratio.total - b.ratio.covered - (a.ratio.total - a.ratio.covered) || (a.model < b.model ? -1 : 1));
}

/** The gate's baseline key of a query (`file#Model.operation#n`). */
export function queryKeyOf({ route, query }: QueryRow): string {
  return queryKeys(route.file, route.queries).find(([, q]) => q === query)![0];
}
