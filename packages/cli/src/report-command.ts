import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonErrorText, loadConfig } from '@tenant-isolation/core';
import {
  baselineOf,
  BaselineError,
  FORMAT_FILE_NAMES,
  githubAnnotations,
  githubStepSummary,
  isReportFormat,
  mergeReports,
  parseBaseline,
  parseShard,
  REPORT_FORMATS,
  reporters,
  runGate,
  scanProject,
  type DiscoveredGetter,
  type GateResult,
  type Report,
  type ReportFormat,
} from '@tenant-isolation/report';
import writeFileAtomic from 'write-file-atomic';
import { ensureWritableDirectory } from './directories';
import { UsageError } from '@tenant-isolation/codemod';
import { colors, type Output } from './output';
import { createProgress } from './progress';

export const DEFAULT_BASELINE = 'tenant-isolation-baseline.json';

export interface ReportOutputFlags {
  format: ReportFormat[];
  out?: string;
  minCoverage?: number;
  minQueryScoping?: number;
  baseline?: string;
  updateBaseline?: boolean;
  all?: boolean;
}

export interface ReportFlags extends ReportOutputFlags {
  tsconfig?: string;
  shard?: string;
  discover?: boolean;
}

/** `--format json,md --format sarif` → `['json', 'md', 'sarif']`, each checked. */
export function collectFormats(value: string, previous: ReportFormat[] | undefined): ReportFormat[] {
  const formats = [...(previous ?? [])];
  for (const name of value.split(',').map((f) => f.trim()).filter(Boolean)) {
    if (!isReportFormat(name)) throw new UsageError(`Unknown report format "${name}". Formats: ${REPORT_FORMATS.join(', ')}.`);
    if (!formats.includes(name)) formats.push(name);
  }
  return formats;
}

/** `tenant-isolation report [dir]`: scan the project, write the formats asked for, apply the gate. */
export async function reportCommand(dir: string | undefined, flags: ReportFlags, output: Output): Promise<number> {
  const root = path.resolve(dir ?? '.');
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`Not a directory: ${root}`);
  const { config } = await loadConfig(root);
  const tsconfig = flags.tsconfig !== undefined ? path.resolve(flags.tsconfig) : undefined;
  if (tsconfig && !fs.existsSync(tsconfig)) throw new UsageError(`--tsconfig: file not found: ${tsconfig}`);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  if (flags.out !== undefined && flags.format.some(writesFile)) ensureWritableDirectory('--out', path.resolve(flags.out));
  const progress = createProgress(output, 'Scanning');
  const { report, discoveredGetters, warnings } = await scanProject({
    root,
    config,
    version: toolVersion(),
    ...(tsconfig ? { tsconfig } : {}),
    ...(shard ? { shard } : {}),
    onFile: progress.update,
  });
  progress.stop();
  for (const warning of warnings) output.err(`${colors(output.color).yellow('warning')} ${warning}\n`);
  if (report.routes.length === 0 && !shard) {
    // A gate must not pass on nothing: 0/0 is not coverage.
    const where = `No route files found under ${root} (routes: ${config.routes.join(', ')}; ignore: ${config.ignore.join(', ')}).`;
    const hint = 'Run it in the project root, or set "routes" in tenant-isolation.config.json.';
    const gateAsked = flags.minCoverage !== undefined || config.report.failBelow > 0 || flags.baseline !== undefined;
    if (gateAsked) throw new UsageError(`${where} The coverage gate has nothing to measure. ${hint}`);
    output.err(`${colors(output.color).yellow('warning')} ${where} ${hint}\n`);
  }
  if (flags.minQueryScoping !== undefined && report.prismaSchema === null && !shard) {
    throw new UsageError(
      `--min-query-scoping: no Prisma schema found under ${root} (prisma/schema.prisma, prisma/schema/, the "prisma.schema" key of package.json, or "prisma.schema" in the config): the gate has nothing to measure.`,
    );
  }
  const minQueryScoping = flags.minQueryScoping ?? config.report.queryScopingFailBelow;
  const code = emitReport(report, { ...flags, minCoverage: flags.minCoverage ?? config.report.failBelow, minQueryScoping }, root, output, config.wrappers[0]!.name);
  if (flags.discover) output.out(discoverySnippet(discoveredGetters));
  return code;
}

