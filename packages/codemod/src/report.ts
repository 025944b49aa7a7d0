import { formatCoverage, type HandlerStatus } from '@tenant-isolation/core';
import type { Ratio, SessionCallReport, Summary } from '@tenant-isolation/report';
import type { AnonymousAnswerChange } from './types';
import type { FailureStage } from './migrate-file';
import type { CallerEdit, KeptType } from './typecheck';

export const MIGRATION_REPORT_VERSION = 3;

export interface MigratedHandler {
  file: string;
  handler: string;
  line: number;
  /** False when the handler lets anonymous callers through and was wrapped with `{ requireAuth: false }`. */
  requireAuth: boolean;
  /** True for `--on-unsafe wrap-only`: wrapped, session read kept (status partial). */
  wrappedOnly: boolean;
  /**
   * Set when the route file takes the handler from another module (`export { default } from '…'`) that only this
   * route uses: the module that was rewritten in its place (project-relative); the route file is unchanged.
   */
  migratedIn?: string;
  /**
   * Set when the route file takes the handler from a module other files use too: that module, left as it was; the
   * handler was wrapped in the route file instead (`wrappedOnly`).
   */
  definedIn?: string;
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
  /** Context reads whose type is wider than the session read's, with the config change that would keep it. */
  hints?: string[];
  /** Set when only these handlers were left as they were, and the file's other rewrites kept. */
  handlers?: string[];
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
  /** With --typecheck: calls of wrapped handlers (tests' `GET(req)`) given the route-context argument. */
  callerEdits: CallerEdit[];
  /** With --typecheck: context reads of guaranteed keys that keep the session read's type (`ctx.userId!`). */
  keptTypes: KeptType[];
  /** Session fields the mapping lacks, by how many handlers they hold back, most first. */
  unmappedFields: UnmappedField[];
  /** Also in `leftAlone`, one entry per file. */
  internalErrors: InternalError[];
  /** Also in `leftAlone`, one entry per file. */
  fileSystemErrors: FileSystemError[];
  /**
   * The summary `tenant-isolation report` gives of the project before the run and after it (dry: as it would be):
   * the same scan, so the same figures the report prints right after the run.
   */
  coverage: { before: Summary; after: Summary };
  /** Handlers that still read the session after the run through functions they import, which the report counts. */
  sessionReadsThroughImports: SessionReadThroughImport[];
  /**
   * Handlers whose session read carries an `eslint-disable` with a reason: the run leaves them, and the figure counts
   * them as suppressed, so the report lists them rather than passing them over.
   */
  suppressed: SuppressedHandler[];
}

export interface SuppressedHandler {
  file: string;
  handler: string;
  line: number;
  /** Why, as the scan gives it (the disable comment's reason). */
  reason: string | null;
}

/**
 * A handler that reads the session through a function it imports: the project scan follows the call into that
 * module and counts the handler; the codemod, which rewrites one module at a time, does not see the read.
 */
export interface SessionReadThroughImport {
  /** The route file. */
  file: string;
  handler: string;
  line: number;
  /** After the run: `unmigrated`, `partial` (wrapped) or `suppressed`. */
  status: HandlerStatus;
  /** Set when the handler's own function is in another module (a re-export): that module. */
  definedIn: string | null;
  /** The imported functions it calls that reach a session getter, each with the module that defines it; never empty. */
  through: Array<{ name: string; definedIn: string }>;
  /** The session calls it reaches, as the report lists them. */
  sessionCalls: SessionCallReport[];
}

/** `124/150 (82.7%)`, as `tenant-isolation report` writes its headline. */
export const coverageText = (ratio: Ratio): string => formatCoverage(ratio.covered, ratio.total);

/** `getCurrentUser (lib/auth.ts)`: the imported functions through which a handler reads the session. */
export function importedReadersText(read: Pick<SessionReadThroughImport, 'through'>): string {
  return read.through.map((t) => `${t.name} (${t.definedIn})`).join(', ');
}

/** The report as JSON for tools: stable key order, one trailing newline. */
export function renderMigrationJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `403 {"error":"Forbidden"} (line 9) → 401 {"error":"Unauthorized"} (the wrapper)`: one handler's changed answer. */
export function anonymousChangeText(change: AnonymousAnswerChange): string {
  return `${change.before.join('; ')} → ${change.after}`;
}

/** What a migrated handler's entry says about how it was rewritten. */
function migratedNote(m: MigratedHandler): string {
  if (m.wrappedOnly) return 'wrapped only: still reads the session (partial)';
  if (m.anonymous) return `anonymous: ${anonymousChangeText(m.anonymous)}`;
  return m.requireAuth ? '' : 'allows anonymous callers: `{ requireAuth: false }`';
}

