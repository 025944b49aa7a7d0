import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCoverage } from '@tenant-isolation/core';
import { main } from '../src/index';
import { capture } from './support/capture';

/*
 * One figure: `migrate` states coverage before and after the run as `report` computes it, on a project whose
 * handlers read the session where one file does not show it: through an imported function, and in a module a route
 * re-exports its handler from. Read one file at a time, this project is 1/2 before the run; the report says 1/5,
 * and so must the migration report, before the run and after it.
 */

const AUTH = `import { getServerSession } from 'next-auth';

export const authOptions = {};

export async function getCurrentUser() {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}
`;

const DIRECT = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;

const THROUGH_IMPORT = `import { getCurrentUser } from '@/lib/auth';

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ user });
}
`;

const WRAPPED_THROUGH_IMPORT = `import { withTenantContext } from '@/lib/api-wrapper';
import { getCurrentUser } from '@/lib/auth';

export const GET = withTenantContext(async () => Response.json({ user: await getCurrentUser() }));
`;

const REEXPORTED = `export { GET } from '@/lib/invoice-handlers';\n`;

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
  'tenant-isolation.config.json': JSON.stringify({ publicRoutes: [{ path: '/api/health', reason: 'uptime probe' }] }),
  'lib/auth.ts': AUTH,
  // Two routes re-export it, so the codemod does not rewrite it in place.
  'lib/invoice-handlers.ts': DIRECT,
  'app/api/direct/route.ts': DIRECT,
  'app/api/profile/route.ts': THROUGH_IMPORT,
  'app/api/account/route.ts': WRAPPED_THROUGH_IMPORT,
  'app/api/invoices/route.ts': REEXPORTED,
  'app/api/invoices/[id]/route.ts': REEXPORTED,
  'app/api/health/route.ts': `export async function GET() {\n  return Response.json({ ok: true });\n}\n`,
};

function committedProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-one-figure-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'initial');
  return dir;
}

