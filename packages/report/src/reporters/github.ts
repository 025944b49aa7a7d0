import type { Report } from '../model';
import { handlerFindings } from './findings';
import { renderMarkdownDocument } from './markdown';
import { QUERY_RULE, queryFindingText, queryLabel, unscopedQueries } from './queries';
import { wrapperNameOf, type Reporter, type ReporterOptions } from './types';

// The escaping of GitHub's workflow commands, as @actions/core does it: data may not hold line breaks or a bare `%`;
// properties additionally may not hold the `,` and `:` that separate them.
export const escapeCommandData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export const escapeCommandProperty = (text: string): string => escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

interface Annotation {
  command: 'error' | 'warning';
  file: string;
  line: number;
  /** 0-based, as in the report. */
  column: number;
  title: string;
  message: string;
}

function annotationLine(annotation: Annotation): string {
  const properties = [
    `file=${escapeCommandProperty(annotation.file)}`,
    `line=${annotation.line}`,
    `col=${annotation.column + 1}`,
    `title=${escapeCommandProperty(annotation.title)}`,
  ];
  return `::${annotation.command} ${properties.join(',')}::${escapeCommandData(annotation.message)}`;
}

/**
 * Workflow commands that put each handler with work left on its line of the pull request diff: `::error` for an
 * unmigrated handler, `::warning` for the rest and for files that could not be parsed.
 */
export function githubAnnotations(report: Report, options: ReporterOptions = {}): string {
  const wrapperName = wrapperNameOf(options);
  const annotations: Annotation[] = handlerFindings(report, wrapperName).map(({ rule, row, message }) => ({
    command: rule.level === 'error' ? 'error' : 'warning',
    file: row.route.file,
    line: row.handler.line,
    column: row.handler.column,
    title: rule.title(wrapperName),
    message,
  }));
  for (const { route, query } of unscopedQueries(report.routes)) {
    annotations.push({
      command: query.status === 'suppressed' ? 'warning' : 'error',
      file: route.file,
      line: query.line,
      column: query.column,
      title: QUERY_RULE.title,
      message: `${queryLabel(query)}: ${queryFindingText(query)}`,
    });
  }
  for (const error of report.errors) {
    annotations.push({ command: 'warning', ...error, title: 'tenant-isolation could not parse this file', message: error.message });
  }
  return annotations.map((annotation) => `${annotationLine(annotation)}\n`).join('');
}

/** Markdown for `$GITHUB_STEP_SUMMARY`: the `md` format with its long sections folded. */
export function githubStepSummary(report: Report, options: ReporterOptions = {}): string {
  return renderMarkdownDocument(report, options, { collapsible: true });
}

export const renderGithub: Reporter = githubAnnotations;
