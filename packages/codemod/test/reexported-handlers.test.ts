import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '@tenant-isolation/core';
import { renderMigrationJson, renderMigrationMarkdown, runMigration, UsageError, type MigrationRunOptions } from '@tenant-isolation/codemod';
import { migrateFile } from '@tenant-isolation/codemod/migrate-file';
import { moduleLoads, type LoadedExports } from '@tenant-isolation/codemod/project-importers';
import { followReexportedHandlers } from '@tenant-isolation/codemod/reexported-handlers';
import { scanProject } from '@tenant-isolation/report';

/*
 * Route files that take their handler from another module (`export { default } from '@/features/…'`, `import
 * handler from '…'; export default handler`, `export { GET, POST } from '…'`): the handler is migrated in that module
 * when only the route uses it (other files may use the module's other exports), and otherwise wrapped in the route
 * file. Each case is a small git project, migrated by the batch runner as a team would run it.
 */

const CONFIG = resolveConfig({
  pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }],
  optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' },
});

/** A pages/api handler that turns callers without a session away with exactly the wrapper's 401. */
const PAGES_HANDLER = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });
  return res.status(200).json({ tenant: session.user.tenantId });
}
`;

const PAGES_HANDLER_MIGRATED = `import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  return res.status(200).json({ tenant: ctx.tenantId });
});
`;

/** Types and helpers the project's files use, so that `--typecheck` has a project to check. */
const PROJECT_BASE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', baseUrl: '.', paths: { '@/*': ['./src/*'] } },
    include: ['**/*.ts'],
  }),
  'types/next.d.ts': `declare module 'next' {
  export interface NextApiRequest { method?: string }
  export interface NextApiResponse { status(code: number): NextApiResponse; json(body: unknown): void }
}
`,
  'types/next-auth.d.ts': `declare module 'next-auth' {
  export interface Session { user: { id: string; tenantId: string } }
  export function getServerSession(...args: unknown[]): Promise<Session | null>;
}
`,
  'src/lib/auth.ts': 'export const authOptions = {};\n',
  'src/lib/api-wrapper.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
export function withTenantApiRoute(handler: (req: NextApiRequest, res: NextApiResponse) => Promise<void>, options: { requireAuth?: boolean } = {}) {
  void options;
  return handler;
}
export function withTenantContext(handler: (req: Request) => Promise<Response>) {
  return handler;
}
`,
  'src/lib/tenant-utils.ts': `export function requireTenantContext() {
  return { tenantId: 't1', userId: 'u1' };
}
export function getTenantContext(): { tenantId: string; userId: string } | null {
  return null;
}
`,
};

const GIT_IDENTITY = ['-c', 'user.name=Tenant Isolation', '-c', 'user.email=tests@example.test', '-c', 'commit.gpgsign=false'];
const git = (cwd: string, ...args: string[]): string => execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

