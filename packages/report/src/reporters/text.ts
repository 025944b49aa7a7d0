import type { HandlerStatus } from '@tenant-isolation/core';
import pc from 'picocolors';
import type { Report } from '../model';
import { headlineIcon, headlineText, shardNote, wrapperCoverageText } from './headline';
import { describeSessionCall, ERROR_KIND_WORDS, errorLocation, handlerRows, hasWorkLeft, oneLine, plural, summaryCounts, type HandlerRow } from './handler-rows';
import { modelFigures, queryFindingText, queryHeadlineIcon, queryHeadlineText, queryLabel, queryLocation, unscopedQueries } from './queries';
import { wrapperNameOf, type Reporter } from './types';

type Colors = ReturnType<typeof pc.createColors>;
type Paint = (text: string) => string;

function statusPaint(colors: Colors): Record<HandlerStatus, Paint> {
  return {
    migrated: colors.green,
    partial: colors.yellow,
    unmigrated: colors.red,
    suppressed: colors.magenta,
    unwrapped: colors.cyan,
    public: colors.dim,
    error: colors.red,
  };
}

const COLUMNS = ['ROUTE', 'METHOD', 'STATUS', 'LOCATION', 'FIRST SESSION CALL'] as const;

function firstSessionCall({ handler }: HandlerRow): string {
  const [first, ...others] = handler.sessionCalls;
  if (!first) return '—';
  return describeSessionCall(first) + (others.length > 0 ? ` (+${others.length} more)` : '');
}

function cellsOf(row: HandlerRow): string[] {
  const { route, handler } = row;
  return [route.urlPath, handler.name, handler.status, `${route.file}:${handler.line}:${handler.column + 1}`, firstSessionCall(row)];
}

/** Padding is measured on the plain text, then painted, so escape codes never skew the columns. */
function handlerTable(rows: readonly HandlerRow[], colors: Colors): string[] {
  const paintStatus = statusPaint(colors);
  const body = rows.map(cellsOf);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const lastColumn = COLUMNS.length - 1;
  const line = (cells: readonly string[], paint: (cell: string, i: number) => string) =>
    `  ${cells.map((cell, i) => paint(i === lastColumn ? cell : cell.padEnd(widths[i]!), i)).join('  ')}`.trimEnd();

  const lines = [line(COLUMNS, (cell) => colors.bold(cell))];
  rows.forEach((row, r) => {
    lines.push(
      line(body[r]!, (cell, i) => {
        if (i === 2) return paintStatus[row.handler.status](cell);
        if (i === lastColumn && row.handler.sessionCalls.length === 0) return colors.dim(cell);
        return cell;
      }),
    );
    if (row.handler.definedIn) lines.push(colors.dim(`      ↳ defined in ${row.handler.definedIn}`));
    if (row.handler.reason) lines.push(colors.dim(`      ↳ ${oneLine(row.handler.reason)}`));
  });
  return lines;
}

/**
 * For a terminal: the headline, the counts, then every handler with work left (or every handler with `all`), then
 * the files that could not be parsed.
 */
export const renderText: Reporter = (report: Report, options = {}) => {
  const colors = pc.createColors(options.color ?? false);
  const paintStatus = statusPaint(colors);
  const lines: string[] = [];

  lines.push(`${headlineIcon(report)} ${colors.bold(headlineText(report, wrapperNameOf(options)))}`);
  const counts = summaryCounts(report.summary).map(({ label, count, status }) => {
    const text = `${count} ${label}`;
    if (count === 0) return colors.dim(text);
    return status ? paintStatus[status](text) : colors.red(text);
  });
  lines.push(`${counts.join(' · ')} · ${wrapperCoverageText(report)}`);
  const scoping = report.summary.queryScoping;
  if (scoping) {
    lines.push(`${queryHeadlineIcon(report)} ${colors.bold(queryHeadlineText(scoping))}`);
    const models = modelFigures(report).filter(({ ratio }) => ratio.covered < ratio.total);
    const shown = models.slice(0, 8).map(({ model, ratio }) => `${model} ${ratio.total - ratio.covered}/${ratio.total}`);
    if (models.length > shown.length) shown.push(`${models.length - shown.length} more models (md, html, json)`);
    if (shown.length > 0) lines.push(colors.dim(`not scoped, by model: ${shown.join(' · ')}`));
  }
  const shard = shardNote(report);
  if (shard) lines.push(colors.dim(shard));
  lines.push('');

  const all = handlerRows(report.routes);
  const listed = options.all ? all : all.filter((row) => hasWorkLeft(row.handler.status));
  if (all.length === 0) {
    lines.push('No route handlers found.');
  } else if (listed.length === 0) {
    lines.push(colors.green('Every handler in scope is migrated.'));
  } else {
    lines.push(colors.bold(options.all ? `${plural(listed.length, 'handler')}:` : `${plural(listed.length, 'handler')} with work left:`));
    lines.push(...handlerTable(listed, colors));
  }

  const unscoped = unscopedQueries(report.routes);
  if (unscoped.length > 0) {
    lines.push('', colors.bold(`${plural(unscoped.length, 'query', 'queries')} not scoped to the tenant:`));
    const locations = unscoped.map(queryLocation);
    const labels = unscoped.map(({ query }) => queryLabel(query));
    const width = Math.max(...locations.map((location) => location.length));
    const labelWidth = Math.max(...labels.map((label) => label.length));
    unscoped.forEach((row, i) =>
      lines.push(`  ${locations[i]!.padEnd(width)}  ${labels[i]!.padEnd(labelWidth)}  ${colors.red(queryFindingText(row.query))} ${colors.dim(`(${row.query.handlers.join(', ')})`)}`),
    );
  }

  if (report.errors.length > 0) {
    lines.push('', colors.red(`${plural(report.errors.length, 'file')} could not be parsed:`));
    const locations = report.errors.map(errorLocation);
    const width = Math.max(...locations.map((location) => location.length));
    report.errors.forEach((error, i) =>
      lines.push(`  ${locations[i]!.padEnd(width)}  ${oneLine(error.message)} ${colors.dim(`(${ERROR_KIND_WORDS[error.kind]})`)}`),
    );
  }
  return `${lines.join('\n')}\n`;
};
