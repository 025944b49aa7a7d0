import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '@tenant-isolation/core';
import type { Summary } from '@tenant-isolation/report';
import { runMigration, type MigrationReport } from '@tenant-isolation/codemod';
import transform from '../src/transform';

/*
 * A module the codemod fails on, and a file the run cannot read or write, cost only that file. No module makes the
 * codemod throw once its bugs are fixed, so the failures are injected: migrateModule throws for one file name, the
 * file read and the write fail for others, each as the real call would (an error with an errno code for the file
 * system). Everything else is the real code, in this thread (`workers: 1`).
 */
jest.mock('../src/migrate-module', () => {
  const actual = jest.requireActual<typeof import('../src/migrate-module')>('../src/migrate-module');
  return {
    ...actual,
    migrateModule: (...args: Parameters<typeof actual.migrateModule>) => {
      if (args[1] === 'app/api/crash/route.ts') throw new TypeError("Cannot read properties of undefined (reading 'range')");
      return actual.migrateModule(...args);
    },
  };
});

const mockSystemError = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: 'open' });

jest.mock('@tenant-isolation/core', () => {
  const actual = jest.requireActual<typeof import('@tenant-isolation/core')>('@tenant-isolation/core');
  return {
    ...actual,
    readSourceFile: (file: string) => {
      if (file.endsWith('app/api/unreadable/route.ts')) throw mockSystemError('EACCES', `EACCES: permission denied, open '${file}'`);
      return actual.readSourceFile(file);
    },
  };
});

jest.mock('write-file-atomic', () => {
  const actual = jest.requireActual<typeof import('write-file-atomic')>('write-file-atomic');
  const sync = (file: string, ...rest: unknown[]) => {
    if (file.endsWith('app/api/unwritable/route.ts')) throw mockSystemError('EACCES', `EACCES: permission denied, open '${file}.1234'`);
    if (file.endsWith('app/api/bad-write/route.ts')) throw new TypeError('The "data" argument must be of type string');
    return (actual.sync as (...a: unknown[]) => void)(file, ...rest);
  };
  return Object.assign((...a: unknown[]) => (actual as unknown as (...a: unknown[]) => unknown)(...a), actual, { sync });
});

const ROUTE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;

/** GET can be rewritten; POST hands the session to another function, so it is left alone. */
const ROUTE_WITH_ESCAPE = `${ROUTE}
export async function POST() {
  const session = await getServerSession(authOptions);
  return Response.json(await audit(session));
}
`;

const CONFIG = resolveConfig({});

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-failures-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The parts of the report a failure changes. */
const outcome = (report: MigrationReport) => ({
  filesScanned: report.filesScanned,
  filesChanged: report.filesChanged,
  migrated: report.migrated,
  leftAlone: report.leftAlone,
  internalErrors: report.internalErrors,
  fileSystemErrors: report.fileSystemErrors,
  coverage: report.coverage,
});

const migratedGet = (file: string) => ({ file, handler: 'GET', line: 4, requireAuth: true, wrappedOnly: false });

/** The summary `tenant-isolation report` gives of handlers that are migrated or unmigrated, and of route files it could not read. */
function reportSummary({ migrated, unmigrated, percent, errors = 0 }: { migrated: number; unmigrated: number; percent: number; errors?: number }): Summary {
  const ratio = { covered: migrated, total: migrated + unmigrated, percent };
  return { handlers: migrated + unmigrated, migrated, partial: 0, unmigrated, unwrapped: 0, public: 0, suppressed: 0, errors, coverage: ratio, wrapperCoverage: ratio, queryScoping: null, queryScopingByModel: {} };
}
const THROWN_HERE = expect.stringMatching(/^at .*migrate-failures\.test\.ts:\d+:\d+\)?$/);