/** The files, committed to a fresh git repository. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-reexport-'));
  for (const [file, text] of Object.entries({ ...PROJECT_BASE, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  git(root, '-c', 'init.defaultBranch=main', 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Before the migration');
  return root;
}

const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const migrate = (root: string, options: Partial<MigrationRunOptions> = {}) => runMigration({ root, config: CONFIG, workers: 1, ...options });

describe('handlers a route file takes from another module', () => {
  describe('a module only that route uses', () => {
    const FILES = {
      'pages/api/teams.ts': "export { default } from '@/features/teams/api/list';\n",
      'src/features/teams/api/list.ts': PAGES_HANDLER,
      // A type-only import loads nothing: the module is still used only by the route.
      'src/features/teams/types.ts': "import type { default as ListTeams } from '@/features/teams/api/list';\nexport type TeamsHandler = typeof ListTeams;\n",
      'pages/api/settings.ts': "import handler from '../../src/features/settings/handler';\n\nexport default handler;\n",
      'src/features/settings/handler.ts': PAGES_HANDLER,
    };

    it('is where the handler is migrated; the route file stays as it was, and the report names the module', async () => {
      const root = project(FILES);
      const { report, changes } = await migrate(root);

      expect(changes).toEqual([
        { file: 'src/features/settings/handler.ts', before: PAGES_HANDLER, after: PAGES_HANDLER_MIGRATED },
        { file: 'src/features/teams/api/list.ts', before: PAGES_HANDLER, after: PAGES_HANDLER_MIGRATED },
      ]);
      expect(read(root, 'src/features/teams/api/list.ts')).toBe(PAGES_HANDLER_MIGRATED);
      expect(read(root, 'src/features/settings/handler.ts')).toBe(PAGES_HANDLER_MIGRATED);
      expect(read(root, 'pages/api/teams.ts')).toBe(FILES['pages/api/teams.ts']);
      expect(read(root, 'pages/api/settings.ts')).toBe(FILES['pages/api/settings.ts']);
      expect(report.migrated).toEqual([
        { file: 'pages/api/settings.ts', handler: 'default', line: 3, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/settings/handler.ts' },
        { file: 'pages/api/teams.ts', handler: 'default', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/teams/api/list.ts' },
      ]);
      expect(report.leftAlone).toEqual([]);
      expect(report.filesChanged).toEqual(['src/features/settings/handler.ts', 'src/features/teams/api/list.ts']);
      // The run's own coverage follows the re-exports too: both routes count as migrated after it.
      expect([report.coverage.before.migrated, report.coverage.after.migrated]).toEqual([0, 2]);
      expect(JSON.parse(renderMigrationJson(report)).migrated[1].migratedIn).toBe('src/features/teams/api/list.ts');
      expect(renderMigrationMarkdown(report)).toContain('| pages/api/teams.ts | default | 1 | migrated in src/features/teams/api/list.ts |');

      const again = await migrate(root, { dry: true });
      expect([again.changes, again.report.migrated, again.report.leftAlone]).toEqual([[], [], []]);
    });

    it('counts as migrated in the report scan afterwards', async () => {
      const root = project(FILES);
      const statuses = async () =>
        (await scanProject({ root, config: CONFIG, version: 'test' })).report.routes.map((r) => [r.file, r.handlers.map((h) => `${h.name} ${h.status}`)]);
      expect(await statuses()).toEqual([
        ['pages/api/settings.ts', ['default unmigrated']],
        ['pages/api/teams.ts', ['default unmigrated']],
      ]);
      await migrate(root);
      expect(await statuses()).toEqual([
        ['pages/api/settings.ts', ['default migrated']],
        ['pages/api/teams.ts', ['default migrated']],
      ]);
    });

    it('follows the route file into a run that selects it, and not into one that does not', async () => {
      const root = project(FILES);
      const { report } = await migrate(root, { targets: ['pages/api/teams.ts'] });
      expect([report.filesScanned, report.filesChanged]).toEqual([1, ['src/features/teams/api/list.ts']]);
      expect(read(root, 'src/features/settings/handler.ts')).toBe(PAGES_HANDLER);
    });

    it('is reported but not written in a dry run', async () => {
      const root = project(FILES);
      const { report, changes } = await migrate(root, { dry: true, targets: ['pages/api/teams.ts'] });
      expect(changes).toEqual([{ file: 'src/features/teams/api/list.ts', before: PAGES_HANDLER, after: PAGES_HANDLER_MIGRATED }]);
      expect(report.migrated.map((m) => [m.file, m.migratedIn])).toEqual([['pages/api/teams.ts', 'src/features/teams/api/list.ts']]);
      expect(read(root, 'src/features/teams/api/list.ts')).toBe(PAGES_HANDLER);
      expect(git(root, 'status', '--porcelain')).toBe('');
    });

    it('must be committed, as the route file must, unless --force', async () => {
      const root = project(FILES);
      const edited = `${PAGES_HANDLER}// work in progress\n`;
      fs.writeFileSync(path.join(root, 'src/features/teams/api/list.ts'), edited);
      const run = migrate(root, { targets: ['pages/api/teams.ts'] });
      await expect(run).rejects.toThrow(UsageError);
      await expect(run).rejects.toThrow(
        '1 module that selected route files take their handlers from, and that the run would rewrite, has uncommitted changes:\n' +
          '  src/features/teams/api/list.ts\n',
      );
      expect(read(root, 'src/features/teams/api/list.ts')).toBe(edited);

      const forced = await migrate(root, { targets: ['pages/api/teams.ts'], force: true });
      expect(forced.report.filesChanged).toEqual(['src/features/teams/api/list.ts']);
    });

    it('is migrated for an App Router route that re-exports its methods, only in the exports the route serves', async () => {
      const handlers = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}

export async function POST() {
  return Response.json({ ok: true });
}

export async function PUT() {
  const session = await getServerSession(authOptions);
  return Response.json({ user: session?.user.id ?? null });
}
`;
      const root = project({
        'app/api/billing/route.ts': "export { GET, POST } from '@/features/billing/route-handlers';\n",
        'src/features/billing/route-handlers.ts': handlers,
      });
      const { report, changes } = await migrate(root);
      // PUT is not a handler of the route: the module's own PUT stays as it was.
      expect(changes).toEqual([
        {
          file: 'src/features/billing/route-handlers.ts',
          before: handlers,
          after: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenant: ctx.tenantId });
});

export async function POST() {
  return Response.json({ ok: true });
}

export async function PUT() {
  const session = await getServerSession(authOptions);
  return Response.json({ user: session?.user.id ?? null });
}
`,
        },
      ]);
      // POST reads no session there: nothing to migrate, as for a handler written in the route file.
      expect([report.migrated, report.leftAlone]).toEqual([
        [{ file: 'app/api/billing/route.ts', handler: 'GET', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/billing/route-handlers.ts' }],
        [],
      ]);
    });

    it('is rewritten once for routes that each serve other handlers of it', async () => {
      const handlers = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ created: session.user.id }, { status: 201 });
}
`;
      const root = project({
        'app/api/invoices/route.ts': "export { GET } from '@/features/invoices/route-handlers';\n",
        'app/api/invoices/import/route.ts': "export { POST } from '@/features/invoices/route-handlers';\n",
        'src/features/invoices/route-handlers.ts': handlers,
      });
      const { report, changes } = await migrate(root);
      expect(changes).toEqual([
        {
          file: 'src/features/invoices/route-handlers.ts',
          before: handlers,
          after: `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenant: ctx.tenantId });
});

export const POST = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ created: ctx.userId }, { status: 201 });
});
`,
        },
      ]);
      expect([report.migrated, report.leftAlone]).toEqual([
        [
          { file: 'app/api/invoices/import/route.ts', handler: 'POST', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/invoices/route-handlers.ts' },
          { file: 'app/api/invoices/route.ts', handler: 'GET', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/invoices/route-handlers.ts' },
        ],
        [],
      ]);
    });

    it('is rewritten for one kind of route per run when a pages/api route and an App Router route each use a handler of it', async () => {
      const handlers = `${PAGES_HANDLER}
export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;
      const root = project({
        'app/api/summary/route.ts': "export { GET } from '@/features/summary/handlers';\n",
        'pages/api/summary.ts': "export { default } from '@/features/summary/handlers';\n",
        'src/features/summary/handlers.ts': handlers,
      });
      const first = await migrate(root);
      expect([first.report.migrated.map((m) => [m.file, m.migratedIn]), first.report.leftAlone]).toEqual([
        [['app/api/summary/route.ts', 'src/features/summary/handlers.ts']],
        [
          {
            file: 'pages/api/summary.ts',
            handler: 'default',
            line: 1,
            reason:
              "re-exported from '@/features/summary/handlers': src/features/summary/handlers.ts is rewritten for app/api/summary/route.ts " +
              'in this run, a route of another kind; run the codemod again to migrate this one there',
          },
        ],
      ]);
      git(root, 'commit', '-qam', 'The App Router half');
      const second = await migrate(root);
      expect([second.report.migrated.map((m) => [m.file, m.migratedIn]), second.report.leftAlone]).toEqual([
        [['pages/api/summary.ts', 'src/features/summary/handlers.ts']],
        [],
      ]);
      expect(read(root, 'src/features/summary/handlers.ts')).toBe(`import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantContext, withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  return res.status(200).json({ tenant: ctx.tenantId });
});

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenant: ctx.tenantId });
});
`);
    });

    it('goes through --typecheck with the other rewrites: one that adds errors is restored, and the route handler is left', async () => {
      // The wrapper takes (req, res); a handler that needs a third argument does not fit it.
      const auditHandler = PAGES_HANDLER.replace('res: NextApiResponse)', 'res: NextApiResponse, audit: { source: string })');
      const root = project({
        ...FILES,
        'pages/api/audit.ts': "export { default } from '@/features/audit/handler';\n",
        'src/features/audit/handler.ts': auditHandler,
      });
      const { report, changes } = await migrate(root, { typecheck: true });

      expect(changes.map((c) => c.file)).toEqual(['src/features/settings/handler.ts', 'src/features/teams/api/list.ts']);
      expect(read(root, 'src/features/audit/handler.ts')).toBe(auditHandler);
      expect(read(root, 'src/features/teams/api/list.ts')).toBe(PAGES_HANDLER_MIGRATED);
      expect(report.restoredByTypecheck.map((r) => [r.file, r.errors.map((e) => e.replace(/:\d+:\d+ .*/, ''))])).toEqual([
        ['src/features/audit/handler.ts', ['src/features/audit/handler.ts']],
      ]);
      expect(report.leftAlone).toEqual([
        {
          file: 'pages/api/audit.ts',
          handler: 'default',
          line: 1,
          reason:
            'its function in src/features/audit/handler.ts was rewritten, but the rewrite added TypeScript errors, so ' +
            'src/features/audit/handler.ts was left as it was (listed under “Restored” in the report)',
        },
      ]);
      expect(report.migrated.map((m) => m.file)).toEqual(['pages/api/settings.ts', 'pages/api/teams.ts']);
    });
  });

  describe('a module whose other exports other files use', () => {
    const SUMMARY_MODULE = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export interface SummaryRow {
  amount: number;
}

export function computeSummary(rows: SummaryRow[]): number {
  return rows.reduce((total, row) => total + row.amount, 0);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });
  return res.status(200).json({ tenant: session.user.tenantId, total: computeSummary([]) });
}
`;
    const SUMMARY_MODULE_MIGRATED = `import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export interface SummaryRow {
  amount: number;
}

