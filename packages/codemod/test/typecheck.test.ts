import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig, type TenantIsolationConfigInput } from '@tenant-isolation/core';
import { runMigration } from '@tenant-isolation/codemod';

/**
 * A self-contained project: its own tiny next-auth declaration, a typed wrapper whose function takes (req, context)
 * as Next's does, and a tenant context whose fields are nullable, as real apps declare them.
 */
const BASE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', baseUrl: '.', paths: { '@/*': ['./*'] } },
    include: ['**/*.ts'],
  }),
  'types/next-auth.d.ts': `declare module 'next-auth' {
  export interface Session { user: { id: string; tenantId: string; role?: string; nickname?: string } }
  export function getServerSession(options: unknown): Promise<Session | null>;
}
`,
  'lib/auth.ts': 'export const authOptions = {};\n',
  'lib/api-wrapper.ts': `export interface RouteContext<P = Record<string, string>> { params: Promise<P> }
export function withTenantContext<P = Record<string, string>>(
  handler: (req: Request, context: RouteContext<P>) => Promise<Response>,
  _options: { requireAuth?: boolean } = {},
) {
  return (req: Request, context: RouteContext<P>) => handler(req, context);
}
`,
  'lib/tenant-utils.ts': `export interface TenantContext {
  tenantId: string;
  userId?: string | null;
  role?: string | null;
}
export function requireTenantContext(): TenantContext {
  return { tenantId: 't1', userId: 'u1', role: 'member' };
}
export function getTenantContext(): TenantContext | null {
  return null;
}
`,
  'lib/audit.ts': `export function auditFor(userId: string, action: string): string {
  return userId + ':' + action;
}
export function describeRole(role: string): string {
  return role.toUpperCase();
}
`,
};

const INVOICES_ROUTE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId, url: req.url });
}
`;

const INVOICES_TEST = `import { GET } from '../app/api/invoices/route';

export async function callInvoices(): Promise<number> {
  const res = await GET(new Request('http://localhost/api/invoices'));
  return res.status;
}
`;

function project(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-typecheck-'));
  for (const [file, text] of Object.entries({ ...BASE, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (options.git) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'app');
  }
  return dir;
}

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

async function migrate(root: string, config: TenantIsolationConfigInput = {}, extra: { dry?: boolean; force?: boolean } = {}) {
  return runMigration({ root, config: resolveConfig(config), force: extra.force ?? true, dry: extra.dry, typecheck: true, workers: 1 });
}

describe('--typecheck', () => {
  it('gives a test that calls a wrapped handler with the request only the route-context argument, and lists the edit', async () => {
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/invoices.spec-helper.ts': INVOICES_TEST });
    const { report, changes } = await migrate(root);

    expect(changes.map((c) => c.file)).toEqual(['app/api/invoices/route.ts', 'tests/invoices.spec-helper.ts']);
    expect(read(root, 'tests/invoices.spec-helper.ts')).toBe(
      INVOICES_TEST.replace(`GET(new Request('http://localhost/api/invoices'))`, `GET(new Request('http://localhost/api/invoices'), { params: Promise.resolve({}) })`),
    );
    expect(report.restoredByTypecheck).toEqual([]);
    expect(report.callerEdits).toEqual([
      {
        file: 'tests/invoices.spec-helper.ts',
        line: 4,
        call: `GET(new Request('http://localhost/api/invoices'))`,
        handler: 'app/api/invoices/route.ts GET',
        argument: '{ params: Promise.resolve({}) }',
      },
    ]);
    expect(report.migrated.map((m) => `${m.file} ${m.handler}`)).toEqual(['app/api/invoices/route.ts GET']);
  });

  it('reaches callers through a renamed import, a namespace import and a destructured dynamic import', async () => {
    const caller = `import { GET as listInvoices } from '@/app/api/invoices/route';
import * as invoices from '../app/api/invoices/route';

