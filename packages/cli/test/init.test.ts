import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/index';
import { capture } from './support/capture';

const REPO = path.resolve(__dirname, '../../..');
const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');

const run = async (...argv: string[]) => {
  const output = capture();
  const code = await main(['node', 'tenant-isolation', ...argv], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
};

/** A Next.js 16 app with NextAuth v4 and no tenant wrapper, written the way create-next-app and a team leave it. */
const APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'acme', private: true, dependencies: { next: '^16.0.0', 'next-auth': '^4.24.13', react: '^19.2.0' } }, null, 2),
  'tsconfig.json': `{
  // create-next-app's, with comments and a trailing comma as it writes them
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["dom", "dom.iterable", "esnext"],
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "esModuleInterop": true,
    "module": "esnext",
    "moduleResolution": "bundler",
    "isolatedModules": true,
    "jsx": "preserve",
    "paths": { "@/*": ["./src/*"] },
  },
  "include": ["**/*.ts"],
  "exclude": ["node_modules"]
}
`,
  'eslint.config.mjs': `import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";

const eslintConfig = defineConfig([
  ...nextVitals,
  globalIgnores([".next/**"]),
]);

export default eslintConfig;
`,
  'src/lib/auth.ts': `import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt' },
  providers: [CredentialsProvider({ name: 'Email', credentials: {}, authorize: async () => null })],
}
`,
  'src/types/next-auth.d.ts': `import type { DefaultSession } from 'next-auth'

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string; tenantId: string }
  }
}
`,
  'src/app/api/invoices/route.ts': `import { getServerSession } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'

export async function GET() {
  const session = await getServerSession(authOptions)
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  return NextResponse.json({ tenant: session.user.tenantId })
}
`,
  'src/pages/api/legacy.ts': `import type { NextApiRequest, NextApiResponse } from 'next'
import { getServerSession } from 'next-auth'
import { authOptions } from '@/lib/auth'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions)
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' })
  res.status(200).json({ tenant: session.user.tenantId })
}
`,
};