export function computeSummary(rows: SummaryRow[]): number {
  return rows.reduce((total, row) => total + row.amount, 0);
}

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  return res.status(200).json({ tenant: ctx.tenantId, total: computeSummary([]) });
});
`;
    const FILES = {
      'pages/api/analytics/summary.ts': "export { default } from '@/features/analytics/api/summary';\n",
      'src/features/analytics/api/summary.ts': SUMMARY_MODULE,
      // Users of the module's other exports: directly, and through a barrel, which passes on every export but `default`.
      'src/features/analytics/dashboard.ts':
        "import { computeSummary, type SummaryRow } from './api/summary';\n\nexport const total = (rows: SummaryRow[]): number => computeSummary(rows);\n",
      'src/features/analytics/index.ts': "export * from './api/summary';\n",
      'src/features/analytics/widget.ts': "import { computeSummary } from '@/features/analytics';\n\nexport const empty: number = computeSummary([]);\n",
      // A type-only import of the handler loads nothing.
      'src/features/analytics/types.ts': "import type summary from './api/summary';\n\nexport type SummaryHandler = typeof summary;\n",
    };

    it('is where the handler is migrated, and the files using its other exports keep typechecking', async () => {
      const root = project(FILES);
      const { report, changes } = await migrate(root, { typecheck: true });

      expect(changes).toEqual([{ file: 'src/features/analytics/api/summary.ts', before: SUMMARY_MODULE, after: SUMMARY_MODULE_MIGRATED }]);
      expect(report.restoredByTypecheck).toEqual([]);
      expect(report.migrated).toEqual([
        { file: 'pages/api/analytics/summary.ts', handler: 'default', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/analytics/api/summary.ts' },
      ]);
      expect(report.leftAlone).toEqual([]);
      for (const file of Object.keys(FILES).filter((f) => f !== 'src/features/analytics/api/summary.ts')) expect(read(root, file)).toBe(FILES[file as keyof typeof FILES]);
    });
  });

  describe('a handler other files use too', () => {
    const FILES = {
      'pages/api/members.ts': "export { default, config } from '@/features/members/api/list';\n",
      'src/features/members/api/list.ts': `${PAGES_HANDLER}\nexport const config = { api: { bodyParser: false } };\n`,
      'src/features/members/admin.ts': "import listMembers from './api/list';\n\nexport const adminList = listMembers;\n",
      // Two routes serving one module: neither is its only user.
      'pages/api/invites.ts': "export { default } from '@/features/invites/api';\n",
      'pages/api/invitations.ts': "export { default } from '@/features/invites/api';\n",
      'src/features/invites/api/index.ts': PAGES_HANDLER,
      // A test loads the module as much as the app does.
      'pages/api/reports.ts': "import handler from '@/features/reports/handler';\nexport default handler;\n",
      'src/features/reports/handler.ts': PAGES_HANDLER,
      'src/features/reports/handler.test.ts': "const { default: handler } = require('./handler');\n\ntest('exists', () => expect(handler).toBeDefined());\n",
      // A module under pages/api is a route of its own.
      'pages/api/orders/index.ts': "export { default } from './impl';\n",
      'pages/api/orders/impl.ts': PAGES_HANDLER,
    };
    const wrappedIn = (module: string) => `import { withTenantApiRoute } from '@/lib/api-wrapper';