export async function calls(req: Request): Promise<number[]> {
  const { GET } = await import('../app/api/invoices/route');
  const statuses = [(await listInvoices(req)).status, (await invoices.GET(req,)).status, (await GET(req)).status];
  // Already passing the route context: left as it is.
  statuses.push((await GET(req, { params: Promise.resolve({}) })).status);
  return statuses;
}
`;
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/calls.ts': caller });
    const { report } = await migrate(root);

    expect(report.restoredByTypecheck).toEqual([]);
    expect(report.callerEdits.map((e) => e.call)).toEqual(['listInvoices(req)', 'invoices.GET(req,)', 'GET(req)']);
    expect(read(root, 'tests/calls.ts')).toContain(
      '[(await listInvoices(req, { params: Promise.resolve({}) })).status, (await invoices.GET(req, { params: Promise.resolve({}) },)).status, (await GET(req, { params: Promise.resolve({}) })).status]',
    );
  });

  it('gives a call that passed no request a request for the route and the route context, then blames only the route it calls', async () => {
    const projects = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;
    // One call the check can complete, one it cannot (three arguments' worth of nothing is not a call it guesses).
    const caller = `import { GET as listProjects } from '../app/api/projects/route';
import { GET as listInvoices } from '../app/api/invoices/route';

export async function calls(req: Request): Promise<number[]> {
  const bound: (req: Request) => Promise<Response> = listInvoices;
  return [(await listProjects()).status, (await bound(req)).status];
}
`;
    const root = project({ 'app/api/projects/route.ts': projects, 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/calls.ts': caller });
    const { report } = await migrate(root);

    expect(report.callerEdits).toEqual([
      {
        file: 'tests/calls.ts',
        line: 6,
        call: 'listProjects()',
        handler: 'app/api/projects/route.ts GET',
        argument: "new Request('http://localhost/api/projects'), { params: Promise.resolve({}) }",
      },
    ]);
    expect(report.restoredByTypecheck.map((r) => r.file)).toEqual(['app/api/invoices/route.ts']);
    expect(report.migrated.map((m) => m.file)).toEqual(['app/api/projects/route.ts']);
    expect(read(root, 'tests/calls.ts')).toContain("(await listProjects(new Request('http://localhost/api/projects'), { params: Promise.resolve({}) })).status");
  });

  it('restores a route whose wrapped export is used as a one-argument function, which is no call it can complete', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  const { id } = await params;
  return Response.json({ tenant: session.user.tenantId, id, url: req.url });
}
`;
    const caller = `import { GET } from '../app/api/invoices/[id]/route';

type Handler = (req: Request) => Promise<Response>;
export const asOneArgument: Handler = GET;
`;
    const root = project({ 'app/api/invoices/[id]/route.ts': route, 'tests/invoice.ts': caller });
    const { report } = await migrate(root);

    expect(report.callerEdits).toEqual([]);
    expect(report.restoredByTypecheck).toEqual([
      { file: 'app/api/invoices/[id]/route.ts', errors: [expect.stringMatching(/^tests\/invoice\.ts:4:14 TS2322: /)] },
    ]);
    expect(read(root, 'app/api/invoices/[id]/route.ts')).toBe(route);
  });

  it('drops a caller edit the parameter type rejects and restores the route, unless the wrapper names a fitting argument', async () => {
    const wrapper = `export interface RouteContext { params: Promise<{ id: string }> }
export function withTenantContext(handler: (req: Request, context: RouteContext) => Promise<Response>) {
  return (req: Request, context: RouteContext) => handler(req, context);
}
`;
    const files = { 'lib/api-wrapper.ts': wrapper, 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/invoices.spec-helper.ts': INVOICES_TEST };

    const rejected = project(files);
    const first = await migrate(rejected);
    expect(first.report.callerEdits).toEqual([]);
    expect(first.report.restoredByTypecheck).toEqual([
      { file: 'app/api/invoices/route.ts', errors: [expect.stringMatching(/^tests\/invoices\.spec-helper\.ts:4:\d+ TS2322: Type 'Promise<\{\}>' is not assignable to type 'Promise<\{ id: string; \}>'/)] },
    ]);
    expect(read(rejected, 'tests/invoices.spec-helper.ts')).toBe(INVOICES_TEST);
    expect(read(rejected, 'app/api/invoices/route.ts')).toBe(INVOICES_ROUTE);

    const configured = project(files);
    const argument = "{ params: Promise.resolve({ id: 'inv_1' }) }";
    const second = await migrate(configured, { wrappers: [{ name: 'withTenantContext', from: '@/lib/api-wrapper', routeContext: argument }] });
    expect(second.report.restoredByTypecheck).toEqual([]);
    expect(second.report.callerEdits.map((e) => e.argument)).toEqual([argument]);
    expect(read(configured, 'tests/invoices.spec-helper.ts')).toContain(`GET(new Request('http://localhost/api/invoices'), ${argument})`);
  });

  it('asserts a guaranteed context key non-null where the session read could not be null, and says so', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { auditFor } from '@/lib/audit';

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  const userId = session.user.id;
  const mine = session.user.id===userId;
  return Response.json({ entry: auditFor(userId, 'export'), mine });
}
`;
    const root = project({ 'app/api/exports/route.ts': route });
    const { report } = await migrate(root);

    expect(report.restoredByTypecheck).toEqual([]);
    const after = read(root, 'app/api/exports/route.ts');
    expect(after).toContain('const userId = ctx.userId!;');
    expect(after).toContain('const mine = ctx.userId! ===userId;');
    expect(report.keptTypes).toEqual([
      { file: 'app/api/exports/route.ts', line: 7, read: 'ctx.userId', wrote: 'ctx.userId!' },
      { file: 'app/api/exports/route.ts', line: 8, read: 'ctx.userId', wrote: 'ctx.userId!' },
    ]);
  });

  it('asserts a guaranteed key of the optional context too, where the handler keeps its own answer for anonymous callers', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { auditFor } from '@/lib/audit';

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session) return new Response('Sign in first', { status: 401 });
  return Response.json({ entry: auditFor(session.user.id, 'export') });
}
`;
    const root = project({ 'app/api/exports/route.ts': route });
    const { report } = await migrate(root, { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } });

    expect(report.restoredByTypecheck).toEqual([]);
    expect(report.migrated).toEqual([expect.objectContaining({ file: 'app/api/exports/route.ts', requireAuth: false })]);
    expect(read(root, 'app/api/exports/route.ts')).toContain("auditFor(ctx.userId!, 'export')");
  });

  it('keeps `string | undefined` as it was with `?? undefined` where the session read could be undefined but not null', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

function label(id: string | undefined): string {
  return id ?? 'nobody';
}

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ who: label(session.user.role) });
}
`;
    const root = project({ 'app/api/me/route.ts': route });
    const { report } = await migrate(root, { contextAccessor: { name: 'requireTenantContext', from: '@/lib/tenant-utils', guarantees: ['tenantId', 'userId', 'role'] } });

    expect(report.restoredByTypecheck).toEqual([]);
    expect(read(root, 'app/api/me/route.ts')).toContain('label((ctx.role ?? undefined))');
  });

  it('leaves a read alone, and restores its file with a hint, where the context does not guarantee the key', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { auditFor } from '@/lib/audit';

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ entry: auditFor(session.user.id, 'export') });
}
`;
    const root = project({ 'app/api/exports/route.ts': route });
    const { report } = await migrate(root, { contextAccessor: { name: 'requireTenantContext', from: '@/lib/tenant-utils', guarantees: ['tenantId'] } });

    expect(report.keptTypes).toEqual([]);
    expect(report.restoredByTypecheck).toEqual([
      {
        file: 'app/api/exports/route.ts',
        errors: [expect.stringMatching(/^app\/api\/exports\/route\.ts:\d+:\d+ TS2345: /)],
        hints: [
          'ctx.userId (line 7) is `string | null | undefined` where session.user.id was `string`; if the required context always carries "userId", add it to contextAccessor.guarantees',
        ],
      },
    ]);
    expect(report.leftAlone).toEqual([
      expect.objectContaining({ file: 'app/api/exports/route.ts', handler: 'POST', reason: expect.stringContaining('add it to contextAccessor.guarantees') }),
    ]);
    expect(read(root, 'app/api/exports/route.ts')).toBe(route);
  });

  it('adds nothing where the context type is as narrow as the session read', async () => {
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE });
    const { report } = await migrate(root);

    expect(report.keptTypes).toEqual([]);
    expect(read(root, 'app/api/invoices/route.ts')).toContain('tenant: ctx.tenantId,');
  });

  it('in a dry run writes nothing and lists the caller edits it would make', async () => {
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/invoices.spec-helper.ts': INVOICES_TEST });
    const { report, changes } = await migrate(root, {}, { dry: true });

    expect(changes.map((c) => c.file)).toEqual(['app/api/invoices/route.ts', 'tests/invoices.spec-helper.ts']);
    expect(report.callerEdits).toHaveLength(1);
    expect(read(root, 'tests/invoices.spec-helper.ts')).toBe(INVOICES_TEST);
    expect(read(root, 'app/api/invoices/route.ts')).toBe(INVOICES_ROUTE);
  });

  it('does not edit a caller with uncommitted changes: the route it calls is restored instead', async () => {
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE, 'tests/invoices.spec-helper.ts': INVOICES_TEST }, { git: true });
    const edited = `${INVOICES_TEST}// work in progress\n`;
    fs.writeFileSync(path.join(root, 'tests/invoices.spec-helper.ts'), edited);
    const { report } = await migrate(root, {}, { force: false });

    expect(report.callerEdits).toEqual([]);
    expect(report.restoredByTypecheck.map((r) => r.file)).toEqual(['app/api/invoices/route.ts']);
    expect(read(root, 'tests/invoices.spec-helper.ts')).toBe(edited);
  });

  it('migrates a file again without the one handler whose rewrite adds an error, and keeps its other handlers migrated', async () => {
    const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { describeRole } from '@/lib/audit';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ role: describeRole((session.user as any).role) });
}
`;
    const caller = `import { GET, POST } from '../app/api/roles/route';