function app(files: Record<string, string | null> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-init-'));
  for (const [file, text] of Object.entries({ ...APP, ...files })) {
    if (text === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  // The repository's next, next-auth and @types, for the type check.
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

function typecheck(dir: string): string {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', dir], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim();
}

describe('tenant-isolation init', () => {
  it('sets up an app from zero: config, wrapper and accessors that typecheck under strict, the plugin in its ESLint config', async () => {
    const dir = app();
    const { code, stdout } = await run('init', dir, '--yes');
    expect(code).toBe(0);
    expect(stdout).toContain('Found: App Router and pages/api, NextAuth v4 (authOptions in src/lib/auth.ts), imports as @/…, ESLint flat config eslint.config.mjs, npm.');
    expect(stdout).toContain('Wrote tenant-isolation.config.json, src/lib/tenant-context.ts, src/lib/tenant-wrapper.ts, eslint.config.mjs.');
    expect(JSON.parse(read(dir, 'tenant-isolation.config.json'))).toEqual({
      wrappers: [{ name: 'withTenantContext', from: '@/lib/tenant-wrapper' }],
      pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/tenant-wrapper' }],
      contextAccessor: { name: 'requireTenantContext', from: '@/lib/tenant-context' },
      optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-context' },
      authOptions: { name: 'authOptions', from: '@/lib/auth' },
      tenantCookie: { name: 'tenant_sig', secretEnv: 'TENANT_SIG_SECRET' },
    });
    const wrapper = read(dir, 'src/lib/tenant-wrapper.ts');
    expect(wrapper).toContain("import { authOptions } from '@/lib/auth'");
    expect(wrapper).toContain('timingSafeEqual(given, expected)');
    expect(wrapper).toContain('process.env.TENANT_SIG_SECRET');
    // The app writes no semicolons; neither does what init writes for it.
    expect(wrapper).not.toMatch(/;$/m);
    expect(read(dir, 'eslint.config.mjs')).toBe(`import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import tenantIsolation from "eslint-plugin-tenant-isolation";

const eslintConfig = defineConfig([
  ...nextVitals,
  globalIgnores([".next/**"]),
  tenantIsolation.configs.recommended,
]);

export default eslintConfig;
`);
    expect(typecheck(dir)).toBe('');

    // A second run changes nothing.
    const before = Object.fromEntries(['tenant-isolation.config.json', 'src/lib/tenant-wrapper.ts', 'eslint.config.mjs'].map((f) => [f, read(dir, f)]));
    const again = await run('init', dir, '--yes');
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('Nothing to change: the app is set up.')]);
    for (const [file, text] of Object.entries(before)) expect(read(dir, file)).toBe(text);

    // The codemod migrates onto what init wrote, and the app still typechecks.
    const migrated = await run('migrate', '--root', dir, '--force', '--typecheck');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('Migrated 2 handlers in 2 of 2 files');
    expect(read(dir, 'src/pages/api/legacy.ts')).toContain('export default withTenantApiRoute(async function handler(');
    expect(typecheck(dir)).toBe('');
  });

  it("reads the tenant from the session field the app's handlers use, and names the fields the context lacks", async () => {
    const dir = app({
      'src/types/next-auth.d.ts': `import type { DefaultSession } from 'next-auth'

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string; organizationId: string; isAdmin: boolean }
  }
}
`,
      'src/app/api/invoices/route.ts': `import { getServerSession } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'

export async function GET() {
  const session = await getServerSession(authOptions)
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  return NextResponse.json({ organization: session.user.organizationId })
}

export async function DELETE() {
  const session = await getServerSession(authOptions)
  if (!session?.user?.isAdmin) return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  return NextResponse.json({ deleted: session.user.organizationId })
}
`,
      'src/pages/api/legacy.ts': null,
    });
    const { code, stdout } = await run('init', dir, '--yes');
    expect(code).toBe(0);
    expect(stdout).toContain('handlers also read session.user.isAdmin (1), which the context does not carry');
    expect(JSON.parse(read(dir, 'tenant-isolation.config.json')).sessionMapping).toEqual({
      'user.organizationId': 'tenantId',
      'user.id': 'userId',
      'user.role': 'role',
      'user.email': 'userEmail',
      'user.name': 'userName',
      'user.tenantRole': 'tenantRole',
    });
    expect(read(dir, 'src/lib/tenant-wrapper.ts')).toContain('const tenantId = text(user?.organizationId)');
    expect(typecheck(dir)).toBe('');
    const migrated = await run('migrate', '--root', dir, '--force', '--typecheck');
    expect(migrated.stdout).toContain('Migrated 1 handlers in 1 of 1 files; 1 left for a human.');
    expect(read(dir, 'src/app/api/invoices/route.ts')).toContain('organization: ctx.tenantId');
    expect(typecheck(dir)).toBe('');
  });

  it('--dry prints what it would write, as a diff, and writes nothing', async () => {
    const dir = app();
    const eslintBefore = read(dir, 'eslint.config.mjs');
    const { code, stdout } = await run('init', dir, '--dry');
    expect(code).toBe(0);
    expect(stdout).toContain('+export function withTenantContext<P = Record<string, string | string[]>>(');
    expect(stdout).toContain('+import tenantIsolation from "eslint-plugin-tenant-isolation";');
    expect(stdout).toContain('Dry run: nothing was written.');
    expect(fs.existsSync(path.join(dir, 'tenant-isolation.config.json'))).toBe(false);
    expect(read(dir, 'eslint.config.mjs')).toBe(eslintBefore);
  });

  it('never overwrites a file without --force', async () => {
    const dir = app({ 'src/lib/tenant-context.ts': '// the team\'s own draft\nexport const draft = true\n' });
    const kept = await run('init', dir, '--yes');
    expect(kept.stdout).toMatch(/keep +src\/lib\/tenant-context\.ts {2}\(exists with other content; --force replaces it\)/);
    expect(read(dir, 'src/lib/tenant-context.ts')).toBe("// the team's own draft\nexport const draft = true\n");
    fs.rmSync(path.join(dir, 'tenant-isolation.config.json'));
    const replaced = await run('init', dir, '--yes', '--force');
    expect(replaced.stdout).toMatch(/replace +src\/lib\/tenant-context\.ts/);
    expect(read(dir, 'src/lib/tenant-context.ts')).toContain('export function requireTenantContext(): TenantContext');
  });

  it('configures the wrapper and accessor an app already has, and writes none', async () => {
    const dir = app({
      'src/lib/api-wrapper.ts': 'export function withTenantContext<T>(handler: T): T {\n  return handler\n}\n',
      'src/lib/tenant-utils.ts': 'export function requireTenantContext() {\n  return { tenantId: "t", userId: "u" }\n}\n',
    });
    const { code, stdout } = await run('init', dir, '--yes');
    expect(code).toBe(0);
    expect(stdout).toContain('uses the wrapper and accessor the app has: src/lib/api-wrapper.ts, src/lib/tenant-utils.ts');
    const config = JSON.parse(read(dir, 'tenant-isolation.config.json'));
    expect([config.wrappers, config.contextAccessor, config.pagesWrappers]).toEqual([
      [{ name: 'withTenantContext', from: '@/lib/api-wrapper' }],
      { name: 'requireTenantContext', from: '@/lib/tenant-utils' },
      undefined,
    ]);
    expect(fs.existsSync(path.join(dir, 'src/lib/tenant-wrapper.ts'))).toBe(false);
  });

  it('reads the session with NextAuth v5\'s auth() where the app exports it', async () => {
    const dir = app({
      'package.json': JSON.stringify({ name: 'acme', dependencies: { next: '^16.0.0', 'next-auth': '5.0.0-beta.29' } }),
      'src/lib/auth.ts': null,
      'src/auth.ts': "import NextAuth from 'next-auth'\n\nexport const { auth, handlers, signIn, signOut } = NextAuth({ providers: [] })\n",
    });
    const { code } = await run('init', dir, '--yes');
    expect(code).toBe(0);
    const wrapper = read(dir, 'src/lib/tenant-wrapper.ts');
    expect(wrapper).toContain("import { auth } from '@/auth'");
    expect(wrapper).toContain('const session = await auth()');
    expect(wrapper).toContain('const session = await auth(req, res)');
    expect(JSON.parse(read(dir, 'tenant-isolation.config.json')).sessionGetters).toEqual([
      { name: 'getServerSession', from: ['next-auth', 'next-auth/next'] },
      { name: 'auth', from: '@/auth' },
    ]);
  });

  it('says when an existing config names a wrapper the app does not have', async () => {
    const dir = app({ 'tenant-isolation.config.json': JSON.stringify({ wrappers: [{ name: 'withTenantContext', from: '@/lib/missing-wrapper' }] }) });
    const { code, stdout } = await run('init', dir, '--yes');
    expect(code).toBe(0);
    expect(stdout).toContain('tenant-isolation.config.json names withTenantContext from @/lib/missing-wrapper, which is not in the app');
    expect(stdout).toContain('tenant-isolation.config.json names requireTenantContext from @/lib/tenant-utils, which is not in the app');
  });

  it('adds the legacy config to an .eslintrc.json in place', async () => {
    const dir = app({ 'eslint.config.mjs': null, '.eslintrc.json': '{\n  "extends": "next/core-web-vitals"\n}\n' });
    await run('init', dir, '--yes');
    expect(read(dir, '.eslintrc.json')).toBe('{\n  "extends": ["next/core-web-vitals", "plugin:tenant-isolation/legacy-recommended"]\n}\n');
  });

  it('stops with exit 2 and says why: no next-auth, no path alias, no terminal to ask on', async () => {
    const noAuth = app({ 'package.json': JSON.stringify({ name: 'acme', dependencies: { next: '^16.0.0' } }) });
    expect(await run('init', noAuth, '--yes')).toMatchObject({ code: 2, stderr: expect.stringContaining('next-auth is not a dependency of this app') });
    const noAlias = app({ 'tsconfig.json': '{ "compilerOptions": { "strict": true } }' });
    expect(await run('init', noAlias, '--yes')).toMatchObject({ code: 2, stderr: expect.stringContaining('init needs a path alias') });
    const quiet = app();
    expect(await run('init', quiet)).toMatchObject({ code: 2, stderr: expect.stringContaining('init asks before it writes: run it on a terminal, or with --yes') });
    expect(fs.existsSync(path.join(quiet, 'tenant-isolation.config.json'))).toBe(false);
  });
});

/*
 * What the written wrapper answers, run: the generated modules compiled as they are (only their imports pointed at a
 * session stub and at this repository's next/server), called as Next.js calls a handler.
 */
describe('the wrapper init writes, run', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const { accessorModule, wrapperModule } = jest.requireActual('../src/init/templates') as typeof import('../src/init/templates');
  const SECRET = 'a-long-random-secret-for-tests';
  let wrapper: {
    withTenantContext: (h: (req: unknown, ctx: unknown) => Promise<Response>, o?: { requireAuth?: boolean }) => (req: unknown, ctx: unknown) => Promise<Response>;
    withTenantApiRoute: (h: (req: unknown, res: unknown) => unknown) => (req: unknown, res: unknown) => Promise<void>;
    signTenantCookie: (tenantId: string) => string;
  };
  let accessor: { requireTenantContext: () => { tenantId: string; userId: string }; getTenantContext: () => unknown };
  let NextRequest: new (url: string, init?: { headers?: Record<string, string> }) => unknown;
  const session: { current: unknown } = { current: null };

  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-init-run-'));
    const input = {
      importPrefix: '@/',
      libDir: 'lib',
      nextAuth: { version: 4 as const, authOptions: { name: 'authOptions', from: '@/lib/auth' } },
      pages: true,
      cookieName: 'tenant_sig',
      secretEnv: 'TENANT_SIG_SECRET',
      tenantField: 'tenantId',
      semicolons: true,
    };
    const compile = (text: string) =>
      ts
        .transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } })
        .outputText.replace(/require\("next-auth"\)/g, 'require("./session-stub.js")')
        .replace(/require\("next\/server"\)/g, `require(${JSON.stringify(require.resolve('next/server'))})`)
        .replace(/require\("@\/lib\/auth"\)/g, 'require("./session-stub.js")')
        .replace(/require\("@\/lib\/tenant-context"\)/g, 'require("./tenant-context.js")');
    fs.writeFileSync(path.join(dir, 'tenant-context.js'), compile(accessorModule(input)));
    fs.writeFileSync(path.join(dir, 'tenant-wrapper.js'), compile(wrapperModule(input)));
    fs.writeFileSync(
      path.join(dir, 'session-stub.js'),
      'exports.authOptions = {};\nexports.getServerSession = async () => globalThis.__tenantIsolationSession.current;\n',
    );
    (globalThis as { __tenantIsolationSession?: unknown }).__tenantIsolationSession = session;
    process.env.TENANT_SIG_SECRET = SECRET;
    wrapper = jest.requireActual(path.join(dir, 'tenant-wrapper.js'));
    accessor = jest.requireActual(path.join(dir, 'tenant-context.js'));
    NextRequest = (jest.requireActual('next/server') as { NextRequest: typeof NextRequest }).NextRequest;
  });

  const request = (cookie?: string) => new NextRequest('http://localhost/api/invoices', cookie ? { headers: { cookie: `tenant_sig=${cookie}` } } : {});
  const echo = async () => {
    const ctx = accessor.requireTenantContext();
    return Response.json({ tenantId: ctx.tenantId, userId: ctx.userId });
  };
  const answer = async (response: Promise<Response>) => {
    const r = await response;
    return [r.status, await r.json()];
  };

  it('401 without a signed-in user, 403 for a missing, forged or foreign tenant cookie, the context for the right one', async () => {
    const GET = wrapper.withTenantContext(echo);
    session.current = null;
    expect(await answer(GET(request(), {}))).toEqual([401, { error: 'Unauthorized' }]);
    session.current = { user: { id: 'u1', tenantId: 'acme', email: 'a@acme.test' } };
    expect(await answer(GET(request(), {}))).toEqual([403, { error: 'Invalid tenant signature' }]);
    expect(await answer(GET(request('acme.deadbeef'), {}))).toEqual([403, { error: 'Invalid tenant signature' }]);
    expect(await answer(GET(request(wrapper.signTenantCookie('globex')), {}))).toEqual([403, { error: 'Tenant mismatch' }]);
    expect(await answer(GET(request(wrapper.signTenantCookie('acme')), {}))).toEqual([200, { tenantId: 'acme', userId: 'u1' }]);
    // Outside a request there is no context.
    expect(accessor.getTenantContext()).toBeNull();
    expect(() => accessor.requireTenantContext()).toThrow('requireTenantContext() was called outside withTenantContext()');
  });

  it('{ requireAuth: false } lets a caller without a session in, with no context', async () => {
    const GET = wrapper.withTenantContext(async () => Response.json({ context: accessor.getTenantContext() }), { requireAuth: false });
    session.current = null;
    expect(await answer(GET(request(), {}))).toEqual([200, { context: null }]);
  });

  it('the pages/api wrapper answers through res the same way', async () => {
    const calls: unknown[] = [];
    const res = { status: (code: number) => ({ json: (body: unknown) => calls.push([code, body]) }) };
    const route = wrapper.withTenantApiRoute((_req, r) => (r as typeof res).status(200).json({ tenantId: accessor.requireTenantContext().tenantId }));
    session.current = { user: { id: 'u1', tenantId: 'acme' } };
    await route({ cookies: { tenant_sig: wrapper.signTenantCookie('globex') } }, res);
    await route({ cookies: { tenant_sig: wrapper.signTenantCookie('acme') } }, res);
    session.current = null;
    await route({ cookies: {} }, res);
    expect(calls).toEqual([
      [403, { error: 'Tenant mismatch' }],
      [200, { tenantId: 'acme' }],
      [401, { error: 'Unauthorized' }],
    ]);
  });
});