import handler from '${module}';
export default withTenantApiRoute(handler);
`;
    const MEMBERS_WRAPPED = `import { withTenantApiRoute } from '@/lib/api-wrapper';
import handler from '@/features/members/api/list';
export { config } from '@/features/members/api/list';
export default withTenantApiRoute(handler);
`;
    const REPORTS_WRAPPED = `import handler from '@/features/reports/handler';
import { withTenantApiRoute } from '@/lib/api-wrapper';
export default withTenantApiRoute(handler);
`;

    it('is wrapped in the route file, which keeps its other exports; the module stays as it was', async () => {
      const root = project(FILES);
      const { report, changes } = await migrate(root);

      expect(changes).toEqual([
        { file: 'pages/api/invitations.ts', before: FILES['pages/api/invitations.ts'], after: wrappedIn('@/features/invites/api') },
        { file: 'pages/api/invites.ts', before: FILES['pages/api/invites.ts'], after: wrappedIn('@/features/invites/api') },
        { file: 'pages/api/members.ts', before: FILES['pages/api/members.ts'], after: MEMBERS_WRAPPED },
        { file: 'pages/api/orders/impl.ts', before: PAGES_HANDLER, after: PAGES_HANDLER_MIGRATED },
        { file: 'pages/api/reports.ts', before: FILES['pages/api/reports.ts'], after: REPORTS_WRAPPED },
      ]);
      for (const module of ['src/features/members/api/list.ts', 'src/features/invites/api/index.ts', 'src/features/reports/handler.ts']) {
        expect(read(root, module)).toBe(FILES[module as keyof typeof FILES]);
      }
      const wrapped = { handler: 'default', line: 1, requireAuth: true, wrappedOnly: true };
      expect(report.migrated).toEqual([
        { file: 'pages/api/invitations.ts', ...wrapped, definedIn: 'src/features/invites/api/index.ts' },
        { file: 'pages/api/invites.ts', ...wrapped, definedIn: 'src/features/invites/api/index.ts' },
        { file: 'pages/api/members.ts', ...wrapped, definedIn: 'src/features/members/api/list.ts' },
        { file: 'pages/api/orders/impl.ts', handler: 'default', line: 5, requireAuth: true, wrappedOnly: false },
        { file: 'pages/api/reports.ts', ...wrapped, line: 2, definedIn: 'src/features/reports/handler.ts' },
      ]);
      // Its own migration wraps a route file's handler: wrapping it in the route re-exporting it too would wrap it twice.
      expect(report.leftAlone).toEqual([
        {
          file: 'pages/api/orders/index.ts',
          handler: 'default',
          line: 1,
          reason:
            "re-exported from './impl': its function is in pages/api/orders/impl.ts, a route file itself, which is migrated " +
            'as a route of its own when a run selects it; this route then serves it migrated',
        },
      ]);
      expect(report.filesChanged).toEqual(changes.map((c) => c.file));
      expect(renderMigrationMarkdown(report)).toContain(
        '| pages/api/members.ts | default | 1 | wrapped in the route file; src/features/members/api/list.ts, which other files use too, is unchanged; ' +
          'wrapped only: still reads the session (partial) |',
      );
      // The report follows the import: wrapped, and still reading the session there.
      const scan = await scanProject({ root, config: CONFIG, version: 'test' });
      expect(scan.report.routes.map((r) => [r.file, r.handlers.map((h) => h.status)])).toEqual([
        ['pages/api/invitations.ts', ['partial']],
        ['pages/api/invites.ts', ['partial']],
        ['pages/api/members.ts', ['partial']],
        ['pages/api/orders/impl.ts', ['migrated']],
        ['pages/api/orders/index.ts', ['migrated']],
        ['pages/api/reports.ts', ['partial']],
      ]);

      const again = await migrate(root, { dry: true });
      expect([again.changes, again.report.migrated, again.report.leftAlone]).toEqual([[], [], []]);
    });

    it('is wrapped the same way with --on-unsafe wrap-only', async () => {
      const byDefault = await migrate(project(FILES), { dry: true });
      const wrapOnly = await migrate(project(FILES), { dry: true, onUnsafe: 'wrap-only' });
      expect(wrapOnly.changes).toEqual(byDefault.changes);
      expect([wrapOnly.report.migrated, wrapOnly.report.leftAlone]).toEqual([byDefault.report.migrated, byDefault.report.leftAlone]);
    });

    it('keeps letting callers without a session through to a handler that answers them itself', async () => {
      const forbidden = PAGES_HANDLER.replace("res.status(401).json({ error: 'Unauthorized' })", "res.status(403).json({ error: 'Sign in first' })");
      const root = project({
        'pages/api/members.ts': "export { default } from '@/features/members/api/list';\n",
        'src/features/members/api/list.ts': forbidden,
        'src/features/members/admin.ts': "export { default as adminList } from './api/list';\n",
      });
      const { report } = await migrate(root);
      expect(read(root, 'pages/api/members.ts')).toBe(`import { withTenantApiRoute } from '@/lib/api-wrapper';
