import type { RouteModuleFacts, TenantIsolationConfig } from '@tenant-isolation/core';
import { scanProjectTrees, TsconfigError, type ScanResult, type Summary } from '@tenant-isolation/report';
import { UsageError } from './errors';
import type { FileMigration } from './migrate-file';
import type { SessionReadThroughImport, SuppressedHandler } from './report';

export interface CoverageScanInput {
  root: string;
  config: TenantIsolationConfig;
  /** The tsconfig that resolves imports, as `report --tsconfig` takes it (default: each file's nearest). */
  tsconfig?: string;
  /** True when nothing was written: the tree after the run exists only in `changes`. */
  dry: boolean;
  /** What the run did with each file it migrated in memory, with the facts its worker found on the way. */
  results: readonly FileMigration[];
  /** Every file the run changed (or, dry, would change), with its text before and after. */
  changes: ReadonlyArray<{ file: string; before: string; after: string }>;
}

export interface MigrationCoverage {
  /** The summary `tenant-isolation report` gives of the project as it was, and as the run leaves it. */
  before: Summary;
  after: Summary;
  /** Handlers that, after the run, still read the session through functions they import. */
  sessionReadsThroughImports: SessionReadThroughImport[];
  /** Handlers suppressed after the run (a disable comment with a reason on their session read). */
  suppressed: SuppressedHandler[];
}

const STILL_READS_THE_SESSION = new Set(['unmigrated', 'partial', 'suppressed']);

/**
 * Coverage before and after a run, as `tenant-isolation report` computes it: the same project scan, which follows
 * handlers into the modules they import and re-export from, so the run and the report give one figure. The two
 * trees share what they can (route files, import resolution, the analyses of modules the run left as they were),
 * and the route files the run's worker threads parsed are not parsed again.
 */
export async function scanMigrationCoverage(input: CoverageScanInput): Promise<MigrationCoverage> {
  // The disk holds one of the two trees; the other is the changes laid over it.
  const changed = (side: 'before' | 'after') => new Map(input.changes.map((c) => [c.file, c[side]]));
  const trees = input.dry ? [new Map(), changed('after')] : [changed('before'), new Map()];
  let scans: ScanResult[];
  try {
    scans = await scanProjectTrees(
      {
        root: input.root,
        config: input.config,
        version: codemodVersion(),
        routeFacts: factsOfTexts(input.results),
        ...(input.tsconfig !== undefined ? { tsconfig: input.tsconfig } : {}),
      },
      trees,
    );
  } catch (error) {
    if (error instanceof TsconfigError) throw new UsageError(`${error.message} (--tsconfig)`);
    throw error;
  }
  const [before, after] = scans as [ScanResult, ScanResult];
  return {
    before: before.report.summary,
    after: after.report.summary,
    sessionReadsThroughImports: sessionReadsThroughImports(after),
    suppressed: after.report.routes.flatMap((route) =>
      route.handlers.filter((h) => h.status === 'suppressed').map((h) => ({ file: route.file, handler: h.name, line: h.line, reason: h.reason })),
    ),
  };
}

/** The facts the worker threads found, looked up by file and exact text. */
function factsOfTexts(results: readonly FileMigration[]): (file: string, text: string) => RouteModuleFacts | undefined {
  const byFile = new Map(results.filter((r) => r.routeFacts).map((r) => [r.file, r.routeFacts!]));
  return (file, text) => byFile.get(file)?.find((parsed) => parsed.text === text)?.facts;
}

/**
 * The handlers that, after the run, still read the session through functions they import: the functions the
 * report's `--discover` lists, by the handlers that call them.
 */
function sessionReadsThroughImports({ report, discoveredGetters }: ScanResult): SessionReadThroughImport[] {
  const through = new Map<string, Array<{ name: string; definedIn: string }>>();
  for (const getter of discoveredGetters) {
    for (const handler of getter.calledBy) through.set(handler, [...(through.get(handler) ?? []), { name: getter.name, definedIn: getter.file }]);
  }
  const found: SessionReadThroughImport[] = [];
  for (const route of report.routes) {
    for (const handler of route.handlers) {
      const functions = through.get(`${route.file}#${handler.name}`);
      if (!functions || !STILL_READS_THE_SESSION.has(handler.status)) continue;
      found.push({
        file: route.file,
        handler: handler.name,
        line: handler.line,
        status: handler.status,
        definedIn: handler.definedIn,
        through: functions,
        sessionCalls: handler.sessionCalls,
      });
    }
  }
  return found;
}

function codemodVersion(): string {
  return (require('../package.json') as { version: string }).version;
}
