import type { FileError, HandlerReport, Ratio, Report, RouteReport, SessionCallReport, Summary } from '../model';
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

const route = (r: RouteReport): RouteReport => ({ file: r.file, urlPath: r.urlPath, kind: r.kind, handlers: r.handlers.map(handler) });

const fileError = (e: FileError): FileError => ({ file: e.file, kind: e.kind, line: e.line, column: e.column, message: e.message });

/** The report in model key order. */
export function canonicalReport(report: Report): Report {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    thresholds: { warnBelow: report.thresholds.warnBelow, failBelow: report.thresholds.failBelow },
    shard: report.shard ? { index: report.shard.index, count: report.shard.count } : null,
    summary: summary(report.summary),
    routes: report.routes.map(route),
    errors: report.errors.map(fileError),
  };
}

/** The report itself, documented in docs/report-schema.md: the format `report merge` and `--baseline` read back. */
export const renderJson: Reporter = (report) => `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