import handler from '@/features/members/api/list';
export default withTenantApiRoute(handler, { requireAuth: false });
`);
      expect([report.migrated, report.leftAlone]).toEqual([
        [{ file: 'pages/api/members.ts', handler: 'default', line: 1, requireAuth: false, wrappedOnly: true, definedIn: 'src/features/members/api/list.ts' }],
        [],
      ]);
    });

    it('wraps an App Router handler in the route file under a name of its own', async () => {
      const handlers = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;
      const root = project({
        'app/api/billing/route.ts': "export { GET } from '@/features/billing/route-handlers'\n\nexport const dynamic = 'force-dynamic'\n",
        'app/api/billing/export/route.ts': "export { GET } from '@/features/billing/route-handlers'\n",
        'src/features/billing/route-handlers.ts': handlers,
      });
      const { report } = await migrate(root, { targets: ['app/api/billing/route.ts'] });
      expect(read(root, 'app/api/billing/route.ts')).toBe(`import { withTenantContext } from '@/lib/api-wrapper'
import { GET as getHandler } from '@/features/billing/route-handlers'
export const GET = withTenantContext(getHandler)

export const dynamic = 'force-dynamic'
`);
      expect([report.migrated, report.leftAlone]).toEqual([
        [{ file: 'app/api/billing/route.ts', handler: 'GET', line: 1, requireAuth: true, wrappedOnly: true, definedIn: 'src/features/billing/route-handlers.ts' }],
        [],
      ]);
    });

    it('is left, with the reason, where what callers without a session get cannot be decided', async () => {
      // Anonymous callers get a 200 or the 401 by the query: neither the wrapper's answer nor, certainly, the handler's.
      const byQuery = PAGES_HANDLER.replace(
        "if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });",
        "if (!session?.user) return req.query.view === 'public' ? res.status(200).json({ plans: ['free'] }) : res.status(401).json({ error: 'Unauthorized' });",
      );
      const files = {
        'pages/api/plans.ts': "export { default } from '@/features/plans/api';\n",
        'src/features/plans/api.ts': byQuery,
        'src/features/plans/admin.ts': "import plans from './api';\n\nexport const adminPlans = plans;\n",
      };
      const root = project({ ...files, 'types/next.d.ts': PROJECT_BASE['types/next.d.ts']!.replace('method?: string', 'method?: string; query: Record<string, string>') });
      const { report, changes } = await migrate(root);
      expect([changes, report.migrated]).toEqual([[], []]);
      expect(report.leftAlone).toEqual([
        {
          file: 'pages/api/plans.ts',
          handler: 'default',
          line: 1,
          reason:
            "re-exported from '@/features/plans/api': its function in src/features/plans/api.ts is also used by src/features/plans/admin.ts, " +
            'so the codemod does not rewrite it there, and it cannot be wrapped in this route file: what a caller without a session gets ' +
            'could not be decided in src/features/plans/api.ts: the request chooses between branches that answer differently (line 7); ' +
            'migrate it by hand',
        },
      ]);
    });

    it('is left, with the reason, where no wrapper call can be formed in the route file', async () => {
      const files = {
        // The wrapper's name is taken in this route file.
        'pages/api/members.ts': "import handler from '@/features/members/api/list';\n\nconst withTenantApiRoute = 'taken';\n\nexport default handler;\n",
        'src/features/members/api/list.ts': PAGES_HANDLER,
        'src/features/members/admin.ts': "import listMembers from './api/list';\n\nexport const adminList = listMembers;\n",
      };
      const root = project(files);
      const shared = "imported from '@/features/members/api/list': its function in src/features/members/api/list.ts is also used by src/features/members/admin.ts, so the codemod does not rewrite it there";
      const named = await migrate(root, { dry: true });
      expect([named.changes, named.report.migrated, named.report.leftAlone]).toEqual([
        [],
        [],
        [
          {
            file: 'pages/api/members.ts',
            handler: 'default',
            line: 5,
            reason:
              `${shared}, and it could not be wrapped in this route file: the route file already binds \`withTenantApiRoute\` to something ` +
              "other than the import from '@/lib/api-wrapper'; rename it, then run the codemod again",
          },
        ],
      ]);
      // Without pagesWrappers there is no wrapper for (req, res).
      const noPagesWrapper = await runMigration({ root, config: resolveConfig({}), workers: 1, dry: true });
      expect([noPagesWrapper.changes, noPagesWrapper.report.migrated, noPagesWrapper.report.leftAlone]).toEqual([
        [],
        [],
        [
          {
            file: 'pages/api/members.ts',
            handler: 'default',
            line: 5,
            reason: `${shared}, and a pages/api handler takes (req, res), which the App Router wrapper does not; configure pagesWrappers to wrap it in this route file`,
          },
        ],
      ]);
    });
  });

  it('leaves a handler re-exported from a path that resolves to no project file, with the reason', async () => {
    const root = project({
      'pages/api/legacy.ts': "export { default } from '@/features/missing/api';\n",
      'pages/api/vendor.ts': "export { default } from 'some-package/api-handler';\n",
    });
    for (const onUnsafe of ['skip', 'wrap-only'] as const) {
      const { report, changes } = await migrate(root, { onUnsafe, dry: true });
      expect([changes, report.migrated]).toEqual([[], []]);
      expect(report.leftAlone).toEqual([
        {
          file: 'pages/api/legacy.ts',
          handler: 'default',
          line: 1,
          reason: "re-exported from '@/features/missing/api', which is not a project file the codemod can read (a package, or a path that resolves to no file): migrate it where it is defined",
        },
        {
          file: 'pages/api/vendor.ts',
          handler: 'default',
          line: 1,
          reason: "re-exported from 'some-package/api-handler', which is not a project file the codemod can read (a package, or a path that resolves to no file): migrate it where it is defined",
        },
      ]);
    }
  });

  it('says nothing of a handler whose module already wraps it, and names a module that re-exports it in turn', async () => {
    const root = project({
      'pages/api/done.ts': "export { default } from '@/features/done/handler';\n",
      'src/features/done/handler.ts': PAGES_HANDLER_MIGRATED,
      'pages/api/chain.ts': "export { default } from '@/features/chain';\n",
      'src/features/chain/index.ts': "export { default } from './handler';\n",
      'src/features/chain/handler.ts': PAGES_HANDLER,
    });
    const { report, changes } = await migrate(root, { dry: true });
    expect([changes, report.migrated]).toEqual([[], []]);
    expect(report.leftAlone).toEqual([
      {
        file: 'pages/api/chain.ts',
        handler: 'default',
        line: 1,
        reason: "re-exported from '@/features/chain', where it comes from './handler' in turn: migrate it where its function is",
      },
    ]);
  });
});

