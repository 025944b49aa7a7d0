import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@tenant-isolation/core';
import {
  anonymousChangeText,
  coverageText,
  handlerModuleNote,
  importedReadersText,
  renderMigrationJson,
  renderMigrationMarkdown,
  runMigration,
  type FileChange,
  type MigrationReport,
  type AnonymousResponse,
  type OnUnsafe,
} from '@tenant-isolation/codemod';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';
import { ensureWritableDirectory } from './directories';
import { colors, type Output } from './output';
import { createProgress } from './progress';

export interface MigrateFlags {
  root: string;
  batch?: string;
  limit?: number;
  dry?: boolean;
  print?: boolean;
  force?: boolean;
  workers?: number;
  onUnsafe: OnUnsafe;
  anonymousResponse?: AnonymousResponse;
  typecheck?: boolean;
  tsconfig?: string;
  reportDir?: string;
}

export const defaultWorkers = (): number => Math.max(1, Math.min(os.availableParallelism(), 8));

/** `tenant-isolation migrate`: the codemod over the selected route files, then the migration report. */
export async function migrateCommand(targets: string[], flags: MigrateFlags, output: Output): Promise<number> {
  const root = path.resolve(flags.root);
  const { config, file: configFile } = await loadConfig(root);
  const c = colors(output.color);
  // Checked before the run: a report that cannot be written must not cost a migration its record.
  const reportDir = path.resolve(root, flags.reportDir ?? '.');
  ensureWritableDirectory('--report-dir', reportDir);
  const progress = createProgress(output, flags.dry ? 'Checking' : 'Migrating');
  const { report, changes } = await runMigration({
    root,
    config,
    targets,
    ...(flags.batch !== undefined ? { batch: flags.batch } : {}),
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    dry: flags.dry ?? false,
    force: flags.force ?? false,
    onUnsafe: flags.onUnsafe,
    anonymousResponse: flags.anonymousResponse ?? 'keep',
    workers: flags.workers ?? defaultWorkers(),
    typecheck: flags.typecheck ?? false,
    ...(flags.tsconfig !== undefined ? { tsconfig: flags.tsconfig } : {}),
    onProgress: progress.update,
    onTypecheckStart: () => {
      progress.stop();
      output.err('Typechecking the project with the rewrites…\n');
    },
  });
  progress.stop();

  if (flags.print) for (const change of changes) output.out(coloredDiff(change, output.color));

  const mdFile = path.join(reportDir, 'migration-report.md');
  const jsonFile = path.join(reportDir, 'migration-report.json');
  writeFileAtomic.sync(mdFile, renderMigrationMarkdown(report));
  writeFileAtomic.sync(jsonFile, renderMigrationJson(report));

  output.out(summary(report, c));
  if (report.filesScanned === 0) {
    // 0 of 0 files looks like a finished migration; in the wrong directory it is not one.
    const selection = [...targets, ...(flags.batch !== undefined ? [`batch ${flags.batch}`] : [])];
    output.err(
      `${c.yellow('warning')} ` +
        (selection.length > 0
          ? `No route file under ${root} matches ${selection.join(', ')}.\n`
          : `No route files found under ${root} (routes: ${config.routes.join(', ')}; ignore: ${config.ignore.join(', ')}). ` +
            'Run it in the project root, or set "routes" in tenant-isolation.config.json.\n'),
    );
  }
  output.out(
    `${c.dim(`Config: ${configFile ? path.relative(process.cwd(), configFile) : 'defaults (no tenant-isolation.config.*)'}. ` +
      `Report: ${path.relative(process.cwd(), mdFile)}, ${path.relative(process.cwd(), jsonFile)}`)}\n`,
  );
  return reportFailures(report, output);
}

/**
 * The exit code of a run that finished: 3 when the codemod failed on a module (a bug, to report), else 1 when a file
 * could not be read or written (the environment: fix it and run again; the report and every other file are
 * written), else 0. Both are told on stderr, so that CI logs say why the step failed.
 */
function reportFailures(report: MigrationReport, output: Output): number {
  const { internalErrors, fileSystemErrors } = report;
  if (fileSystemErrors.length > 0) {
    const shown = fileSystemErrors.slice(0, 10).map((e) => `  ${e.file}: ${e.message}`);
    if (fileSystemErrors.length > 10) shown.push(`  … and ${fileSystemErrors.length - 10} more`);
    output.err(
      `${files(fileSystemErrors.length)} could not be read or written, and ${fileSystemErrors.length === 1 ? 'was' : 'were'} left as ` +
        `${fileSystemErrors.length === 1 ? 'it was' : 'they were'}:\n${shown.join('\n')}\n` +
        'Fix their permissions (or free disk space) and run again.\n',
    );
  }
  if (internalErrors.length > 0) {
    output.err(
      `${files(internalErrors.length)} could not be migrated because of an internal error (listed in the report); ` +
        `please report ${internalErrors.length === 1 ? 'it' : 'them'}.\n`,
    );
    return 3;
  }
  return fileSystemErrors.length > 0 ? 1 : 0;
}

