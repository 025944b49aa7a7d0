import type { HandlerStatus } from '@tenant-isolation/core';
import type { Report } from '../model';
import { coverageLevel, formatRatio, headlineIcon, headlineText, LEVEL_ICONS, shardNote } from './headline';
import { ERROR_KIND_WORDS, errorLocation, formatVia, handlerLabel, handlerRows, hasWorkLeft, migrationRatio, oneLine, STATUS_MEANINGS, summaryCounts, type HandlerRow } from './handler-rows';
import { ratio as ratioOf } from '../summary';
import { groupByRouteDirectory } from './route-directories';
import { modelFigures, queryFindingText, queryHeadlineIcon, queryHeadlineText, queryLabel, queryLocation, unscopedQueries } from './queries';
import { wrapperNameOf, type Reporter, type ReporterOptions } from './types';

export const STATUS_MARKS: Record<HandlerStatus, string> = {
  migrated: '✅',
  partial: '🟡',
  unmigrated: '❌',
  suppressed: '🔕',
  unwrapped: '⚪',
  public: '🌐',
  error: '💥',
};

/**
 * Prose from the report (reasons, messages, names): everything Markdown or the HTML GitHub allows in it could read as
 * syntax is escaped, and `|` so it cannot end a table cell.
 */
export const markdownText = (text: string): string =>
  oneLine(text)
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/**
 * A file name or identifier as a code span inside a table cell. GitHub splits table rows on `|` before it reads code
 * spans, so `\|` is needed even here; the fence is longer than any run of backticks in the text.
 */
