import { formatCoverage, type Coverage } from '@tenant-isolation/core';
import type { AnonymousAnswerChange } from './types';
import type { FailureStage } from './migrate-file';

export const MIGRATION_REPORT_VERSION = 2;

export interface MigratedHandler {
  file: string;
  handler: string;
  line: number;
  /** False when the handler lets anonymous callers through and was wrapped with `{ requireAuth: false }`. */
  requireAuth: boolean;
  /** True for `--on-unsafe wrap-only`: wrapped, session read kept (status partial). */
  wrappedOnly: boolean;
  /**
   * Set under `--anonymous-response wrapper` when the wrapper now answers callers without a session in place of a
   * different answer of the handler's: what they got before (one entry per path) and what they get now.
   */
  anonymous?: AnonymousAnswerChange;
}

/** A session field handlers read that `sessionMapping` lacks: what to add to the context and the mapping. */
export interface UnmappedField {
  /** `session.user.isAdmin` */
  path: string;
  reads: number;
  /** Handlers left alone (or only wrapped) that read it. */
  handlers: number;
}

export interface LeftAlone {
  file: string;
  handler: string | null;
  line: number;
  reason: string;
}

export interface TypecheckRestore {
  file: string;
  /** The TypeScript errors the rewrite added, `file:line:col message`. */
  errors: string[];
}

/** A module the codemod failed on (a bug): left as it was, and worth reporting with this. */
export interface InternalError {
  file: string;
  /** `analyze` for the analysis and the rewrite in memory (and a worker thread that stopped on the file). */
  stage: FailureStage;
  message: string;
  /** The first frame of the stack, `at …`: where the error was thrown; null when it had none. */
  stack: string | null;
}

/** A file the run could not read or write (permissions, a full disk…): left as it was; fix it and run again. */
export interface FileSystemError {
  file: string;
  stage: 'read' | 'write';
  message: string;
}

export interface MigrationReport {
  version: typeof MIGRATION_REPORT_VERSION;
  generatedAt: string;
  root: string;
  selection: { targets: string[]; batch: string | null; limit: number | null };
  options: { dry: boolean; onUnsafe: string; anonymousResponse: string; typecheck: boolean; workers: number };
  filesScanned: number;
  filesChanged: string[];
  migrated: MigratedHandler[];
  leftAlone: LeftAlone[];
  restoredByTypecheck: TypecheckRestore[];
  /** Session fields the mapping lacks, by how many handlers they hold back, most first. */
  unmappedFields: UnmappedField[];
  /** Also in `leftAlone`, one entry per file. */
  internalErrors: InternalError[];
  /** Also in `leftAlone`, one entry per file. */
  fileSystemErrors: FileSystemError[];
  coverage: { before: Coverage; after: Coverage };
}

const percentText = (c: Coverage) => formatCoverage(c.migrated, c.inScope);

/** The report as JSON for tools: stable key order, one trailing newline. */
export function renderMigrationJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `403 {"error":"Forbidden"} (line 9) → 401 {"error":"Unauthorized"} (the wrapper)`: one handler's changed answer. */
export function anonymousChangeText(change: AnonymousAnswerChange): string {
  return `${change.before.join('; ')} → ${change.after}`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The report as Markdown for the pull request a batch goes into. */
export function renderMigrationMarkdown(report: MigrationReport): string {
  const lines: string[] = [];
  const { before, after } = report.coverage;
  const scope = report.selection.batch
    ? `batch ${report.selection.batch}`
    : report.selection.targets.length > 0
      ? report.selection.targets.join(', ')
      : 'all route files';
  lines.push(`# Migration to withTenantContext${report.options.dry ? ' (dry run)' : ''}`, '');
  lines.push(`Scope: ${scope}${report.selection.limit !== null ? `, first ${report.selection.limit} files with work left` : ''}.`, '');
  lines.push('| | before | after |', '| --- | --- | --- |');
  lines.push(`| Routes migrated to withTenantContext | ${percentText(before)} | ${percentText(after)} |`);
  lines.push(`| Unmigrated handlers | ${before.counts.unmigrated} | ${after.counts.unmigrated} |`);
  lines.push('');
  lines.push(
    `${report.filesScanned} files scanned, ${report.filesChanged.length} ${report.options.dry ? 'would change' : 'changed'}, ` +
      `${report.migrated.length} handlers migrated, ${report.leftAlone.length} left for a human.`,
    '',
  );
  if (report.migrated.length > 0) {
    lines.push('## Migrated', '', '| file | handler | line | note |', '| --- | --- | --- | --- |');
    for (const m of report.migrated) {
      const note = m.wrappedOnly
        ? 'wrapped only: still reads the session (partial)'
        : m.anonymous
          ? `anonymous: ${anonymousChangeText(m.anonymous)}`
          : m.requireAuth
            ? ''
            : 'allows anonymous callers: `{ requireAuth: false }`';
      lines.push(`| ${cell(m.file)} | ${m.handler} | ${m.line} | ${note} |`);
    }
    lines.push('');
  }
  if (report.leftAlone.length > 0) {
    lines.push('## Left alone', '', '| file | handler | line | why |', '| --- | --- | --- | --- |');
    for (const l of report.leftAlone) lines.push(`| ${cell(l.file)} | ${l.handler ?? '—'} | ${l.line} | ${cell(l.reason)} |`);
    lines.push('');
  }
  if (report.unmappedFields.length > 0) {
    lines.push(
      '## Session fields the mapping lacks',
      '',
      'Add each to the tenant context and to `sessionMapping` in the config, and the handlers that read it can be migrated.',
      '',
      '| field | reads | handlers |',
      '| --- | --- | --- |',
    );
    for (const f of report.unmappedFields) lines.push(`| \`${f.path}\` | ${f.reads} | ${f.handlers} |`);
    lines.push('');
  }
  if (report.restoredByTypecheck.length > 0) {
    lines.push('## Restored: the rewrite added TypeScript errors', '');
    for (const r of report.restoredByTypecheck) {
      lines.push(`- ${r.file}`);
      for (const e of r.errors) lines.push(`  - \`${e}\``);
    }
    lines.push('');
  }
  if (report.internalErrors.length > 0) {
    lines.push('## Internal errors: please report these modules', '');
    lines.push('The codemod failed on these files and left them as they were.', '');
    for (const e of report.internalErrors) {
      lines.push(`- ${e.file} (${e.stage}): ${e.message.replace(/\r?\n/g, ' ')}`);
      if (e.stack !== null) lines.push(`  - \`${e.stack}\``);
    }
    lines.push('');
  }
  return lines.join('\n');
}
