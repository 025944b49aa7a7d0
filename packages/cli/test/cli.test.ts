import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/index';
import { capture } from './support/capture';

const ROUTE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;

function project(files: Record<string, string>, git = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-cli-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (git) {
    const g = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
    g('init', '-q');
    g('add', '-A');
    g('commit', '-qm', 'initial');
  }
  return dir;
}

const run = async (argv: string[]) => {
  const output = capture();
  const code = await main(['node', 'tenant-isolation', ...argv], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
};

describe('tenant-isolation migrate', () => {
  it('documents every flag in --help and exits 0', async () => {
    const { code, stdout } = await run(['migrate', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--batch', '--limit', '--dry', '--print', '--force', '--workers', '--on-unsafe', '--anonymous-response', '--typecheck', '--root', '--report-dir']) {
      expect(stdout).toContain(flag);
    }
  });

  it('lists the valid batches when given an unknown one, with exit code 2', async () => {
    const root = project({
      'tenant-isolation.config.json': JSON.stringify({ batches: { A: ['app/api/a/**'], B: ['app/api/b/**'] } }),
      'app/api/a/route.ts': ROUTE,
    });
    const { code, stderr } = await run(['migrate', '--root', root, '--batch', 'C']);
    expect([code, stderr.trim()]).toEqual([2, 'Unknown batch "C". Batches in the config: A, B.']);
  });

  describe('a handler that answers callers without a session 403, not the wrapper\'s 401', () => {
    const FORBIDDEN = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Forbidden' }, { status: 403 });
  return Response.json({ tenant: session.user.tenantId });
}
`;
    const readReport = (root: string) => JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));

    it('is left alone, with the answers it gives, when no optional accessor can keep its answer', async () => {
      const root = project({ 'app/api/a/route.ts': FORBIDDEN });
      const { code } = await run(['migrate', '--root', root, '--dry']);
      expect(code).toBe(0);
      expect(readReport(root).leftAlone).toEqual([
        {
          file: 'app/api/a/route.ts',
          handler: 'GET',
          line: 4,
          reason:
            'callers without a session get 403 {"error":"Forbidden"} (line 6), not the wrapper\'s 401, and no optionalContextAccessor is configured ' +
            'to keep that answer; configure one, or run with --anonymous-response wrapper to let the wrapper answer 401',
        },
      ]);
    });

    it('gets the wrapper\'s answer with --anonymous-response wrapper, said in the summary and the report', async () => {
      const root = project({ 'app/api/a/route.ts': FORBIDDEN });
      const { code, stdout } = await run(['migrate', '--root', root, '--dry', '--anonymous-response', 'wrapper']);
      expect(code).toBe(0);
      const change = '403 {"error":"Forbidden"} (line 6) → 401 {"error":"Unauthorized"} (the wrapper)';
      expect(stdout).toContain(`app/api/a/route.ts:4 GET anonymous: ${change}`);
      const report = readReport(root);
      expect(report.options.anonymousResponse).toBe('wrapper');
      expect(report.migrated).toEqual([
        {
          file: 'app/api/a/route.ts',
          handler: 'GET',
          line: 4,
          requireAuth: true,
          wrappedOnly: false,
          anonymous: { before: ['403 {"error":"Forbidden"} (line 6)'], after: '401 {"error":"Unauthorized"} (the wrapper)' },
        },
      ]);
      expect(fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8')).toContain(`| GET | 4 | anonymous: ${change} |`);
    });

    it('lists the valid choices of --anonymous-response when given another, with exit code 2', async () => {
      const { code, stderr } = await run(['migrate', '--anonymous-response', 'guess']);
      expect(code).toBe(2);
      expect(stderr).toContain('Allowed choices are keep, wrapper.');
    });
  });

  it('counts the session fields sessionMapping lacks, by the handlers they hold back, in the summary and the report', async () => {
    const adminOnly = (method: string, extra: string) => `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function ${method}() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  if (!(session.user as any).isAdmin) return Response.json({ error: 'Forbidden' }, { status: 403 });
  return Response.json({ tenant: session.user.tenantId${extra} });
}
`;
    const root = project({
      'app/api/a/route.ts': adminOnly('GET', ', admin: session.user.isAdmin'),
      'app/api/b/route.ts': adminOnly('POST', ', avatar: session.user.image ?? null'),
    });
    const { code, stdout } = await run(['migrate', '--root', root, '--dry']);
    expect(code).toBe(0);
    expect(stdout).toContain('Session fields sessionMapping lacks: session.user.isAdmin (2 handlers), session.user.image (1 handlers).');
    const report = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    expect(report.unmappedFields).toEqual([
      { path: 'session.user.isAdmin', reads: 3, handlers: 2 },
      { path: 'session.user.image', reads: 1, handlers: 1 },
    ]);
    expect(fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8')).toContain(
      '| field | reads | handlers |\n| --- | --- | --- |\n| `session.user.isAdmin` | 3 | 2 |\n| `session.user.image` | 1 | 1 |\n',
    );
  });

  it('lists the valid choices of --on-unsafe when given another, with exit code 2', async () => {
    const { code, stderr } = await run(['migrate', '--on-unsafe', 'guess']);
    expect(code).toBe(2);
    expect(stderr).toContain('Allowed choices are skip, wrap-only.');
  });

  it('stops on a wrong config with its key path and exit code 2, not a stack trace', async () => {
    const root = project({ 'tenant-isolation.config.json': JSON.stringify({ publicRoutes: [{ path: '/api/x' }] }) });
    const { code, stderr } = await run(['migrate', '--root', root]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/publicRoutes\[0\]\.reason: a public route needs a reason/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses files with uncommitted changes unless --force', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE });
    fs.appendFileSync(path.join(root, 'app/api/a/route.ts'), '// work in progress\n');
    const refused = await run(['migrate', '--root', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 selected file has uncommitted changes:\n  app/api/a/route.ts');
    const forced = await run(['migrate', '--root', root, '--force', '--workers', '1']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'app/api/a/route.ts'), 'utf8')).toContain('withTenantContext(');
  });

  it('with --dry --print shows the diff, writes the reports, and leaves the source as it was', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE });
    const { code, stdout } = await run(['migrate', '--root', root, '--dry', '--print', '--workers', '1']);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'app/api/a/route.ts'), 'utf8')).toBe(ROUTE);
    expect(stdout).toContain('--- a/app/api/a/route.ts\n+++ b/app/api/a/route.ts');
    expect(stdout).toContain('+export const GET = withTenantContext(async () => {');
    expect(stdout).toContain('Would migrate 1 handlers in 1 of 1 files; none left for a human.');
    expect(stdout).toContain('Routes migrated to withTenantContext: 0/1 (0.0%) → 1/1 (100.0%) (after this run)');
    const report = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    expect(report.options.dry).toBe(true);
    expect(report.filesChanged).toEqual(['app/api/a/route.ts']);
    expect(fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8')).toContain('# Migration to withTenantContext (dry run)');
  });
});

describe('a command line that never passes on nothing', () => {
  const CONFIG = { 'tenant-isolation.config.json': '{}\n' };

  it('report in a directory without route files warns, naming the directory and the globs, and exits 0 without a gate', async () => {
    const root = project({ ...CONFIG, 'src/lib/util.ts': 'export const x = 1;\n' }, false);
    const { code, stderr } = await run(['report', root]);
    expect(code).toBe(0);
    expect(stderr).toContain(`warning No route files found under ${root} (routes: app/**/route.{ts,tsx,js,jsx,mjs,cjs}, `);
    expect(stderr).toContain('Run it in the project root, or set "routes" in tenant-isolation.config.json.');
  });

  it('report without route files exits 2 when a gate was asked for: --min-coverage, failBelow or --baseline', async () => {
    const root = project(CONFIG, false);
    for (const argv of [
      ['report', root, '--min-coverage', '80'],
      ['report', root, '--baseline', path.join(root, 'baseline.json')],
    ]) {
      const { code, stderr } = await run(argv);
      expect([code, stderr]).toEqual([2, expect.stringMatching(/^No route files found under .* The coverage gate has nothing to measure\. Run it in the project root/)]);
    }
    fs.writeFileSync(path.join(root, 'tenant-isolation.config.json'), JSON.stringify({ report: { failBelow: 50 } }));
    expect((await run(['report', root])).code).toBe(2);
  });

  it('migrate on a path that does not exist exits 2 naming it', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE });
    const { code, stderr } = await run(['migrate', '--root', root, 'app/api/nope']);
    expect([code, stderr.trim()]).toEqual([2, `No such file or directory: app/api/nope (under ${root}).`]);
  });

  it('a glob that matches nothing is a selection, not an error, and the run says it matched nothing', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE });
    const { code, stderr } = await run(['migrate', '--root', root, '--dry', 'app/api/nope/**']);
    expect([code, stderr.trim()]).toEqual([0, `warning No route file under ${root} matches app/api/nope/**.`]);
  });

  it('migrate in a directory without route files warns with the globs it used, and changes nothing', async () => {
    const root = project({ 'src/index.ts': 'export const x = 1;\n' });
    const { code, stdout, stderr } = await run(['migrate', '--root', root]);
    expect(code).toBe(0);
    expect(stdout).toContain('Migrated 0 handlers in 0 of 0 files');
    expect(stderr).toMatch(/^warning No route files found under .* \(routes: .*app\/\*\*\/route\.\{.*\}; ignore: .*\)\. Run it in the project root/);
  });

  it('--report-dir and --out pointing at a file exit 2 naming the flag, before any file is migrated', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'notes.txt': 'not a directory\n' });
    const migrated = await run(['migrate', '--root', root, '--report-dir', 'notes.txt']);
    expect([migrated.code, migrated.stderr.trim()]).toEqual([2, `--report-dir: ${path.join(root, 'notes.txt')} is a file, not a directory.`]);
    expect(fs.readFileSync(path.join(root, 'app/api/a/route.ts'), 'utf8')).toBe(ROUTE);

    const reported = await run(['report', root, '--format', 'json', '--out', path.join(root, 'notes.txt')]);
    expect([reported.code, reported.stderr.trim()]).toEqual([2, `--out: ${path.join(root, 'notes.txt')} is a file, not a directory.`]);
  });

  it('--report-dir under a file exits 2 with the reason the directory cannot be made', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'notes.txt': 'x\n' });
    const { code, stderr } = await run(['migrate', '--root', root, '--dry', '--report-dir', 'notes.txt/reports']);
    expect([code, stderr]).toEqual([2, expect.stringMatching(/^--report-dir: cannot write to .*notes\.txt\/reports: ENOTDIR/)]);
  });
});

describe('files git could not give back', () => {
  it('refuses a git-ignored route file as it refuses an uncommitted one, unless --force', async () => {
    const root = project({ '.gitignore': 'app/api/generated/\n', 'app/api/a/route.ts': ROUTE });
    fs.mkdirSync(path.join(root, 'app/api/generated'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app/api/generated/route.ts'), ROUTE);
    const refused = await run(['migrate', '--root', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 selected file has uncommitted changes:\n  app/api/generated/route.ts\n');
    expect(refused.stderr).toContain('a git-ignored file counts: git could not give it back');
    expect(fs.readFileSync(path.join(root, 'app/api/generated/route.ts'), 'utf8')).toBe(ROUTE);

    expect((await run(['migrate', '--root', root, 'app/api/a'])).code).toBe(0);
    expect((await run(['migrate', '--root', root, '--force'])).code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'app/api/generated/route.ts'), 'utf8')).toContain('withTenantContext(');
  });
});

describe('handlers the run leaves on purpose', () => {
  it('lists a handler suppressed with a reason in the summary, the JSON and the markdown report', async () => {
    const suppressed = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function PUT() {
  // eslint-disable-next-line tenant-isolation/require-tenant-context -- legacy import job, migrated next quarter
  const session = await getServerSession(authOptions);
  return Response.json({ ok: !!session });
}
`;
    const root = project({ 'app/api/a/route.ts': ROUTE, 'app/api/import/route.ts': suppressed });
    const { code, stdout } = await run(['migrate', '--root', root, '--dry']);
    expect(code).toBe(0);
    expect(stdout).toContain('1 handler is suppressed by an eslint-disable comment with a reason, and left as it is (listed in the report).');
    const report = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    expect(report.suppressed).toEqual([{ file: 'app/api/import/route.ts', handler: 'PUT', line: 4, reason: expect.stringContaining('eslint-disable') }]);
    expect(report.leftAlone).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8')).toContain('| app/api/import/route.ts | PUT | 4 |');
  });
});

describe('a route file that is a symbolic link', () => {
  it('is migrated through the link: the file it points to is rewritten and the link stays a link', async () => {
    const root = project({ 'features/teams/route.ts': ROUTE });
    fs.mkdirSync(path.join(root, 'app/api/teams'), { recursive: true });
    fs.symlinkSync('../../../features/teams/route.ts', path.join(root, 'app/api/teams/route.ts'));
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'link'], { cwd: root, stdio: 'pipe' });

    const before = await run(['report', root]);
    expect([before.code, before.stdout]).toEqual([0, expect.stringContaining('Routes migrated to withTenantContext: 0/1 (0.0%)')]);
    const { code, stdout } = await run(['migrate', '--root', root]);
    expect(code).toBe(0);
    expect(stdout).toContain('Migrated 1 handlers in 1 of 1 files');
    expect((await run(['report', root])).stdout).toContain('Routes migrated to withTenantContext: 1/1 (100.0%)');
    expect(fs.lstatSync(path.join(root, 'app/api/teams/route.ts')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(root, 'features/teams/route.ts'), 'utf8')).toContain('withTenantContext(');
  });
});

describe('one handler exported under two methods', () => {
  it('`export const POST = GET`: the list and the figure say the same of both', async () => {
    const root = project({ 'app/api/a/route.ts': `${ROUTE}\nexport const POST = GET;\n` });
    const { code, stdout } = await run(['migrate', '--root', root]);
    expect(code).toBe(0);
    // Wrapping GET would wrap POST too, through the alias: both are left, with the reason, and neither is counted.
    const report = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    const listed = [...report.migrated.map((h: { handler: string }) => `${h.handler} migrated`), ...report.leftAlone.map((h: { handler: string }) => `${h.handler} left`)];
    expect(listed.sort()).toEqual(['GET left', 'POST left']);
    expect(report.leftAlone[0].reason).toBe('`GET` is also used elsewhere in this module (line 10), which wrapping would change');
    expect(report.coverage.after.coverage).toEqual({ covered: 0, total: 2, percent: 0 });
    expect(stdout).toContain('0/2 (0.0%) → 0/2 (0.0%)');
    expect((await run(['report', root])).stdout).toContain('Routes migrated to withTenantContext: 0/2 (0.0%)');
  });
});

describe('a malformed tenant-isolation.config.json', () => {
  it('stops report and migrate with the line and column of the JSON error, exit 2', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'tenant-isolation.config.json': '{\n  "publicRoutes": [],\n}\n' });
    for (const argv of [['report', root], ['migrate', '--root', root, '--dry']]) {
      const { code, stderr } = await run(argv);
      expect([code, stderr]).toEqual([2, expect.stringMatching(/tenant-isolation\.config\.json[\s\S]*not valid JSON at line 3, column 1: /)]);
    }
  });
});

describe('a malformed JSON input of report', () => {
  it('names the baseline and where its JSON fails, with exit code 2', async () => {
    const root = project({ 'app/api/a/route.ts': ROUTE, 'baseline.json': '{\n  "handlers": [ }\n}\n' }, false);
    const { code, stderr } = await run(['report', root, '--baseline', path.join(root, 'baseline.json')]);
    expect([code, stderr.trim()]).toEqual([2, expect.stringMatching(/^The baseline .*baseline\.json is not valid JSON at line 2, column 17: Unexpected token '}'/)]);
  });
});