export function codeCell(text: string): string {
  const body = oneLine(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

const statusCell = (status: HandlerStatus): string => `${STATUS_MARKS[status]} ${status}`;

function summaryTable(report: Report): string[] {
  const { summary } = report;
  const lines = ['| figure | value | what it counts |', '| --- | ---: | --- |'];
  for (const { label, count, status } of summaryCounts(summary)) {
    const meaning = status ? STATUS_MEANINGS[status] : 'route files that could not be parsed: their handlers are unknown';
    lines.push(`| ${status ? statusCell(status) : `${STATUS_MARKS.error} ${label}`} | ${count} | ${meaning} |`);
  }
  lines.push(
    `| **migration coverage** | **${formatRatio(summary.coverage)}** | (migrated + partial) / (migrated + partial + unmigrated + suppressed + error) |`,
    `| **wrapper coverage** | **${formatRatio(summary.wrapperCoverage)}** | wrapped / (all handlers − public) |`,
  );
  return lines;
}

function directorySections(report: Report): string[] {
  const lines: string[] = [];
  // With a Prisma schema, each route also shows its queries scoped to the tenant.
  const queries = report.summary.queryScoping !== null;
  const routeQueries = (route: Report['routes'][number]): string =>
    queries ? ` ${route.queries.length === 0 ? '—' : formatRatio(ratioOf(route.queries.filter((q) => q.status === 'scoped').length, route.queries.length))} |` : '';
  for (const directory of groupByRouteDirectory(report.routes)) {
    const icon = LEVEL_ICONS[coverageLevel(directory.coverage, report.thresholds)];
    lines.push(`### ${markdownText(directory.name)} — ${formatRatio(directory.coverage)} ${icon}`, '');
    lines.push(queries ? '| route | methods | coverage | queries scoped |' : '| route | methods | coverage |', queries ? '| --- | --- | ---: | ---: |' : '| --- | --- | ---: |');
    for (const route of directory.routes) {
      // Work left is explained under "Remaining routes"; here a reason says why a route needs none (a public route).
      const methods = route.handlers.map(
        (handler) =>
          `${STATUS_MARKS[handler.status]} ${codeCell(handler.name)} ${handler.status}` +
          (handler.reason && !hasWorkLeft(handler.status) ? `: ${markdownText(handler.reason)}` : ''),
      );
      lines.push(
        `| ${codeCell(route.urlPath)}<br>${codeCell(route.file)} | ${methods.join('<br>') || '—'} | ${formatRatio(migrationRatio([route]))} |${routeQueries(route)}`,
      );
    }
    lines.push('');
  }
  return lines;
}

function remainingRow({ route, handler }: HandlerRow): string {
  const location =
    codeCell(`${route.file}:${handler.line}`) + (handler.definedIn ? `<br>defined in ${codeCell(handler.definedIn)}` : '');
  const calls = handler.sessionCalls.map((call) => `${codeCell(call.getter)} at ${codeCell(`${call.file}:${call.line}`)}`);
  const vias = handler.sessionCalls.map((call) => (call.via.length > 0 ? markdownText(formatVia(call.via)) : '—'));
  return (
    `| ${codeCell(handlerLabel({ route, handler }))} | ${location} | ${statusCell(handler.status)} | ` +
    `${calls.join('<br>') || '—'} | ${vias.join('<br>') || '—'} | ${handler.reason ? markdownText(handler.reason) : '—'} |`
  );
}

function remainingTable(rows: readonly HandlerRow[]): string[] {
  return [
    '| handler | location | status | session call | via | reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(remainingRow),
  ];
}

function errorTable(report: Report): string[] {
  return [
    '| file | kind | error |',
    '| --- | --- | --- |',
    ...report.errors.map((error) => `| ${codeCell(errorLocation(error))} | ${ERROR_KIND_WORDS[error.kind]} | ${markdownText(error.message)} |`),
  ];
}

/** A section, folded away behind its heading when the document is a CI summary people scroll past. */
function section(title: string, body: string[], collapsible: boolean): string[] {
  if (!collapsible) return [`## ${title}`, '', ...body];
  return ['<details>', `<summary><strong>${title}</strong></summary>`, '', ...body, '</details>', ''];
}

/** The query figure per model, then every query not scoped to the tenant. */
function querySection(report: Report): string[] {
  const lines = ['| model | scoped |', '| --- | ---: |'];
  for (const { model, ratio } of modelFigures(report)) lines.push(`| ${codeCell(model)} | ${formatRatio(ratio)} |`);
  lines.push('');
  const unscoped = unscopedQueries(report.routes);
  if (unscoped.length === 0) return [...lines, 'Every query on a tenant-scoped model is scoped to the verified tenant.', ''];
  lines.push('| query | location | handlers | why |', '| --- | --- | --- | --- |');
  for (const row of unscoped) {
    lines.push(`| ${codeCell(queryLabel(row.query))} | ${codeCell(queryLocation(row))} | ${row.query.handlers.map(codeCell).join(' ')} | ${markdownText(queryFindingText(row.query))} |`);
  }
  return [...lines, ''];
}

export interface MarkdownLayout {
  /** Fold the long sections into `<details>`: for a GitHub step summary. */
  collapsible: boolean;
}

export function renderMarkdownDocument(report: Report, options: ReporterOptions = {}, layout: MarkdownLayout = { collapsible: false }): string {
  const lines = [`${headlineText(report, wrapperNameOf(options))} ${headlineIcon(report)}`, ''];
  if (report.summary.queryScoping) lines.push(`${queryHeadlineText(report.summary.queryScoping)} ${queryHeadlineIcon(report)}`, '');
  const shard = shardNote(report);
  if (shard) lines.push(`_${shard}_`, '');
  lines.push(...summaryTable(report), '');

  const rows = handlerRows(report.routes);
  if (rows.length === 0) {
    lines.push('No route handlers found.', '');
  } else {
    const directories = groupByRouteDirectory(report.routes).length;
    lines.push(...section(`Routes by directory (${directories})`, directorySections(report), layout.collapsible));
    const remaining = rows.filter((row) => hasWorkLeft(row.handler.status));
    lines.push(
      ...section(
        `Remaining routes (${remaining.length})`,
        remaining.length > 0 ? [...remainingTable(remaining), ''] : ['Every handler in scope is migrated.', ''],
        layout.collapsible && remaining.length > 0,
      ),
    );
  }
  if (report.summary.queryScoping) {
    const unscoped = unscopedQueries(report.routes).length;
    lines.push(...section(`Queries not scoped to the tenant (${unscoped})`, querySection(report), layout.collapsible && unscoped > 0));
  }
  if (report.errors.length > 0) {
    lines.push(...section(`Files that could not be parsed (${report.errors.length})`, [...errorTable(report), ''], false));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** For a pull request or a wiki page: the headline on the first line, then the figures and the work left. */
export const renderMarkdown: Reporter = (report, options) => renderMarkdownDocument(report, options);
