import { renderGithub } from './github';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';
import type { Reporter } from './types';

export type ReportFormat = 'text' | 'json' | 'md' | 'sarif' | 'html' | 'github';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'sarif', 'html', 'github'];

export const reporters: Record<ReportFormat, Reporter> = {
  text: renderText,
  json: renderJson,
  md: renderMarkdown,
  sarif: renderSarif,
  html: renderHtml,
  github: renderGithub,
};

/**
 * The file each format is written to; null for the formats printed instead: `text` to stdout, `github` (annotations)
 * to stdout, where the runner reads workflow commands, with `githubStepSummary` going to `$GITHUB_STEP_SUMMARY`.
 */
export const FORMAT_FILE_NAMES: Record<ReportFormat, string | null> = {
  text: null,
  json: 'tenant-isolation-report.json',
  md: 'tenant-isolation-report.md',
  sarif: 'tenant-isolation-report.sarif',
  html: 'tenant-isolation-report.html',
  github: null,
};

export const isReportFormat = (name: string): name is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(name);

export { githubAnnotations, githubStepSummary } from './github';
export { canonicalReport } from './json';
export { coverageLevel, headlineIcon, headlineText, type CoverageLevel } from './headline';
export { groupByRouteDirectory, routeDirectoryOf, type RouteDirectory } from './route-directories';
export { DEFAULT_WRAPPER_NAME, type Reporter, type ReporterOptions } from './types';
export { renderGithub, renderHtml, renderJson, renderMarkdown, renderSarif, renderText };