describe('a file the run fails on', () => {
  it('a module the codemod throws on is left as it was and listed as an internal error; the others are migrated and written', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/crash/route.ts': ROUTE });
    const { report, changes } = await runMigration({ root, config: CONFIG, force: true, workers: 1 });
    const message = "Cannot read properties of undefined (reading 'range')";
    expect(outcome(report)).toEqual({
      filesScanned: 2,
      filesChanged: ['app/api/a/route.ts'],
      migrated: [migratedGet('app/api/a/route.ts')],
      leftAlone: [{ file: 'app/api/crash/route.ts', handler: null, line: 1, reason: `internal error: ${message}; please report this module` }],
      internalErrors: [{ file: 'app/api/crash/route.ts', stage: 'analyze', message, stack: THROWN_HERE }],
      fileSystemErrors: [],
      // The crashed module counts as it is on disk: its GET still unmigrated.
      coverage: {
        before: reportSummary({ migrated: 0, unmigrated: 2, percent: 0 }),
        after: reportSummary({ migrated: 1, unmigrated: 1, percent: 50 }),
      },
    });
    expect(report.version).toBe(3);
    expect(changes.map((c) => c.file)).toEqual(['app/api/a/route.ts']);
    expect(read(root, 'app/api/a/route.ts')).toContain('export const GET = withTenantContext(async () => {');
    expect(read(root, 'app/api/crash/route.ts')).toBe(ROUTE);
  });

  it('a file that cannot be read or written is left as it was and listed as a file system error, not as changed', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/unreadable/route.ts': ROUTE, 'app/api/unwritable/route.ts': ROUTE_WITH_ESCAPE });
    const { report, changes } = await runMigration({ root, config: CONFIG, force: true, workers: 1 });
    const cannotRead = `EACCES: permission denied, open '${path.join(root, 'app/api/unreadable/route.ts')}'`;
    const cannotWrite = `EACCES: permission denied, open '${path.join(root, 'app/api/unwritable/route.ts')}.1234'`;
    const postLeftAlone = report.leftAlone.find((l) => l.handler === 'POST');
    expect(postLeftAlone?.reason).toMatch(/session/);
    expect(outcome(report)).toEqual({
      filesScanned: 3,
      filesChanged: ['app/api/a/route.ts'],
      migrated: [migratedGet('app/api/a/route.ts')],
      leftAlone: [
        { file: 'app/api/unreadable/route.ts', handler: null, line: 1, reason: `could not be read: ${cannotRead}` },
        // The entry for the file points at the handler the lost rewrite had migrated; POST keeps its own reason.
        { file: 'app/api/unwritable/route.ts', handler: null, line: 4, reason: `could not be written: ${cannotWrite}` },
        { file: 'app/api/unwritable/route.ts', handler: 'POST', line: 10, reason: postLeftAlone!.reason },
      ],
      internalErrors: [],
      fileSystemErrors: [
        { file: 'app/api/unreadable/route.ts', stage: 'read', message: cannotRead },
        { file: 'app/api/unwritable/route.ts', stage: 'write', message: cannotWrite },
      ],
      // As the report counts it: the file it cannot read is a route error, its handler unknown and not counted.
      coverage: {
        before: reportSummary({ migrated: 0, unmigrated: 3, percent: 0, errors: 1 }),
        after: reportSummary({ migrated: 1, unmigrated: 2, percent: 33.33, errors: 1 }),
      },
    });
    expect(changes.map((c) => c.file)).toEqual(['app/api/a/route.ts']);
    expect(read(root, 'app/api/a/route.ts')).toContain('export const GET = withTenantContext(async () => {');
    expect(read(root, 'app/api/unwritable/route.ts')).toBe(ROUTE_WITH_ESCAPE);
  });

  it('a write that fails without a file system error code is an internal error of the write stage', async () => {
    const root = project({ 'app/api/bad-write/route.ts': ROUTE });
    const { report } = await runMigration({ root, config: CONFIG, force: true, workers: 1 });
    const message = 'The "data" argument must be of type string';
    expect(outcome(report)).toEqual({
      filesScanned: 1,
      filesChanged: [],
      migrated: [],
      leftAlone: [{ file: 'app/api/bad-write/route.ts', handler: null, line: 4, reason: `internal error: ${message}; please report this module` }],
      internalErrors: [{ file: 'app/api/bad-write/route.ts', stage: 'write', message, stack: THROWN_HERE }],
      fileSystemErrors: [],
      coverage: { before: reportSummary({ migrated: 0, unmigrated: 1, percent: 0 }), after: reportSummary({ migrated: 0, unmigrated: 1, percent: 0 }) },
    });
    expect(read(root, 'app/api/bad-write/route.ts')).toBe(ROUTE);
  });

  it('a dry run lists the module the codemod throws on the same way, and writes nothing', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/crash/route.ts': ROUTE });
    const { report } = await runMigration({ root, config: CONFIG, dry: true, workers: 1 });
    expect([report.filesChanged, report.internalErrors.map((e) => [e.file, e.stage]), report.coverage.after.migrated]).toEqual([
      ['app/api/a/route.ts'],
      [['app/api/crash/route.ts', 'analyze']],
      1,
    ]);
    expect([read(root, 'app/api/a/route.ts'), read(root, 'app/api/crash/route.ts')]).toEqual([ROUTE, ROUTE]);
  });
});

describe('the jscodeshift transform on a module the codemod throws on', () => {
  it('reports it with the file and the message, and leaves it unchanged instead of throwing', () => {
    const root = project({});
    const reports: string[] = [];
    const api = { report: (message: string) => reports.push(message) };
    const crashed = transform({ path: path.join(root, 'app/api/crash/route.ts'), source: ROUTE }, api, { root, config: CONFIG });
    const next = transform({ path: path.join(root, 'app/api/a/route.ts'), source: ROUTE }, api, { root, config: CONFIG });
    expect(crashed).toBeUndefined();
    expect(next).toContain('export const GET = withTenantContext(async () => {');
    expect(reports).toEqual([
      expect.stringMatching(
        /^app\/api\/crash\/route\.ts: internal error, left as it was: Cannot read properties of undefined \(reading 'range'\) \(at .*migrate-failures\.test\.ts:\d+:\d+\)?\); please report this module$/,
      ),
    ]);
  });
});