/** `tenant-isolation report merge <files…>`: join the JSON reports of every shard, then as `report`. */
export async function mergeCommand(files: string[], flags: ReportOutputFlags, output: Output): Promise<number> {
  if (flags.out !== undefined && flags.format.some(writesFile)) ensureWritableDirectory('--out', path.resolve(flags.out));
  const reports = files.map((file) => readJson(file, 'report') as Report);
  const merged = mergeReports(reports);
  const minCoverage = flags.minCoverage ?? merged.thresholds.failBelow;
  const minQueryScoping = flags.minQueryScoping ?? merged.thresholds.queryScopingFailBelow;
  return emitReport(merged, { ...flags, minCoverage, minQueryScoping }, process.cwd(), output, 'withTenantContext');
}

/** Formats written to a file in `--out` rather than printed. */
const writesFile = (format: ReportFormat): boolean => format !== 'text' && format !== 'github';

function emitReport(report: Report, flags: ReportOutputFlags, root: string, output: Output, wrapperName: string): number {
  const c = colors(output.color);
  // Paths given on the command line are the shell's, relative to where it runs; the defaults live in the project.
  const outDir = flags.out !== undefined ? path.resolve(flags.out) : root;
  for (const format of flags.format) {
    if (format === 'text') {
      output.out(reporters.text(report, { color: output.color, all: flags.all ?? false, wrapperName }));
    } else if (format === 'github') {
      output.out(githubAnnotations(report, { wrapperName }));
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) fs.appendFileSync(summaryFile, githubStepSummary(report, { wrapperName }));
      else output.err(c.dim('GITHUB_STEP_SUMMARY is not set: the step summary was not written.\n'));
    } else {
      fs.mkdirSync(outDir, { recursive: true });
      const file = path.join(outDir, FORMAT_FILE_NAMES[format] ?? `tenant-isolation-report.${format}`);
      writeFileAtomic.sync(file, reporters[format](report, { wrapperName }));
      output.err(c.dim(`Wrote ${path.relative(process.cwd(), file) || file}\n`));
    }
  }
  return gate(report, flags, root, output);
}

function gate(report: Report, flags: ReportOutputFlags, root: string, output: Output): number {
  const c = colors(output.color);
  const baselineFile =
    flags.baseline !== undefined ? path.resolve(flags.baseline) : flags.updateBaseline ? path.join(root, DEFAULT_BASELINE) : null;
  let baseline;
  if (baselineFile && fs.existsSync(baselineFile)) baseline = parseBaseline(readJson(baselineFile, 'baseline'), baselineFile);
  else if (baselineFile && !flags.updateBaseline) {
    throw new UsageError(`Baseline not found: ${baselineFile}. Create it with --update-baseline.`);
  }
  const result: GateResult = runGate(report, {
    ...(flags.minCoverage !== undefined ? { minCoverage: flags.minCoverage } : {}),
    ...(flags.minQueryScoping !== undefined ? { minQueryScoping: flags.minQueryScoping } : {}),
    ...(baseline && !flags.updateBaseline ? { baseline } : {}),
  });
  if (flags.updateBaseline && baselineFile) {
    if (report.shard) throw new UsageError('--update-baseline needs the whole scan: run it without --shard, or on `report merge`.');
    writeFileAtomic.sync(baselineFile, `${JSON.stringify(baselineOf(report), null, 2)}\n`);
    output.err(`Baseline written: ${path.relative(process.cwd(), baselineFile) || baselineFile}\n`);
  }
  for (const regression of result.regressions) {
    output.err(`${c.red('regression')} ${regression.file}:${regression.line} ${regression.name}: ${regression.message}\n`);
  }
  for (const failure of result.failures) output.err(`${c.red('✖')} Gate failed: ${failure}.\n`);
  return result.passed ? 0 : 1;
}

/** The helpers routes call that reach the session, as the `indirectSessionGetters` entry the lint rule takes. */
export function discoverySnippet(getters: readonly DiscoveredGetter[]): string {
  if (getters.length === 0) return '// No imported helper called by a route handler reaches a session getter.\n';
  const entries = getters.map((g) => `    { "name": ${JSON.stringify(g.name)}, "from": ${JSON.stringify(g.from.length === 1 ? g.from[0] : g.from)} }`);
  const callers = getters.map((g) => `//   ${g.name} (${g.file}): called by ${g.calledBy.length} handler${g.calledBy.length === 1 ? '' : 's'}`);
  return [
    '// Helpers that read the session for the route handlers calling them. Add them to tenant-isolation.config.json',
    '// so that the lint rule reports their calls outside withTenantContext too:',
    ...callers,
    '{',
    '  "indirectSessionGetters": [',
    entries.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`The ${what} ${file} is ${jsonErrorText(text, (error as Error).message)}`);
  }
}

function toolVersion(): string {
  return (require('../package.json') as { version: string }).version;
}

export { BaselineError };
