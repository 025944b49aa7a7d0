import type * as Sarif from 'sarif';
import { handlerKey } from '../gate';
import type { Report } from '../model';
import { FINDING_RULES, handlerFindings, type Finding } from './findings';
import { describeSessionCall } from './handler-rows';
import { QUERY_RULE, queryFindingText, queryKeyOf, queryLabel, unscopedQueries } from './queries';
import { REPOSITORY_URL, wrapperNameOf, type Reporter } from './types';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_RULE_PREFIX = 'tenant-isolation/';

const DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/report-formats.md`;

/**
 * A project-relative path as a relative URI reference. Route paths are full of characters URIs reserve (`[id]`, and
 * `#`, `?` or `%` are legal in file names); `:` is encoded too, or `a:b/route.ts` would read as a scheme.
 */
export const fileUri = (file: string): string =>
  file
    .split('/')
    .map((segment) => segment.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=@]/gu, (c) => encodeURIComponent(c)))
    .join('/');

/** Report positions are 1-based lines and 0-based columns; SARIF regions are 1-based in both. */
const physicalLocation = (file: string, line: number, column: number): Sarif.PhysicalLocation => ({
  artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' },
  region: { startLine: line, startColumn: column + 1 },
});

function sarifResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const { route, handler } = finding.row;
  return {
    ruleId: SARIF_RULE_PREFIX + finding.rule.id,
    ruleIndex,
    level: finding.rule.level,
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(route.file, handler.line, handler.column) }],
    ...(handler.sessionCalls.length > 0 && {
      relatedLocations: handler.sessionCalls.map((call, i) => ({
        id: i + 1,
        physicalLocation: physicalLocation(call.file, call.line, call.column),
        message: { text: describeSessionCall(call) },
      })),
    }),
    // Line numbers move with every edit above the handler; its file and exported name do not. The same key as the gate's
    // baseline, so an alert and a baseline entry name a handler alike.
    partialFingerprints: { 'tenantIsolationHandler/v1': handlerKey(route.file, handler.name) },
    properties: {
      handler: handler.name,
      urlPath: route.urlPath,
      routeKind: route.kind,
      status: handler.status,
      wrapperChain: handler.wrapperChain,
      ...(handler.definedIn !== null && { definedIn: handler.definedIn }),
    },
  };
}

/**
 * SARIF 2.1.0 for code scanning: one result per handler with work left, at its export, with every session call it
 * reaches as a related location. Files that could not be parsed are tool notifications, not results: they say nothing
 * about a handler's tenant isolation.
 */
export const renderSarif: Reporter = (report: Report, options) => {
  const wrapperName = wrapperNameOf(options);
  const rules = FINDING_RULES.map((rule): Sarif.ReportingDescriptor => ({
    id: SARIF_RULE_PREFIX + rule.id,
    name: rule.name,
    shortDescription: { text: rule.title(wrapperName) },
    fullDescription: { text: rule.description(wrapperName) },
    helpUri: `${DOCS_URL}#${rule.id}`,
    help: { text: `${rule.description(wrapperName)} See ${DOCS_URL}#${rule.id}` },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['security', 'multi-tenant'] },
  }));
  const results = handlerFindings(report, wrapperName).map((finding) => sarifResult(finding, FINDING_RULES.indexOf(finding.rule)));
  if (report.summary.queryScoping) {
    rules.push({
      id: SARIF_RULE_PREFIX + QUERY_RULE.id,
      name: QUERY_RULE.name,
      shortDescription: { text: QUERY_RULE.title },
      fullDescription: { text: QUERY_RULE.description },
      helpUri: `${DOCS_URL}#${QUERY_RULE.id}`,
      help: { text: `${QUERY_RULE.description} See ${DOCS_URL}#${QUERY_RULE.id}` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'multi-tenant'] },
    });
    const ruleIndex = rules.length - 1;
    for (const row of unscopedQueries(report.routes)) {
      const { route, query } = row;
      results.push({
        ruleId: SARIF_RULE_PREFIX + QUERY_RULE.id,
        ruleIndex,
        level: 'error',
        message: { text: `${queryLabel(query)}: ${queryFindingText(query)}` },
        // An eslint-disable comment is an in-source suppression: viewers show the result as suppressed, not fixed.
        ...(query.status === 'suppressed' && { suppressions: [{ kind: 'inSource' as const }] }),
        locations: [{ physicalLocation: physicalLocation(route.file, query.line, query.column) }],
        // The gate's key for the query: stable while lines move.
        partialFingerprints: { 'tenantIsolationQuery/v1': queryKeyOf(row) },
        properties: { model: query.model, operation: query.operation, handlers: query.handlers, finding: query.finding, status: query.status },
      });
    }
  }
  const notifications = report.errors.map((error): Sarif.Notification => ({
    level: 'error',
    message: { text: `Could not parse ${error.file}: ${error.message}` },
    locations: [{ physicalLocation: physicalLocation(error.file, error.line, error.column) }],
    descriptor: { id: `${SARIF_RULE_PREFIX}parse-error` },
  }));

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            informationUri: REPOSITORY_URL,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        // Code scanning keeps one analysis per category: without one, each shard's upload would replace the last.
        ...(report.shard && { automationDetails: { id: `tenant-isolation/shard-${report.shard.index}-of-${report.shard.count}/` } }),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