const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`;

/** What --typecheck took back: whole files, and handlers left in files whose other handlers were migrated. */
function restoredText(report: MigrationReport, c: ReturnType<typeof colors>): string {
  const whole = report.restoredByTypecheck.filter((r) => !r.handlers).length;
  const handlers = report.restoredByTypecheck.reduce((n, r) => n + (r.handlers?.length ?? 0), 0);
  const parts = [
    ...(whole > 0 ? [`${files(whole)} restored by --typecheck`] : []),
    ...(handlers > 0 ? [`${handlers} handler${handlers === 1 ? '' : 's'} left by --typecheck in files it migrated otherwise`] : []),
  ];
  return parts.length > 0 ? `, ${c.red(parts.join(', '))}` : '';
}

function summary(report: MigrationReport, c: ReturnType<typeof colors>): string {
  const { before, after } = report.coverage;
  const verb = report.options.dry ? 'Would migrate' : 'Migrated';
  const lines = [
    `${verb} ${c.bold(String(report.migrated.length))} handlers in ${report.filesChanged.length} of ${report.filesScanned} files; ` +
      `${report.leftAlone.length > 0 ? c.yellow(`${report.leftAlone.length} left for a human`) : 'none left for a human'}` +
      `${restoredText(report, c)}.`,
    `Routes migrated to withTenantContext: ${coverageText(before.coverage)} → ${c.bold(coverageText(after.coverage))}` +
      `${report.options.dry ? ' (after this run)' : ''}`,
  ];
  // Answers that change on purpose are listed in full: nothing changes silently.
  const changedAnswers = report.migrated.filter((m) => m.anonymous);
  if (changedAnswers.length > 0) lines.push(c.yellow(`The wrapper now answers callers without a session for ${changedAnswers.length} handlers:`));
  for (const m of changedAnswers) lines.push(`  ${c.dim(`${m.file}:${m.line}`)} ${m.handler} anonymous: ${anonymousChangeText(m.anonymous!)}`);
  // A route file that stays as it was while its handler was migrated: the diff to review is in another file.
  const takenFromModules = report.migrated.filter((m) => handlerModuleNote(m) !== '');
  if (takenFromModules.length > 0) lines.push(`Handlers route files take from other modules (${takenFromModules.length}):`);
  for (const m of takenFromModules) lines.push(`  ${c.dim(`${m.file}:${m.line}`)} ${m.handler} → ${handlerModuleNote(m)}`);
  if (report.callerEdits.length > 0) {
    const callerFiles = new Set(report.callerEdits.map((e) => e.file)).size;
    lines.push(`Gave ${report.callerEdits.length} calls of wrapped handlers in ${files(callerFiles)} the route-context argument (listed in the report).`);
  }
  if (report.keptTypes.length > 0) {
    lines.push(`Kept the session read's type at ${report.keptTypes.length} context reads of guaranteed keys (\`ctx.userId!\`; listed in the report).`);
  }
  if (report.unmappedFields.length > 0) {
    const fields = report.unmappedFields.slice(0, 5).map((f) => `${f.path} (${f.handlers} handlers)`).join(', ');
    const more = report.unmappedFields.length > 5 ? `, and ${report.unmappedFields.length - 5} more in the report` : '';
    lines.push(`Session fields sessionMapping lacks: ${fields}${more}.`);
  }
  for (const left of report.leftAlone.slice(0, 15)) {
    lines.push(`  ${c.dim(`${left.file}:${left.line}`)} ${left.handler ?? ''} ${left.reason}`);
  }
  if (report.leftAlone.length > 15) lines.push(`  … ${report.leftAlone.length - 15} more in the report`);
  // The figure is the report's, which counts these as well: say which they are, or they would look missed.
  const throughImports = report.sessionReadsThroughImports;
  if (throughImports.length > 0) {
    const subject = throughImports.length === 1 ? '1 handler reads' : `${throughImports.length} handlers read`;
    lines.push(c.yellow(`${subject} the session through imported functions, which the codemod does not rewrite:`));
    for (const r of throughImports.slice(0, 10)) lines.push(`  ${c.dim(`${r.file}:${r.line}`)} ${r.handler} ${r.status}, through ${importedReadersText(r)}`);
    if (throughImports.length > 10) lines.push(`  … ${throughImports.length - 10} more in the report`);
  }
  if (report.suppressed.length > 0) {
    const subject = report.suppressed.length === 1 ? '1 handler is' : `${report.suppressed.length} handlers are`;
    lines.push(`${subject} suppressed by an eslint-disable comment with a reason, and left as ${report.suppressed.length === 1 ? 'it is' : 'they are'} (listed in the report).`);
  }
  return `${lines.join('\n')}\n`;
}

function coloredDiff(change: FileChange, color: boolean): string {
  const patch = createTwoFilesPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after, undefined, undefined, {
    context: 3,
  })
    .split('\n')
    .filter((line) => !/^=+$/.test(line))
    .map((line) => (line.startsWith('--- ') || line.startsWith('+++ ') ? line.replace(/\t$/, '') : line))
    .join('\n');
  if (!color) return patch;
  const c = colors(true);
  return patch
    .split('\n')
    .map((line) =>
      line.startsWith('+++') || line.startsWith('---')
        ? c.bold(line)
        : line.startsWith('+')
          ? c.green(line)
          : line.startsWith('-')
            ? c.red(line)
            : line.startsWith('@@')
              ? c.cyan(line)
              : line,
    )
    .join('\n');
}
