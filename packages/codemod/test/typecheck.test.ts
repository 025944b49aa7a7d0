import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '@tenant-isolation/core';
import { runMigration } from '@tenant-isolation/codemod';

/** A self-contained project: its own tiny next-auth declaration, a typed wrapper, two routes and a caller. */
const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', baseUrl: '.', paths: { '@/*': ['./*'] } },
    include: ['**/*.ts'],
  }),
  'types/next-auth.d.ts': `declare module 'next-auth' {
  export interface Session { user: { id: string; tenantId: string } }
  export function getServerSession(options: unknown): Promise<Session | null>;
}
`,
  'lib/auth.ts': 'export const authOptions = {};\n',
  'lib/api-wrapper.ts': `export interface RouteContext { params: Promise<Record<string, string>> }
export function withTenantContext(handler: (req: Request, context: RouteContext) => Promise<Response>) {
  return (req: Request, context: RouteContext) => handler(req, context);
}
`,
  'lib/tenant-utils.ts': `export function requireTenantContext() {
  return { tenantId: 't1', userId: 'u1', role: 'member' };
}
`,
  'app/api/invoices/route.ts': `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId, url: req.url });
}
`,
  'app/api/projects/route.ts': `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`,
  // A test that calls the handler with one argument: fine before, a type error once GET takes (req, context).
  'tests/invoices.spec-helper.ts': `import { GET } from '../app/api/invoices/route';

export async function callInvoices(): Promise<number> {
  const res = await GET(new Request('http://localhost/api/invoices'));
  return res.status;
}
`,
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-typecheck-'));
  for (const [file, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('--typecheck', () => {
  it('restores a rewrite that breaks a file using it, keeps the others, and lists the errors it would have added', async () => {
    const root = project();
    const { report, changes } = await runMigration({ root, config: resolveConfig({}), force: true, typecheck: true, workers: 1 });

    expect(changes.map((c) => c.file)).toEqual(['app/api/projects/route.ts']);
    expect(fs.readFileSync(path.join(root, 'app/api/invoices/route.ts'), 'utf8')).toBe(PROJECT['app/api/invoices/route.ts']);
    expect(fs.readFileSync(path.join(root, 'app/api/projects/route.ts'), 'utf8')).toContain('withTenantContext(');
    expect(report.restoredByTypecheck).toEqual([
      {
        file: 'app/api/invoices/route.ts',
        errors: [expect.stringMatching(/^tests\/invoices\.spec-helper\.ts:4:\d+ TS2554: Expected 2 arguments, but got 1\./)],
      },
    ]);
    expect(report.leftAlone).toEqual([
      expect.objectContaining({ file: 'app/api/invoices/route.ts', handler: 'GET', reason: expect.stringMatching(/added TypeScript errors/) }),
    ]);
    expect(report.migrated.map((m) => m.file)).toEqual(['app/api/projects/route.ts']);
  });

  it('stops with a usage error when the project has no tsconfig.json', async () => {
    const root = project();
    fs.rmSync(path.join(root, 'tsconfig.json'));
    await expect(runMigration({ root, config: resolveConfig({}), force: true, typecheck: true, workers: 1 })).rejects.toThrow(
      /--typecheck needs a tsconfig\.json/,
    );
  });
});