describe('which files use a handler, by what they load of its module', () => {
  /*
   * Each case is a route file taking its handler from a module of its own, and one more file loading that module.
   * A file that may load the handler's export uses the handler; one that loads only the module's other exports, or
   * only types, does not, and the handler is migrated in the module.
   */
  const FEATURE_MODULE = `${PAGES_HANDLER}
export function computeSummary(rows: number[]): number {
  return rows.length;
}
`;
  const APP_MODULE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}

export function formatInvoice(id: string): string {
  return \`INV-\${id}\`;
}
`;
  type Use = [scenario: string, router: 'pages' | 'app', user: { file?: string; text: string }, usesHandler: boolean];
  const USES: Use[] = [
    ['a named import of another export', 'pages', { text: "import { computeSummary } from './handler';\n" }, false],
    ['a type-only import of the handler', 'pages', { text: "import type handler from './handler';\nexport type H = typeof handler;\n" }, false],
    ['`export * from`, which passes on every export but `default`', 'pages', { text: "export * from './handler';\n" }, false],
    ['an import that only runs the module', 'pages', { text: "import './handler';\n" }, false],
    ['a default import', 'pages', { text: "import handler from './handler';\n" }, true],
    ['`import { default as … }`', 'pages', { text: "import { default as handler, computeSummary } from './handler';\n" }, true],
    ['a namespace import', 'pages', { text: "import * as summary from './handler';\n" }, true],
    ['`export { default } from`', 'pages', { text: "export { default } from './handler';\n" }, true],
    ['`export * as … from`', 'pages', { text: "export * as summary from './handler';\n" }, true],
    ['`require`, whatever is taken from it', 'pages', { text: "const { computeSummary } = require('./handler');\n" }, true],
    ['`import()`', 'pages', { text: "export const load = () => import('./handler');\n" }, true],
    ['`jest.requireActual`', 'pages', { text: "const actual = jest.requireActual('./handler');\n" }, true],
    ['`vi.importActual`', 'pages', { text: "const actual = await vi.importActual('./handler');\n" }, true],
    ['a file that does not parse', 'pages', { text: "import { computeSummary } from './handler';\nexport const total = ;\n" }, true],
    ['another route file importing another export', 'pages', { file: 'app/api/stats', text: "import { computeSummary } from '@/cases/MODULE/handler';\n" }, false],
    ['another route file re-exporting the handler', 'pages', { file: 'pages/api/other', text: "export { default } from '@/cases/MODULE/handler';\n" }, true],
    ['an App Router import of another export', 'app', { text: "import { formatInvoice } from './route-handlers';\n" }, false],
    ['`export { … } from` of another export', 'app', { text: "export { formatInvoice } from './route-handlers';\n" }, false],
    ['an App Router import of the handler', 'app', { text: "import { GET as getInvoices } from './route-handlers';\n" }, true],
    ['`export * from`, for a named handler', 'app', { text: "export * from './route-handlers';\n" }, true],
  ];
  const caseOf = ([, router, user]: Use, index: number) => {
    const name = `case-${index + 1}`;
    const module = router === 'pages' ? `src/cases/${name}/handler.ts` : `src/cases/${name}/route-handlers.ts`;
    return {
      route: router === 'pages' ? `pages/api/cases/${name}.ts` : `app/api/cases/${name}/route.ts`,
      routeText: router === 'pages' ? `export { default } from '@/cases/${name}/handler';\n` : `export { GET } from '@/cases/${name}/route-handlers';\n`,
      module,
      moduleText: router === 'pages' ? FEATURE_MODULE : APP_MODULE,
      user: user.file ? `${user.file}-${name}${user.file.startsWith('app/') ? '/route' : ''}.ts` : `src/cases/${name}/user.ts`,
      userText: user.text.replace('MODULE', name),
    };
  };
  let outcomes: Map<string, unknown>;

  beforeAll(async () => {
    const cases = USES.map(caseOf);
    const root = project(Object.fromEntries(cases.flatMap((c) => [[c.route, c.routeText], [c.module, c.moduleText], [c.user, c.userText]])));
    const routes = cases.map((c) => migrateFile(root, c.route, CONFIG, {}));
    const followed = await followReexportedHandlers(root, CONFIG, routes, {});
    outcomes = new Map(followed.map((m) => [m.file, m.handlers]));
  });

  it.each(USES.map((use, index) => [use[0], use, index] as const))('%s', (_scenario, use, index) => {
    const { route, module, user } = caseOf(use, index);
    const handler = use[1] === 'pages' ? 'default' : 'GET';
    expect(outcomes.get(route)).toEqual([
      use[3]
        ? {
            handler,
            line: 1,
            outcome: 'wrapped-only',
            requireAuth: true,
            reason: `its function in ${module} is also used by ${user}: wrapped in this route file, it still reads the session`,
            definedIn: module,
          }
        : { handler, line: 1, outcome: 'migrated', requireAuth: true, migratedIn: module },
    ]);
  });

  it('counts a file that cannot be read as a user of every handler', async () => {
    const root = project({
      'pages/api/summary.ts': "export { default } from '@/features/summary';\n",
      'src/features/summary.ts': FEATURE_MODULE,
      'src/locked.ts': "export const locked = true;\n",
    });
    const locked = path.join(root, 'src/locked.ts');
    // The module object itself: the test's `fs` is a copy of its bindings, which cannot be replaced.
    const nodeFs = jest.requireActual<typeof fs>('node:fs');
    const readFileSync = nodeFs.readFileSync;
    const spy = jest.spyOn(nodeFs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (file === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' });
      return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);
    try {
      const [followed] = await followReexportedHandlers(root, CONFIG, [migrateFile(root, 'pages/api/summary.ts', CONFIG, {})], {});
      expect(followed!.handlers).toEqual([
        {
          handler: 'default',
          line: 1,
          outcome: 'wrapped-only',
          requireAuth: true,
          reason:
            `its function in src/features/summary.ts may be used by src/locked.ts, which could not be read ` +
            `(EACCES: permission denied, open '${locked}'): wrapped in this route file, it still reads the session`,
          definedIn: 'src/features/summary.ts',
        },
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('what a file loads of a module', () => {
  const names = (...loaded: string[]): LoadedExports => ({ names: loaded, allNamed: false, all: false });
  const ALL_NAMED: LoadedExports = { names: [], allNamed: true, all: false };
  const ANY: LoadedExports = { names: [], allNamed: false, all: true };
  // Everything that loads it at run time, with the exports it may reach; nothing that only names its types.
  it.each<[string, Array<{ specifier: string; exports: LoadedExports }>]>([
    ["import handler from './list';", [{ specifier: './list', exports: names('default') }]],
    ["import { default as list, GET as get } from './list';", [{ specifier: './list', exports: names('default', 'GET') }]],
    ["import handler, { type Team, count } from './list';", [{ specifier: './list', exports: names('default', 'count') }]],
    ["import './list';", [{ specifier: './list', exports: names() }]],
    ["import * as list from './list';", [{ specifier: './list', exports: ANY }]],
    ["import handler, * as list from './list';", [{ specifier: './list', exports: ANY }]],
    ["export { default as list, count } from './list';", [{ specifier: './list', exports: names('default', 'count') }]],
    ["export { type Team, count as total } from './list';", [{ specifier: './list', exports: names('count') }]],
    ["export * from './list';", [{ specifier: './list', exports: ALL_NAMED }]],
    ["export * as list from './list';", [{ specifier: './list', exports: ANY }]],
    ["const list = require('./list');", [{ specifier: './list', exports: ANY }]],
    ["const list = await import('./list');", [{ specifier: './list', exports: ANY }]],
    ["const real = jest.requireActual('./list');", [{ specifier: './list', exports: ANY }]],
    ["const real = await vi.importActual('./list');", [{ specifier: './list', exports: ANY }]],
    ["import list = require('./list');", [{ specifier: './list', exports: ANY }]],
    ["import { count } from './list';\nexport const total = ;", [{ specifier: './list', exports: ANY }]],
    ["import type { Team } from './list';", []],
    ["import type Handler from './list';", []],
    ["import { type Team, type Count } from './list';", []],
    ["export type { Team } from './list';", []],
    ["type Handler = typeof import('./list');", []],
    ["// import handler from './list'", []],
    ["const text = \"import handler from './list'\";", []],
  ])('%s', (text, expected) => {
    expect(moduleLoads(text, 'src/user.ts')).toEqual(expected);
  });
});