export async function calls(req: Request): Promise<number[]> {
  return [(await GET(req)).status, (await POST(req)).status];
}
`;
    const root = project({ 'app/api/roles/route.ts': route, 'tests/roles.ts': caller });
    const { report } = await migrate(root);

    expect(report.migrated.map((m) => m.handler)).toEqual(['GET']);
    expect(report.leftAlone).toEqual([
      expect.objectContaining({ handler: 'POST', reason: expect.stringMatching(/^the rewrite added TypeScript errors, so the handler was left as it was \(1 error;/) }),
    ]);
    expect(report.restoredByTypecheck).toEqual([
      {
        file: 'app/api/roles/route.ts',
        handlers: ['POST'],
        errors: [expect.stringMatching(/^app\/api\/roles\/route\.ts:\d+:\d+ TS2345: /)],
        hints: [
          'ctx.role (line 12) is `string | null | undefined` where (session.user as any).role was `any`; if the required context always carries "role", add it to contextAccessor.guarantees',
        ],
      },
    ]);
    const after = read(root, 'app/api/roles/route.ts');
    expect(after).toContain('export const GET = withTenantContext(async () => {');
    expect(after).toContain('export async function POST() {');
    expect(after).toContain('describeRole((session.user as any).role)');
    expect(read(root, 'tests/roles.ts')).toContain('(await GET(req, { params: Promise.resolve({}) })).status, (await POST(req)).status');
  });

  it('tells errors the project already had from new ones, in the rewritten file and in files it does not touch', async () => {
    const route = INVOICES_ROUTE.replace("return Response.json({ tenant", "const count: number = 'many';\n  return Response.json({ count, tenant");
    const root = project({ 'app/api/invoices/route.ts': route, 'lib/legacy.ts': "export const port: number = '3000';\n" });
    const { report } = await migrate(root);

    expect(report.restoredByTypecheck).toEqual([]);
    expect(report.migrated.map((m) => m.file)).toEqual(['app/api/invoices/route.ts']);
  });

  it('stops with a usage error when the project has no tsconfig.json', async () => {
    const root = project({ 'app/api/invoices/route.ts': INVOICES_ROUTE });
    fs.rmSync(path.join(root, 'tsconfig.json'));
    await expect(migrate(root)).rejects.toThrow(/--typecheck needs a tsconfig\.json/);
  });
});
