import type { FileError, HandlerReport, QueryReport, Ratio, Report, RouteReport, SessionCallReport, Summary } from '../model';
import type { Reporter } from './types';

// Rebuilt field by field so the keys come out in model order whatever order the scan or a merge built them in, and a
// required field added to the model without being added here fails to compile rather than vanishing from the JSON.

const ratio = (r: Ratio): Ratio => ({ covered: r.covered, total: r.total, percent: r.percent });

const summary = (s: Summary): Summary => ({
  handlers: s.handlers,
  migrated: s.migrated,
  partial: s.partial,
  unmigrated: s.unmigrated,
  unwrapped: s.unwrapped,
  public: s.public,
  suppressed: s.suppressed,
  errors: s.errors,
  coverage: ratio(s.coverage),
  wrapperCoverage: ratio(s.wrapperCoverage),
  queryScoping: s.queryScoping ? ratio(s.queryScoping) : null,
  // By model name, whatever order a merge or a hand-built report has them in.
  queryScopingByModel: Object.fromEntries(
    Object.entries(s.queryScopingByModel)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([model, r]) => [model, ratio(r)]),
  ),
});

const sessionCall = (c: SessionCallReport): SessionCallReport => ({
  file: c.file,
  line: c.line,
  column: c.column,
  getter: c.getter,
  via: [...c.via],
});

const handler = (h: HandlerReport): HandlerReport => ({
  name: h.name,
  status: h.status,
  line: h.line,
  column: h.column,
  wrapperChain: [...h.wrapperChain],
  definedIn: h.definedIn,
  sessionCalls: h.sessionCalls.map(sessionCall),
  reason: h.reason,
});

const query = (q: QueryReport): QueryReport => ({
  line: q.line,
  column: q.column,
  model: q.model,
  operation: q.operation,
  handlers: [...q.handlers],
  status: q.status,
  finding: q.finding,
  source: q.source,
});

const route = (r: RouteReport): RouteReport => ({
  file: r.file,
  urlPath: r.urlPath,
  kind: r.kind,
  handlers: r.handlers.map(handler),
  queries: r.queries.map(query),
});

const fileError = (e: FileError): FileError => ({ file: e.file, kind: e.kind, line: e.line, column: e.column, message: e.message });

/** The report in model key order. */
export function canonicalReport(report: Report): Report {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    thresholds: {
      warnBelow: report.thresholds.warnBelow,
      failBelow: report.thresholds.failBelow,
      queryScopingFailBelow: report.thresholds.queryScopingFailBelow,
    },
    shard: report.shard ? { index: report.shard.index, count: report.shard.count } : null,
    summary: summary(report.summary),
    routes: report.routes.map(route),
    errors: report.errors.map(fileError),
    prismaSchema: report.prismaSchema ? [...report.prismaSchema] : null,
  };
}

/** The report itself, documented in docs/report-schema.md: the format `report merge` and `--baseline` read back. */
export const renderJson: Reporter = (report) => `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
