import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/index';
import { capture } from './support/capture';

/*
 * `migrate` when some files fail: it still migrates the others, writes its report, and says in its exit code what
 * failed. The codemod throwing is injected (no module makes it throw once its bugs are fixed): migrateModule throws
 * for app/api/crash/route.ts and is the real one for every other file. Write failures are real.
 */
jest.mock('@tenant-isolation/codemod/migrate-module', () => {
  const actual = jest.requireActual<typeof import('@tenant-isolation/codemod/migrate-module')>('@tenant-isolation/codemod/migrate-module');
  return {
    ...actual,
    migrateModule: (...args: Parameters<typeof actual.migrateModule>) => {
      if (args[1] === 'app/api/crash/route.ts') throw new TypeError("Cannot read properties of undefined (reading 'range')");
      return actual.migrateModule(...args);
    },
  };
});

const ROUTE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;

const PAGES_ROUTE = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });
  res.json({ tenant: session.user.tenantId });
}
`;
const PAGES_CONFIG = JSON.stringify({ pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }] });

/**
 * A file name one short of the usual 255-byte limit: the file itself can be read, but write-file-atomic's temporary
 * file next to it (`<name>.<number>`) cannot be created, whoever runs the test.
 */
const LONG_NAME = `pages/api/${'x'.repeat(251)}.ts`;

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-cli-failures-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const migrate = async (root: string) => {
  const output = capture();
  const code = await main(['node', 'tenant-isolation', 'migrate', '--root', root, '--force', '--workers', '1'], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
};

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const jsonReport = (root: string) => JSON.parse(read(root, 'migration-report.json'));

/** Root can write into a directory without write permission, so chmod cannot make a write fail there. */
function chmodBlocksWrites(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-chmod-probe-'));
  fs.chmodSync(dir, 0o555);
  try {
    fs.writeFileSync(path.join(dir, 'probe'), '');
    return false;
  } catch {
    return true;
  } finally {
    fs.chmodSync(dir, 0o755);
  }
}
const CHMOD_BLOCKS_WRITES = chmodBlocksWrites();

describe('tenant-isolation migrate when some files fail', () => {
  it('a module the codemod throws on: the others are migrated, the report lists it, stderr says to report it, exit 3', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/crash/route.ts': ROUTE });
    const { code, stdout, stderr } = await migrate(root);
    const message = "Cannot read properties of undefined (reading 'range')";
    const report = jsonReport(root);
    expect({
      code,
      stderr,
      filesChanged: report.filesChanged,
      migrated: report.migrated.map((m: { file: string; handler: string }) => `${m.file} ${m.handler}`),
      leftAlone: report.leftAlone,
      internalErrors: report.internalErrors,
      fileSystemErrors: report.fileSystemErrors,
    }).toEqual({
      code: 3,
      stderr: '1 file could not be migrated because of an internal error (listed in the report); please report it.\n',
      filesChanged: ['app/api/a/route.ts'],
      migrated: ['app/api/a/route.ts GET'],
      leftAlone: [{ file: 'app/api/crash/route.ts', handler: null, line: 1, reason: `internal error: ${message}; please report this module` }],
      internalErrors: [
        { file: 'app/api/crash/route.ts', stage: 'analyze', message, stack: expect.stringMatching(/^at .*migrate-failures\.test\.ts:\d+:\d+\)?$/) },
      ],
      fileSystemErrors: [],
    });
    expect(stdout).toContain('Migrated 1 handlers in 1 of 2 files; 1 left for a human.');
    expect(stdout).toContain(`app/api/crash/route.ts:1  internal error: ${message}; please report this module`);
    expect(read(root, 'migration-report.md')).toContain(
      `## Internal errors: please report these modules\n\nThe codemod failed on these files and left them as they were.\n\n- app/api/crash/route.ts (analyze): ${message}\n  - \`at `,
    );
    expect(read(root, 'app/api/a/route.ts')).toContain('export const GET = withTenantContext(async () => {');
    expect(read(root, 'app/api/crash/route.ts')).toBe(ROUTE);
  });

  it('a file that cannot be written (its temporary file name is too long, even for root): the others are migrated, stderr names it, exit 1', async () => {
    const root = project({ 'tenant-isolation.config.json': PAGES_CONFIG, 'app/api/a/route.ts': ROUTE, [LONG_NAME]: PAGES_ROUTE });
    const { code, stderr } = await migrate(root);
    const report = jsonReport(root);
    const [failure] = report.fileSystemErrors;
    expect(failure?.message).toMatch(/^ENAMETOOLONG: name too long, open '.*\.ts\.\d+'$/);
    expect({ code, stderr, filesChanged: report.filesChanged, leftAlone: report.leftAlone, fileSystemErrors: report.fileSystemErrors }).toEqual({
      code: 1,
      stderr: `1 file could not be read or written, and was left as it was:\n  ${LONG_NAME}: ${failure.message}\nFix their permissions (or free disk space) and run again.\n`,
      filesChanged: ['app/api/a/route.ts'],
      leftAlone: [{ file: LONG_NAME, handler: null, line: 5, reason: `could not be written: ${failure.message}` }],
      fileSystemErrors: [{ file: LONG_NAME, stage: 'write', message: failure.message }],
    });
    expect(report.internalErrors).toEqual([]);
    expect(report.coverage.after.migrated).toBe(1);
    expect(read(root, 'app/api/a/route.ts')).toContain('export const GET = withTenantContext(async () => {');
    expect(read(root, LONG_NAME)).toBe(PAGES_ROUTE);
    expect(fs.existsSync(path.join(root, 'migration-report.md'))).toBe(true);
  });

  it('a module the codemod throws on and a file that cannot be written in one run: both told, exit 3', async () => {
    const root = project({ 'tenant-isolation.config.json': PAGES_CONFIG, 'app/api/crash/route.ts': ROUTE, [LONG_NAME]: PAGES_ROUTE });
    const { code, stderr } = await migrate(root);
    const report = jsonReport(root);
    expect({ code, internal: report.internalErrors.length, fileSystem: report.fileSystemErrors.length }).toEqual({ code: 3, internal: 1, fileSystem: 1 });
    expect(stderr.split('\n')).toEqual([
      '1 file could not be read or written, and was left as it was:',
      `  ${LONG_NAME}: ${report.fileSystemErrors[0].message}`,
      'Fix their permissions (or free disk space) and run again.',
      '1 file could not be migrated because of an internal error (listed in the report); please report it.',
      '',
    ]);
  });

  it(
    CHMOD_BLOCKS_WRITES
      ? 'chmod blocks writes for this user, so the read-only directory case below runs'
      : 'running as root, chmod does not block writes, so the read-only directory case below is skipped',
    () => {
      expect(CHMOD_BLOCKS_WRITES).toBe(process.getuid?.() !== 0);
    },
  );

  (CHMOD_BLOCKS_WRITES ? it : it.skip)('a route file in a read-only directory: left as it was, the others are migrated, exit 1', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/locked/route.ts': ROUTE });
    const locked = path.join(root, 'app/api/locked');
    fs.chmodSync(locked, 0o555);
    try {
      const { code, stderr } = await migrate(root);
      const report = jsonReport(root);
      const [failure] = report.fileSystemErrors;
      expect(failure?.message).toMatch(/^EACCES: permission denied/);
      expect({ code, stderr, filesChanged: report.filesChanged, leftAlone: report.leftAlone, fileSystemErrors: report.fileSystemErrors }).toEqual({
        code: 1,
        stderr: `1 file could not be read or written, and was left as it was:\n  app/api/locked/route.ts: ${failure.message}\nFix their permissions (or free disk space) and run again.\n`,
        filesChanged: ['app/api/a/route.ts'],
        leftAlone: [{ file: 'app/api/locked/route.ts', handler: null, line: 4, reason: `could not be written: ${failure.message}` }],
        fileSystemErrors: [{ file: 'app/api/locked/route.ts', stage: 'write', message: failure.message }],
      });
      expect(read(root, 'app/api/a/route.ts')).toContain('export const GET = withTenantContext(async () => {');
      expect(read(root, 'app/api/locked/route.ts')).toBe(ROUTE);
      expect(fs.readdirSync(locked)).toEqual(['route.ts']);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});