const run = async (...argv: string[]) => {
  const output = capture();
  const code = await main(['node', 'tenant-isolation', ...argv], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
};

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

interface ReportJson {
  summary: { coverage: { covered: number; total: number } };
  routes: Array<{ file: string; handlers: Array<{ name: string; status: string }> }>;
}

const statusesOf = (report: ReportJson) => Object.fromEntries(report.routes.flatMap((r) => r.handlers.map((h) => [`${r.file} ${h.name}`, h.status])));

describe('the migration report gives the figure `tenant-isolation report` gives', () => {
  let root: string;
  let out: string;
  /** `report --format json` of the project before any run, and after the real run. */
  let reportBefore: ReportJson;
  let reportAfter: ReportJson;
  let reportAfterText: string;
  let dry: { code: number; stdout: string; json: any; md: string };
  let real: { code: number; stdout: string; json: any; md: string };

  async function migrate(reportDir: string, ...flags: string[]) {
    const { code, stdout } = await run('migrate', '--root', root, '--report-dir', reportDir, '--workers', '1', ...flags);
    return {
      code,
      stdout,
      json: readJson(path.join(reportDir, 'migration-report.json')),
      md: fs.readFileSync(path.join(reportDir, 'migration-report.md'), 'utf8'),
    };
  }

  async function report(dir: string) {
    expect((await run('report', root, '--format', 'json', '--out', dir)).code).toBe(0);
    return readJson(path.join(dir, 'tenant-isolation-report.json'));
  }

  beforeAll(async () => {
    root = committedProject();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-one-figure-out-'));
    reportBefore = await report(path.join(out, 'report-before'));
    dry = await migrate(path.join(out, 'dry'), '--dry');
    real = await migrate(path.join(out, 'real'));
    reportAfter = await report(path.join(out, 'report-after'));
    reportAfterText = (await run('report', root)).stdout;
  });

  afterAll(() => {
    for (const dir of [root, out]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts the handlers reading the session through an imported function or a re-exported handler, as the report does', () => {
    expect(reportBefore.summary).toEqual({
      handlers: 6,
      migrated: 0,
      partial: 1,
      unmigrated: 4,
      unwrapped: 0,
      public: 1,
      suppressed: 0,
      errors: 0,
      coverage: { covered: 1, total: 5, percent: 20 },
      wrapperCoverage: { covered: 1, total: 5, percent: 20 },
      queryScoping: null,
      queryScopingByModel: {},
    });
    expect(statusesOf(reportBefore)).toEqual({
      'app/api/account/route.ts GET': 'partial',
      'app/api/direct/route.ts GET': 'unmigrated',
      'app/api/health/route.ts GET': 'public',
      'app/api/invoices/[id]/route.ts GET': 'unmigrated',
      'app/api/invoices/route.ts GET': 'unmigrated',
      'app/api/profile/route.ts GET': 'unmigrated',
    });
    // The run migrates the direct read; the read through getCurrentUser is still there, wrapped or not.
    expect(statusesOf(reportAfter)).toMatchObject({
      'app/api/account/route.ts GET': 'partial',
      'app/api/direct/route.ts GET': 'migrated',
      'app/api/health/route.ts GET': 'public',
      'app/api/profile/route.ts GET': 'unmigrated',
    });
  });

  it('a real run: before is the report of the tree as it was, after the report of the tree it wrote', () => {
    expect(real.code).toBe(0);
    expect(real.json.filesChanged).toContain('app/api/direct/route.ts');
    expect(real.json.coverage).toEqual({ before: reportBefore.summary, after: reportAfter.summary });
  });

  it('a dry run: the same figures, after from the rewrites in memory', () => {
    expect(dry.code).toBe(0);
    expect(dry.json.options.dry).toBe(true);
    expect(dry.json.coverage).toEqual({ before: reportBefore.summary, after: reportAfter.summary });
  });

  it('prints the headline as before → after, in the words and numbers the report prints after the run', () => {
    const { covered, total } = reportAfter.summary.coverage;
    const after = formatCoverage(covered, total);
    expect(reportAfterText).toContain(`Routes migrated to withTenantContext: ${after}\n`);
    expect(real.stdout).toContain(`Routes migrated to withTenantContext: 1/5 (20.0%) → ${after}\n`);
    expect(dry.stdout).toContain(`Routes migrated to withTenantContext: 1/5 (20.0%) → ${after} (after this run)\n`);
    expect(real.md).toContain(`| Routes migrated to withTenantContext | 1/5 (20.0%) | ${after} |\n`);
  });

  it('lists the handlers that read the session through an imported function, with the function and where it is', () => {
    const throughGetCurrentUser = (file: string, status: string, line: number) => ({
      file,
      handler: 'GET',
      line,
      status,
      definedIn: null,
      through: [{ name: 'getCurrentUser', definedIn: 'lib/auth.ts' }],
      sessionCalls: [{ file: 'lib/auth.ts', line: 6, column: 24, getter: 'getServerSession', via: ['getCurrentUser (lib/auth.ts)'] }],
    });
    const expected = [throughGetCurrentUser('app/api/account/route.ts', 'partial', 4), throughGetCurrentUser('app/api/profile/route.ts', 'unmigrated', 3)];
    expect(real.json.sessionReadsThroughImports).toEqual(expected);
    expect(dry.json.sessionReadsThroughImports).toEqual(expected);
    expect(real.md).toContain(
      '| file | handler | line | status | through |\n| --- | --- | --- | --- | --- |\n' +
        '| app/api/account/route.ts | GET | 4 | partial | getCurrentUser (lib/auth.ts) |\n' +
        '| app/api/profile/route.ts | GET | 3 | unmigrated | getCurrentUser (lib/auth.ts) |\n',
    );
    expect(real.stdout).toContain(
      '2 handlers read the session through imported functions, which the codemod does not rewrite:\n' +
        '  app/api/account/route.ts:4 GET partial, through getCurrentUser (lib/auth.ts)\n' +
        '  app/api/profile/route.ts:3 GET unmigrated, through getCurrentUser (lib/auth.ts)\n',
    );
  });

  it('keeps saying what it did with each handler it looked at: the re-exported ones too, the others only in their own list', () => {
    const said = [...real.json.migrated, ...real.json.leftAlone].map((h: { file: string; handler: string }) => `${h.file} ${h.handler}`).sort();
    expect(said).toEqual(['app/api/direct/route.ts GET', 'app/api/invoices/[id]/route.ts GET', 'app/api/invoices/route.ts GET']);
  });
});
