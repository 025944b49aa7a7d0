import type { HandlerStatus } from '@tenant-isolation/core';
import { REPORT_SCHEMA_VERSION, type QueryReport, type QueryStatus, type Report } from './model';
import { compareText } from './shard';

/**
 * The baseline a CI gate compares against: every handler's status, keyed `file#NAME`. It is kept small and sorted
 * so that a change to it reads well in review. A full JSON report is accepted as a baseline too.
 */
export interface Baseline {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  handlers: Record<string, HandlerStatus>;
  /**
   * Every Prisma query on a tenant-scoped model, keyed `file#Model.operation#n` (the n-th such call in the file, so
   * that a line moving does not change its key); absent without a Prisma schema.
   */
  queries?: Record<string, QueryStatus>;
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export type RegressionKind =
  | 'lost-wrapper'
  | 'reads-session-again'
  | 'new-session-read'
  | 'new-unmigrated'
  | 'no-longer-known'
  | 'unscoped-query';

export interface Regression {
  /** `file#NAME`, or for a query `file#Model.operation#n`. */
  handler: string;
  file: string;
  name: string;
  line: number;
  kind: RegressionKind;
  before: HandlerStatus | QueryStatus | null;
  after: HandlerStatus | QueryStatus;
  message: string;
}

export interface GateOptions {
  /** Fail below this migration coverage, in percent (`--min-coverage`, else the config's `report.failBelow`). */
  minCoverage?: number;
  /** Fail below this query-scoping share, in percent (`--min-query-scoping`, else `report.queryScopingFailBelow`). */
  minQueryScoping?: number;
  baseline?: Baseline;
}

export interface GateResult {
  passed: boolean;
  /** One line per failed check, for people. */
  failures: string[];
  regressions: Regression[];
}

const WRAPPED: ReadonlySet<HandlerStatus> = new Set(['migrated', 'partial']);
/** Statuses in the migration denominator that are not migrated: what a new handler must not arrive as. */
const NOT_MIGRATED: ReadonlySet<HandlerStatus> = new Set(['unmigrated', 'suppressed']);
/** The migration denominator. */
const IN_SCOPE: ReadonlySet<HandlerStatus> = new Set(['migrated', 'partial', 'unmigrated', 'suppressed']);

export const handlerKey = (file: string, name: string): string => `${file}#${name}`;

export function baselineOf(report: Report): Baseline {
  const entries: Array<[string, HandlerStatus]> = [];
  for (const route of report.routes) for (const h of route.handlers) entries.push([handlerKey(route.file, h.name), h.status]);
  entries.sort((a, b) => compareText(a[0], b[0]));
  const baseline: Baseline = { schemaVersion: REPORT_SCHEMA_VERSION, handlers: Object.fromEntries(entries) };
  if (report.prismaSchema !== null) {
    const queries = report.routes.flatMap((route) => queryKeys(route.file, route.queries).map(([key, query]) => [key, query.status] as const));
    baseline.queries = Object.fromEntries(queries.sort((a, b) => compareText(a[0], b[0])));
  }
  return baseline;
}

/** `file#Model.operation#n` for each query of a route: the n-th call of that operation on that model in the file. */
export function queryKeys(file: string, queries: readonly QueryReport[]): Array<[string, QueryReport]> {
  const seen = new Map<string, number>();
  return queries.map((query) => {
    const call = `${query.model}.${query.operation}`;
    const n = (seen.get(call) ?? 0) + 1;
    seen.set(call, n);
    return [`${file}#${call}#${n}`, query];
  });
}

/** Reads a baseline file's JSON: a baseline written by `--update-baseline`, or a JSON report. */
export function parseBaseline(json: unknown, file: string): Baseline {
  const value = json as Partial<Baseline & Report> | null;
  if (value && typeof value === 'object' && Array.isArray(value.routes)) {
    if (value.schemaVersion !== REPORT_SCHEMA_VERSION) {
      throw new BaselineError(`${file}: a JSON report of schemaVersion ${String(value.schemaVersion)}, not ${REPORT_SCHEMA_VERSION}; scan again to compare.`);
    }
    return baselineOf(value as Report);
  }
  if (!value || typeof value !== 'object' || typeof value.handlers !== 'object' || value.handlers === null) {
    throw new BaselineError(`${file}: not a tenant-isolation baseline (expected "handlers" or a JSON report's "routes"). Write one with --update-baseline.`);
  }
  if (value.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new BaselineError(`${file}: baseline schemaVersion ${String(value.schemaVersion)} is not ${REPORT_SCHEMA_VERSION}; write it again with --update-baseline.`);
  }
  return value as Baseline;
}

/**
 * Handlers that went backwards since the baseline, one by one, so that migrating one handler cannot pay for
 * breaking another, even in the same file:
 * - a wrapped handler that lost its wrapper (whatever it is now: unmigrated, suppressed, unwrapped, unparseable);
 * - a migrated handler that reads the session again (partial);
 * - a handler that was not reading the session outside the wrapper and now does (unmigrated or suppressed);
 * - a new handler that arrives unmigrated or suppressed.
 * A handler whose file no longer parses is a regression when it was wrapped: its file's handlers are unknown.
 */
export function findRegressions(report: Report, baseline: Baseline): Regression[] {
  const regressions: Regression[] = [];
  const present = new Set<string>();
  for (const route of report.routes) {
    for (const h of route.handlers) {
      const key = handlerKey(route.file, h.name);
      present.add(key);
      const before = baseline.handlers[key] ?? null;
      const kind = regressionKind(before, h.status);
      if (!kind) continue;
      regressions.push({ handler: key, file: route.file, name: h.name, line: h.line, kind, before, after: h.status, message: describe(kind, before, h.status) });
    }
  }
  // A file that stops parsing takes its handlers out of every figure: any that counted, wrapped or not, must not
  // leave the denominator unnoticed.
  const unparseable = new Set(report.errors.filter((e) => e.kind === 'route').map((e) => e.file));
  for (const [key, before] of Object.entries(baseline.handlers)) {
    if (present.has(key) || !IN_SCOPE.has(before)) continue;
    const hash = key.lastIndexOf('#');
    const file = key.slice(0, hash);
    if (!unparseable.has(file)) continue;
    const line = report.errors.find((e) => e.file === file)?.line ?? 1;
    const kind: RegressionKind = WRAPPED.has(before) ? 'lost-wrapper' : 'no-longer-known';
    regressions.push({ handler: key, file, name: key.slice(hash + 1), line, kind, before, after: 'error', message: describe(kind, before, 'error') });
  }
  if (baseline.queries) {
    // A query that is not scoped fails unless the baseline knew it unscoped (or suppressed) already.
    for (const route of report.routes) {
      for (const [key, query] of queryKeys(route.file, route.queries)) {
        const before = baseline.queries[key] ?? null;
        if (query.status !== 'unscoped' || before === 'unscoped' || before === 'suppressed') continue;
        const message = `${before === null ? 'new' : 'was scoped, now'} ${query.model}.${query.operation}() is not scoped to the verified tenant (${query.finding})`;
        regressions.push({ handler: key, file: route.file, name: `${query.model}.${query.operation}`, line: query.line, kind: 'unscoped-query', before, after: query.status, message });
      }
    }
  }
  return regressions.sort((a, b) => compareText(a.handler, b.handler));
}

function regressionKind(before: HandlerStatus | null, after: HandlerStatus): RegressionKind | null {
  if (before === null) return NOT_MIGRATED.has(after) || after === 'error' ? 'new-unmigrated' : null;
  if (WRAPPED.has(before) && !WRAPPED.has(after) && after !== 'public') return 'lost-wrapper';
  if (IN_SCOPE.has(before) && after === 'error') return 'no-longer-known';
  if (before === 'migrated' && after === 'partial') return 'reads-session-again';
  if (!NOT_MIGRATED.has(before) && !WRAPPED.has(before) && NOT_MIGRATED.has(after)) return 'new-session-read';
  return null;
}

function describe(kind: RegressionKind, before: HandlerStatus | null, after: HandlerStatus): string {
  switch (kind) {
    case 'new-unmigrated':
      return after === 'error'
        ? 'new handler arrived whose session reads cannot be told (a module it uses does not parse or resolve)'
        : `new handler arrived ${after}: wrap it in withTenantContext()`;
    case 'lost-wrapper':
      return after === 'error' ? `was ${before}, and its file no longer parses` : `was ${before}, is ${after}: it lost its wrapper`;
    case 'reads-session-again':
      return 'was migrated, now reads the session again inside the wrapper (partial)';
    case 'no-longer-known':
      return `was ${before}, and what it reads can no longer be told (its file or a module it uses does not parse or resolve)`;
    case 'new-session-read':
      return `was ${before}, now reads the session outside the wrapper (${after})`;
    case 'unscoped-query':
      return `a query is not scoped to the verified tenant`;
  }
}

/** Applies `--min-coverage` and `--baseline` to a report. */
export function runGate(report: Report, options: GateOptions): GateResult {
  const failures: string[] = [];
  const { covered, total } = report.summary.coverage;
  if (options.minCoverage !== undefined && options.minCoverage > 0 && total > 0 && covered * 100 < options.minCoverage * total) {
    failures.push(`migration coverage ${report.summary.coverage.percent}% is below the minimum of ${options.minCoverage}%`);
  }
  const scoping = report.summary.queryScoping;
  if (options.minQueryScoping !== undefined && options.minQueryScoping > 0 && scoping && scoping.total > 0 && scoping.covered * 100 < options.minQueryScoping * scoping.total) {
    failures.push(`query scoping ${scoping.percent}% is below the minimum of ${options.minQueryScoping}%`);
  }
  const regressions = options.baseline ? findRegressions(report, options.baseline) : [];
  const handlers = regressions.filter((r) => r.kind !== 'unscoped-query').length;
  const queries = regressions.length - handlers;
  if (handlers > 0) failures.push(`${handlers} handler${handlers === 1 ? '' : 's'} went backwards since the baseline`);
  if (queries > 0) failures.push(`${queries} quer${queries === 1 ? 'y is' : 'ies are'} not scoped to the tenant that the baseline did not know unscoped`);
  return { passed: failures.length === 0, failures, regressions };
}