/**
 * `migrated in src/features/teams/api/list.ts`: where a handler the route file takes from another module was
 * rewritten, or which module it still comes from when it was wrapped in the route file. Empty for the others.
 */
export function handlerModuleNote(m: Pick<MigratedHandler, 'migratedIn' | 'definedIn'>): string {
  if (m.migratedIn !== undefined) return `migrated in ${m.migratedIn}`;
  if (m.definedIn !== undefined) return `wrapped in the route file; ${m.definedIn}, which other files use too, is unchanged`;
  return '';
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
  lines.push(`| Routes migrated to withTenantContext | ${coverageText(before.coverage)} | ${coverageText(after.coverage)} |`);
  lines.push(`| Unmigrated handlers | ${before.unmigrated} | ${after.unmigrated} |`);
  lines.push('');
  lines.push(
    'The figures are those `tenant-isolation report` gives of the project: the same scan, which follows handlers into the modules they import and re-export from.',
    '',
  );
  lines.push(
    `${report.filesScanned} files scanned, ${report.filesChanged.length} ${report.options.dry ? 'would change' : 'changed'}, ` +
      `${report.migrated.length} handlers migrated, ${report.leftAlone.length} left for a human.`,
    '',
  );
  if (report.migrated.length > 0) {
    lines.push('## Migrated', '', '| file | handler | line | note |', '| --- | --- | --- | --- |');
    for (const m of report.migrated) {
      const note = [handlerModuleNote(m), migratedNote(m)].filter((n) => n !== '').join('; ');
      lines.push(`| ${cell(m.file)} | ${m.handler} | ${m.line} | ${note} |`);
    }
    lines.push('');
  }
  if (report.leftAlone.length > 0) {
    lines.push('## Left alone', '', '| file | handler | line | why |', '| --- | --- | --- | --- |');
    for (const l of report.leftAlone) lines.push(`| ${cell(l.file)} | ${l.handler ?? '—'} | ${l.line} | ${cell(l.reason)} |`);
    lines.push('');
  }
  if (report.suppressed.length > 0) {
    lines.push(
      '## Suppressed',
      '',
      'Their session reads carry an `eslint-disable` comment with a reason, so the run leaves them and the figure counts them apart.',
      '',
      '| file | handler | line | reason |',
      '| --- | --- | --- | --- |',
    );
    for (const h of report.suppressed) lines.push(`| ${cell(h.file)} | ${h.handler} | ${h.line} | ${cell(h.reason ?? '—')} |`);
    lines.push('');
  }
  if (report.sessionReadsThroughImports.length > 0) {
    lines.push(
      '## Handlers that read the session through imported functions',
      '',
      'The report follows these calls into the modules the functions are in and counts the handlers; the codemod, which ' +
        'rewrites one module at a time, does not see the session read. Wrap each handler by hand and have the function ' +
        'read the tenant context instead of the session. `tenant-isolation report --discover` prints the functions as ' +
        '`indirectSessionGetters` entries, so that the lint rule flags their calls outside the wrapper too.',
      '',
      '| file | handler | line | status | through |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of report.sessionReadsThroughImports) {
      lines.push(`| ${cell(r.file)} | ${r.handler} | ${r.line} | ${r.status} | ${cell(importedReadersText(r))} |`);
    }
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
      lines.push(r.handlers ? `- ${r.file}: ${r.handlers.join(', ')} left as they were, the file's other handlers migrated` : `- ${r.file}`);
      for (const e of r.errors) lines.push(`  - \`${e}\``);
      for (const h of r.hints ?? []) lines.push(`  - ${h}`);
    }
    lines.push('');
  }
  if (report.callerEdits.length > 0) {
    lines.push(
      '## Callers given the route context',
      '',
      "A wrapped handler takes the route context as well as the request; these calls passed only the request.",
      '',
      '| file | line | call | handler | argument added |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const c of report.callerEdits) lines.push(`| ${cell(c.file)} | ${c.line} | \`${cell(c.call)}\` | ${cell(c.handler)} | \`${cell(c.argument)}\` |`);
    lines.push('');
  }
  if (report.keptTypes.length > 0) {
    lines.push(
      '## Context reads that keep the session read\'s type',
      '',
      'The session read could not be null; the context key is one the required context guarantees (`contextAccessor.guarantees`).',
      '',
      '| file | line | read | written |',
      '| --- | --- | --- | --- |',
    );
    for (const k of report.keptTypes) lines.push(`| ${cell(k.file)} | ${k.line} | \`${cell(k.read)}\` | \`${cell(k.wrote)}\` |`);
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
