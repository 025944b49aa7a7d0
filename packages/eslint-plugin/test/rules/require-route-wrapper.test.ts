import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as espree from 'espree';
import rule, { type MessageIds } from '../../src/rules/require-route-wrapper';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });
/** ESLint's own report of a directive that suppressed nothing is beside the point of the directive cases. */
const directiveTester = new RuleTester({ languageOptions: { parser: tsParser }, linterOptions: { reportUnusedDisableDirectives: 'off' } });

/** The id RuleTester registers the rule under: what a disable comment must name to reach it here. */
const RULE_ID = '@rule-tester/require-route-wrapper';
const WRAPPER = 'withTenantContext()';

const route = (method: string, url = '/api/invoices') => `Route handler '${method}' of ${url}`;

/** A report of `messageId` spanning `line:column` to `endLine:endColumn`. */
function report(
  messageId: MessageIds,
  data: Record<string, string | number>,
  [line, column, endLine, endColumn]: [number, number, number, number],
) {
  return { messageId, data, line, column, endLine, endColumn };
}

const unwrapped = (handler: string, at: [number, number, number, number]) =>
  report('unwrappedHandler', { handler, wrapper: WRAPPER }, at);
const unprotected = (handler: string, at: [number, number, number, number]) =>
  report('unprotectedHandler', { handler, wrapper: WRAPPER }, at);
const otherWrappers = (handler: string, chain: string, at: [number, number, number, number]) =>
  report('otherWrappers', { handler, chain, wrapper: WRAPPER }, at);
const fromElsewhere = (handler: string, module: string, at: [number, number, number, number]) =>
  report('handlerFromElsewhere', { handler, module, wrapper: WRAPPER }, at);
const opaque = (handler: string, reason: string, at: [number, number, number, number]) =>
  report('opaqueHandler', { handler, reason, wrapper: WRAPPER }, at);
const noReason = (directive: string, line: number, at: [number, number, number, number]) =>
  report('disableWithoutReason', { directive, line, ruleId: RULE_ID }, at);

const SERVER_ACTIONS = { 'tenant-isolation': { serverActions: true } };
const PUBLIC_HEALTH = { 'tenant-isolation': { publicRoutes: [{ path: '/api/health', reason: 'load balancer probe' }] } };

/** The pre-migration shape: the handler reads the session itself. */
const SESSION_GET = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}
`;
const SESSION_GET_REPORT = unwrapped(route('GET'), [4, 23, 4, 26]);

/** A handler that reads no session and has no wrapper: anyone may call it. */
const OPEN_GET = `export async function GET() {
  return Response.json({ ok: true });
}
`;

/** The migrated shape. */
const WRAPPED_GET = `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenantId: ctx.tenantId });
});
`;

describe('which files are checked', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      { name: 'a module outside the route globs is not a route, whatever it exports', filename: 'lib/invoices.ts', code: OPEN_GET },
      {
        name: 'a page component is not a route handler',
        filename: 'app/dashboard/page.tsx',
        code: `export default function DashboardPage() {
  return <h1>Dashboard</h1>;
}
`,
      },
      { name: 'a test file next to a route is not a route', filename: 'app/api/invoices/route.test.ts', code: OPEN_GET },
      { name: 'a file under __tests__ is ignored', filename: 'app/api/invoices/__tests__/route.ts', code: OPEN_GET },
      {
        name: 'routes in the rule options replace the default globs',
        filename: 'app/api/invoices/route.ts',
        code: OPEN_GET,
        options: [{ routes: ['server/routes/**/*.ts'] }],
      },
      {
        name: 'ignore in settings takes a route file out',
        filename: 'app/api/legacy/route.ts',
        code: OPEN_GET,
        settings: { 'tenant-isolation': { ignore: ['app/api/legacy/**'] } },
      },
      {
        name: "a 'use server' file is not checked unless serverActions is on",
        filename: 'app/settings/actions.ts',
        code: `'use server';

export async function rename(form: FormData) {
  return String(form.get('name'));
}
`,
      },
    ],
    invalid: [
      { name: 'an App Router route', filename: 'app/api/invoices/route.ts', code: OPEN_GET, errors: [unprotected(route('GET'), [1, 23, 1, 26])] },
      {
        name: 'an App Router route under src/, in a route group',
        filename: 'src/app/(billing)/api/invoices/route.ts',
        code: OPEN_GET,
        errors: [unprotected(route('GET'), [1, 23, 1, 26])],
      },
      {
        name: 'an absolute filename is matched relative to the working directory',
        filename: path.join(process.cwd(), 'app/api/invoices/route.ts'),
        code: OPEN_GET,
        errors: [unprotected(route('GET'), [1, 23, 1, 26])],
      },
      {
        name: 'a file matched by custom route globs from settings',
        filename: 'server/routes/invoices.ts',
        settings: { 'tenant-isolation': { routes: ['server/routes/**/*.ts'] } },
        code: SESSION_GET,
        errors: [unwrapped(route('GET', '/server/routes/invoices'), [4, 23, 4, 26])],
      },
    ],
  });
});

describe('wrapped handlers', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      { name: 'the migrated shape', filename: 'app/api/invoices/route.ts', code: WRAPPED_GET },
      {
        name: 'a wrapped handler that still reads the session is require-tenant-context’s clean-up, not a hole',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession()));
`,
      },
      {
        name: 'an aliased import of the wrapper',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext as tenantScoped } from '@/lib/api-wrapper';

export const POST = tenantScoped(async (req: Request) => Response.json(await req.json()));
`,
      },
      {
        name: 'a namespace import of the wrapper module',
        filename: 'app/api/invoices/route.ts',
        code: `import * as api from '@/lib/api-wrapper';

export const GET = api.withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'the wrapper module imported by a relative path',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'the wrapper inside other wrappers',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { withRateLimit } from '@/lib/rate-limit';

export const POST = withRateLimit(withTenantContext(async () => Response.json({ ok: true }), { requireAuth: true }));
`,
      },
      {
        name: 'other wrappers inside the wrapper',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { withLogging } from '@/lib/logging';

export const DELETE = withTenantContext(withLogging(async () => new Response(null, { status: 204 })));
`,
      },
      {
        name: 'a wrapped handler in a local variable exported under two methods',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

const handler = withTenantContext(async (req: Request) => Response.json({ method: req.method }));

export { handler as GET, handler as POST };
`,
      },
      {
        name: 'a local function wrapped at the export',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

async function listInvoices() {
  return Response.json([]);
}

export const GET = withTenantContext(listInvoices);
`,
      },
      {
        name: 'a handler imported from another module and wrapped here',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { listInvoices } from '@/server/invoices';

export const GET = withTenantContext(listInvoices);
`,
      },
      {
        name: 'the wrapper with anonymous callers allowed is still the audited entry point',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json([]), { requireAuth: false });
`,
      },
      {
        name: 'a wrapper configured in settings, from a list of modules',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { wrappers: [{ name: 'withOrg', from: ['@acme/auth', '@/lib/org'] }] } },
        code: `import { withOrg } from '@acme/auth';

export const GET = withOrg(async () => Response.json([]));
`,
      },
      {
        name: 'any of several configured wrappers',
        filename: 'app/api/admin/tenants/route.ts',
        options: [
          {
            wrappers: [
              { name: 'withTenantContext', from: '@/lib/api-wrapper' },
              { name: 'withPlatformAdmin', from: '@/lib/admin' },
            ],
          },
        ],
        code: `import { withPlatformAdmin } from '@/lib/admin';

export const GET = withPlatformAdmin(async () => Response.json([]));
`,
      },
      {
        name: 'a pages/api default export wrapped',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantContext } from '@/lib/api-wrapper';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json([]);
}

export default withTenantContext(handler);
`,
      },
      {
        name: 'a CommonJS pages/api handler wrapped',
        filename: 'pages/api/invoices.js',
        code: `const { withTenantContext } = require('@/lib/api-wrapper');

module.exports = withTenantContext(async (req, res) => res.json([]));
`,
      },
      {
        name: 'a wrapped server action',
        filename: 'app/settings/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';

import { withTenantContext } from '@/lib/api-wrapper';

export const rename = withTenantContext(async (form: FormData) => String(form.get('name')));
`,
      },
      {
        name: 'exports that are not handlers: segment config, helpers, lower-case names, types',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export async function get() {
  return [];
}
export function toInvoiceDto(row: { id: string }) {
  return { id: row.id };
}
export type GET = () => Response;
export const GET = withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'export * as a namespace adds no handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export * as dto from './dto';
export const GET = withTenantContext(async () => Response.json([]));
`,
      },
    ],
    invalid: [
      {
        name: 'a handler that reads the session itself',
        filename: 'app/api/invoices/route.ts',
        code: SESSION_GET,
        errors: [SESSION_GET_REPORT],
      },
      {
        name: 'each unwrapped method is reported at its own export, the wrapped one not',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json([]));

export const POST = async (req: Request) => Response.json(await req.json(), { status: 201 });

export const DELETE = async function () {
  return new Response(null, { status: 204 });
};
`,
        errors: [unprotected(route('POST'), [5, 14, 5, 18]), unprotected(route('DELETE'), [7, 14, 7, 20])],
      },
      {
        name: 'a function declared first and exported by name',
        filename: 'app/api/invoices/route.ts',
        code: `async function PATCH(req: Request) {
  return Response.json(await req.json());
}

export { PATCH };
`,
        errors: [unprotected(route('PATCH'), [5, 10, 5, 15])],
      },
      {
        name: 'one function exported under two methods: a report at each name',
        filename: 'app/api/invoices/route.ts',
        code: `async function handler(req: Request) {
  return Response.json({ method: req.method });
}

export { handler as GET, handler as HEAD };
`,
        errors: [unprotected(route('GET'), [5, 21, 5, 24]), unprotected(route('HEAD'), [5, 37, 5, 41])],
      },
      {
        name: 'a handler reaching the session through a same-file helper',
        filename: 'app/api/projects/route.ts',
        code: `import { getServerSession } from 'next-auth';

async function currentTenant() {
  const session = await getServerSession();
  return session?.user?.tenantId;
}

export async function OPTIONS() {
  return Response.json({ tenant: await currentTenant() });
}
`,
        errors: [unwrapped(route('OPTIONS', '/api/projects'), [8, 23, 8, 30])],
      },
      {
        name: 'a handler reading the session through a configured indirect getter',
        filename: 'app/api/api-keys/route.ts',
        settings: { 'tenant-isolation': { indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }] } },
        code: `import { requireAdmin } from '@/lib/auth-middleware';

export async function PUT() {
  await requireAdmin();
  return new Response(null, { status: 204 });
}
`,
        errors: [unwrapped(route('PUT', '/api/api-keys'), [3, 23, 3, 26])],
      },
      {
        name: 'a dynamic segment keeps its brackets in the route path',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return Response.json({ id: (await params).id });
}
`,
        errors: [unprotected(route('GET', '/api/invoices/[id]'), [1, 23, 1, 26])],
      },
      {
        name: 'a pages/api default export function',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json([]);
}
`,
        errors: [unprotected('API route /api/invoices (default export)', [3, 1, 3, 15])],
      },
      {
        name: 'a pages/api index route, exported by name after its declaration',
        filename: 'src/pages/api/reports/index.ts',
        code: `import { getServerSession } from 'next-auth';

const handler = async (req: unknown, res: { json(body: unknown): void }) => {
  res.json(await getServerSession());
};

export default handler;
`,
        errors: [unwrapped('API route /api/reports (default export)', [7, 1, 7, 15])],
      },
      {
        name: 'a CommonJS pages/api handler, reported at module.exports',
        filename: 'pages/api/legacy.js',
        code: `module.exports = async function handler(req, res) {
  res.json({ ok: true });
};
`,
        errors: [unprotected('API route /api/legacy (default export)', [1, 1, 1, 15])],
      },
      {
        name: 'server actions when serverActions is on, each at its name',
        filename: 'app/settings/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';

import { getServerSession } from 'next-auth';

export async function rename(form: FormData) {
  const session = await getServerSession();
  return { by: session?.user?.id, name: String(form.get('name')) };
}

export async function archive() {
  return { archived: true };
}
`,
        errors: [
          unwrapped("Server action 'rename' in app/settings/actions.ts", [5, 23, 5, 29]),
          unprotected("Server action 'archive' in app/settings/actions.ts", [10, 23, 10, 30]),
        ],
      },
      {
        name: 'serverActions from the rule options',
        filename: 'src/actions/invoices.ts',
        options: [{ serverActions: true }],
        code: `'use server';

export const sendInvoice = async (id: string) => ({ id, sent: true });
`,
        errors: [unprotected("Server action 'sendInvoice' in src/actions/invoices.ts", [3, 14, 3, 25])],
      },
    ],
  });
});

describe('wrappers that do not count', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [],
    invalid: [
      {
        name: 'a local function with the wrapper’s name',
        filename: 'app/api/invoices/route.ts',
        code: `function withTenantContext<T>(fn: T): T {
  return fn;
}

export const GET = withTenantContext(async () => Response.json([]));
`,
        errors: [
          report(
            'lookalikeWrapper',
            { handler: route('GET'), callee: 'withTenantContext', wrapper: 'withTenantContext', from: "'@/lib/api-wrapper'" },
            [5, 14, 5, 17],
          ),
        ],
      },
      {
        name: 'the wrapper’s name imported from another module',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/legacy-wrapper';

export const POST = withTenantContext(async () => Response.json({ ok: true }));
`,
        errors: [
          report(
            'lookalikeWrapper',
            { handler: route('POST'), callee: 'withTenantContext', wrapper: 'withTenantContext', from: "'@/lib/api-wrapper'" },
            [3, 14, 3, 18],
          ),
        ],
      },
      {
        name: 'a namespace member of the wrapper’s name from another module, naming every configured module',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { wrappers: [{ name: 'withTenantContext', from: ['@/lib/api-wrapper', '@acme/tenancy'] }] } },
        code: `import * as legacy from '@/lib/legacy';

export const GET = legacy.withTenantContext(async () => Response.json([]));
`,
        errors: [
          report(
            'lookalikeWrapper',
            {
              handler: route('GET'),
              callee: 'legacy.withTenantContext',
              wrapper: 'withTenantContext',
              from: "'@/lib/api-wrapper' or '@acme/tenancy'",
            },
            [3, 14, 3, 17],
          ),
        ],
      },
      {
        name: 'other wrappers only: they may authenticate, but establish no tenant context',
        filename: 'app/api/invoices/route.ts',
        code: `import { withAuth } from '@/lib/auth';
import { withRateLimit } from '@/lib/rate-limit';

export const GET = withRateLimit(withAuth(async () => Response.json([])));
`,
        errors: [otherWrappers(route('GET'), 'withRateLimit() → withAuth()', [4, 14, 4, 17])],
      },
      {
        name: 'a curried wrapper is named by its inner callee',
        filename: 'app/api/invoices/route.ts',
        code: `import { withRoles } from '@/lib/auth';

export const DELETE = withRoles(['admin'])(async () => new Response(null, { status: 204 }));
`,
        errors: [otherWrappers(route('DELETE'), 'withRoles(…)()', [3, 14, 3, 20])],
      },
      {
        name: "NextAuth's own route handler: wrapped in NextAuth(), a candidate for publicRoutes",
        filename: 'app/api/auth/[...nextauth]/route.ts',
        code: `import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
`,
        errors: [
          otherWrappers(route('GET', '/api/auth/[...nextauth]'), 'NextAuth()', [6, 21, 6, 24]),
          otherWrappers(route('POST', '/api/auth/[...nextauth]'), 'NextAuth()', [6, 37, 6, 41]),
        ],
      },
      {
        name: 'with several wrappers configured, the message names them all',
        filename: 'app/api/invoices/route.ts',
        settings: {
          'tenant-isolation': {
            wrappers: [
              { name: 'withTenantContext', from: '@/lib/api-wrapper' },
              { name: 'withPlatformAdmin', from: '@/lib/admin' },
            ],
          },
        },
        code: OPEN_GET,
        errors: [
          report('unprotectedHandler', { handler: route('GET'), wrapper: 'withTenantContext() or withPlatformAdmin()' }, [1, 23, 1, 26]),
        ],
      },
    ],
  });
});

describe('handlers this file cannot see', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      {
        name: 'a re-exported handler listed as public',
        filename: 'app/api/health/route.ts',
        settings: PUBLIC_HEALTH,
        code: `export { GET } from '@/server/health';
`,
      },
      {
        name: 'export * in a route whose every method is public',
        filename: 'app/api/health/route.ts',
        settings: PUBLIC_HEALTH,
        code: `export * from '@/server/health';
`,
      },
      {
        name: 'export type * adds no handler',
        filename: 'app/api/invoices/route.ts',
        code: `export type * from './types';
`,
      },
    ],
    invalid: [
      {
        name: 'a handler re-exported from another module',
        filename: 'app/api/invoices/route.ts',
        code: `export { GET, POST as PUT } from '@/server/invoices';
`,
        errors: [
          fromElsewhere(route('GET'), '@/server/invoices', [1, 10, 1, 13]),
          fromElsewhere(route('PUT'), '@/server/invoices', [1, 23, 1, 26]),
        ],
      },
      {
        name: 'an imported function exported as a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { listInvoices } from './handlers';

export { listInvoices as GET };
`,
        errors: [fromElsewhere(route('GET'), './handlers', [3, 26, 3, 29])],
      },
      {
        name: 'an imported function assigned to a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import listInvoices from './handlers';

export const GET = listInvoices;
`,
        errors: [fromElsewhere(route('GET'), './handlers', [3, 14, 3, 17])],
      },
      {
        name: 'an imported handler passed through another wrapper: the chain is what this file shows',
        filename: 'app/api/invoices/route.ts',
        code: `import { withRateLimit } from '@/lib/rate-limit';
import { listInvoices } from './handlers';

export const GET = withRateLimit(listInvoices);
`,
        errors: [otherWrappers(route('GET'), 'withRateLimit()', [4, 14, 4, 17])],
      },
      {
        name: 'handlers destructured from an object',
        filename: 'app/api/auth/[...nextauth]/route.ts',
        code: `import { handlers } from '@/auth';

export const { GET, POST } = handlers;
`,
        errors: [
          opaque(route('GET', '/api/auth/[...nextauth]'), 'the handler is destructured from another value', [3, 16, 3, 19]),
          opaque(route('POST', '/api/auth/[...nextauth]'), 'the handler is destructured from another value', [3, 21, 3, 25]),
        ],
      },
      {
        name: 'a handler read from a property of another value',
        filename: 'app/api/invoices/route.ts',
        code: `import { invoiceRoutes } from './routes';

export const GET = invoiceRoutes.list;
`,
        errors: [opaque(route('GET'), 'the handler is a property of another value (`invoiceRoutes.list`)', [3, 14, 3, 17])],
      },
      {
        name: 'a handler chosen at run time',
        filename: 'app/api/invoices/route.ts',
        code: `import { v1, v2 } from './versions';

export const GET = process.env.API_V2 ? v2 : v1;
`,
        errors: [opaque(route('GET'), 'the handler is chosen at run time', [3, 14, 3, 17])],
      },
      {
        name: 'export * in an App Router route is reported at the statement',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export * from './handlers';
export const GET = withTenantContext(async () => Response.json([]));
`,
        errors: [
          report('exportAll', { route: '/api/invoices', module: './handlers', wrapper: WRAPPER }, [3, 1, 3, 28]),
        ],
      },
      {
        name: 'export * in a route that is public for some methods only',
        filename: 'app/api/plans/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/plans', methods: ['GET'], reason: 'price table' }] } },
        code: `export * from '@/server/plans';
`,
        errors: [report('exportAll', { route: '/api/plans', module: '@/server/plans', wrapper: WRAPPER }, [1, 1, 1, 32])],
      },
    ],
  });
});

describe('public routes', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      { name: 'a public route from settings', filename: 'app/api/health/route.ts', settings: PUBLIC_HEALTH, code: OPEN_GET },
      {
        name: 'a public route matched by a glob',
        filename: 'app/api/webhooks/stripe/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/webhooks/**', reason: 'signed by the payment processor' }] } },
        code: `export async function POST(req: Request) {
  return Response.json({ received: (await req.text()).length });
}
`,
      },
      {
        name: 'the public methods of a route listed by method',
        filename: 'app/api/plans/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/plans', methods: ['GET', 'HEAD'], reason: 'price table' }] } },
        code: `export async function GET() {
  return Response.json([]);
}
export const HEAD = GET;
`,
      },
      {
        name: 'a public pages/api route',
        filename: 'pages/api/status.ts',
        options: [{ publicRoutes: [{ path: '/api/status', reason: 'status page' }] }],
        code: `export default function handler(_req: unknown, res: { json(body: unknown): void }) {
  res.json({ ok: true });
}
`,
      },
      {
        name: "NextAuth's endpoints listed as public",
        filename: 'app/api/auth/[...nextauth]/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/auth/**', reason: "NextAuth's own endpoints" }] } },
        code: `import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
`,
      },
    ],
    invalid: [
      {
        name: 'a method not listed for a public route',
        filename: 'app/api/plans/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/plans', methods: ['GET'], reason: 'price table' }] } },
        code: `export async function GET() {
  return Response.json([]);
}

export async function POST(req: Request) {
  return Response.json(await req.json(), { status: 201 });
}
`,
        errors: [unprotected(route('POST', '/api/plans'), [5, 23, 5, 27])],
      },
      {
        name: 'a public route in the rule options replaces those in settings',
        filename: 'app/api/health/route.ts',
        settings: PUBLIC_HEALTH,
        options: [{ publicRoutes: [{ path: '/api/status', reason: 'status page' }] }],
        code: OPEN_GET,
        errors: [unprotected(route('GET', '/api/health'), [1, 23, 1, 26])],
      },
      {
        name: 'a glob for one level does not cover deeper routes',
        filename: 'app/api/webhooks/stripe/events/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/webhooks/*', reason: 'signed by the payment processor' }] } },
        code: `export async function POST() {
  return new Response(null, { status: 202 });
}
`,
        errors: [unprotected(route('POST', '/api/webhooks/stripe/events'), [1, 23, 1, 27])],
      },
    ],
  });
});

describe('eslint-disable comments', () => {
  directiveTester.run('require-route-wrapper', rule, {
    valid: [
      {
        name: 'eslint-disable-next-line with a reason drops the report',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line ${RULE_ID} -- legacy export endpoint, SEC-412
export async function GET() {
  return Response.json([]);
}
`,
      },
      {
        name: 'eslint-disable-line with a reason',
        filename: 'app/api/invoices/route.ts',
        code: `export async function GET() { // eslint-disable-line ${RULE_ID} -- legacy export endpoint
  return Response.json([]);
}
`,
      },
      {
        name: 'a block eslint-disable with a reason, closed by eslint-enable',
        filename: 'app/api/invoices/route.ts',
        code: `/* eslint-disable ${RULE_ID} -- read-only demo data, removed in Q3 */
export async function GET() {
  return Response.json([]);
}
/* eslint-enable ${RULE_ID} */
`,
      },
      {
        name: 'a reason after three dashes, the rule among others in a quoted list',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line no-console, '${RULE_ID}' --- health probe for the load balancer
export async function GET() {
  console.log('probe');
  return Response.json({ ok: true });
}
`,
      },
      {
        name: 'disable comments for other rules need no reason from this rule',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

// eslint-disable-next-line no-console
export const GET = withTenantContext(async () => Response.json(console.log('x')));
`,
      },
      {
        name: 'a line comment eslint-disable is no directive at all, so it needs no reason',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

// eslint-disable ${RULE_ID}
export const GET = withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'a comment that mentions a directive is not one',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

/* Prefer a reason: eslint-disable-next-line ${RULE_ID} -- why */
export const GET = withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'a JSDoc-style block whose text starts with a star is no directive for ESLint, so nothing is suppressed or reported',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

/**
 * eslint-disable-next-line ${RULE_ID}
 */
export const GET = withTenantContext(async () => Response.json([]));
`,
      },
      {
        name: 'limit: a block eslint-disable at the very start of the file covers every position, its own report too',
        filename: 'app/api/invoices/route.ts',
        code: `/* eslint-disable ${RULE_ID} */
export async function GET() {
  return Response.json([]);
}
`,
      },
      {
        name: 'an unreasoned directive outside a route module is left to ESLint’s unused-directive check',
        filename: 'lib/invoices.ts',
        code: `// eslint-disable-next-line ${RULE_ID}
export async function GET() {
  return Response.json([]);
}
`,
      },
    ],
    invalid: [
      {
        name: 'eslint-disable-next-line without a reason: the handler report is dropped, the comment reported',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line ${RULE_ID}
export async function GET() {
  return Response.json([]);
}
`,
        errors: [noReason('eslint-disable-next-line', 1, [1, 1, 1, 63])],
      },
      {
        name: 'a separator with nothing after it is no reason',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

/* eslint-disable-next-line ${RULE_ID} -- */
export const GET = withTenantContext(async () => Response.json([]));
`,
        errors: [noReason('eslint-disable-next-line', 3, [3, 1, 3, 69])],
      },
      {
        name: 'a multi-line eslint-disable-next-line block is reported where it starts',
        filename: 'app/api/invoices/route.ts',
        code: `/*
  eslint-disable-next-line ${RULE_ID}
*/
export async function GET() {
  return Response.json([]);
}
`,
        errors: [noReason('eslint-disable-next-line', 1, [1, 1, 3, 3])],
      },
      {
        name: 'eslint-disable-line without a reason is reported from the end of the line before, which it does not cover',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextResponse } from 'next/server';

export async function GET() { // eslint-disable-line ${RULE_ID}
  return NextResponse.json([]);
}
`,
        errors: [noReason('eslint-disable-line', 3, [2, 1, 3, 88])],
      },
      {
        name: 'a block eslint-disable without a reason is reported from the line before',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextResponse } from 'next/server';
/* eslint-disable ${RULE_ID} */
export async function GET() {
  return NextResponse.json([]);
}
`,
        errors: [noReason('eslint-disable', 2, [1, 44, 2, 56])],
      },
      {
        name: 'an indented block eslint-disable is reported from the character before it',
        filename: 'app/api/invoices/route.ts',
        code: `  /* eslint-disable ${RULE_ID} */
export async function GET() {
  return Response.json([]);
}
`,
        errors: [noReason('eslint-disable', 1, [1, 2, 1, 58])],
      },
      {
        name: 'an unreasoned directive that covers nothing this rule reports is still reported',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json([])); // eslint-disable-line ${RULE_ID}
`,
        errors: [noReason('eslint-disable-line', 3, [2, 1, 3, 127])],
      },
      {
        name: 'the rule among others in the list, without a reason',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line no-console, ${RULE_ID}
export async function GET() {
  console.log('probe');
  return Response.json([]);
}
`,
        errors: [noReason('eslint-disable-next-line', 1, [1, 1, 1, 75])],
      },
      {
        name: 'a reasoned directive drops one handler, an unreasoned one the other: only the unreasoned comment is reported',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line ${RULE_ID} -- cache warm-up probe
export async function HEAD() {
  return new Response(null);
}

// eslint-disable-next-line ${RULE_ID}
export async function GET() {
  return Response.json([]);
}
`,
        errors: [noReason('eslint-disable-next-line', 6, [6, 1, 6, 63])],
      },
      {
        name: 'a directive for another handler line leaves this one reported',
        filename: 'app/api/invoices/route.ts',
        code: `// eslint-disable-next-line ${RULE_ID} -- cache warm-up probe
export async function HEAD() {
  return new Response(null);
}

export async function GET() {
  return Response.json([]);
}
`,
        errors: [unprotected(route('GET'), [6, 23, 6, 26])],
      },
    ],
  });
});

const PAGES_WRAPPER = { 'tenant-isolation': { pagesWrappers: [{ name: 'withPagesTenant', from: '@/lib/pages-wrapper' }] } };

describe('pages/api wrappers', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      {
        name: 'a pages/api handler in the configured pages wrapper',
        filename: 'pages/api/invoices.ts',
        settings: PAGES_WRAPPER,
        code: `import { withPagesTenant } from '@/lib/pages-wrapper';

export default withPagesTenant(async (req: unknown, res: { json(body: unknown): void }) => res.json([]));
`,
      },
      {
        name: 'App Router handlers still take the App Router wrapper when pages wrappers are set',
        filename: 'app/api/invoices/route.ts',
        settings: PAGES_WRAPPER,
        code: WRAPPED_GET,
      },
    ],
    invalid: [
      {
        name: 'with pages wrappers set, the App Router wrapper does not count for a pages/api handler',
        filename: 'pages/api/invoices.ts',
        settings: PAGES_WRAPPER,
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export default withTenantContext(async (req: unknown, res: { json(body: unknown): void }) => res.json([]));
`,
        errors: [
          report(
            'otherWrappers',
            { handler: 'API route /api/invoices (default export)', chain: 'withTenantContext()', wrapper: 'withPagesTenant()' },
            [3, 1, 3, 15],
          ),
        ],
      },
      {
        name: 'an unwrapped pages/api handler is told the pages wrapper',
        filename: 'pages/api/invoices.ts',
        settings: PAGES_WRAPPER,
        code: `export default function handler(req: unknown, res: { json(body: unknown): void }) {
  res.json([]);
}
`,
        errors: [report('unprotectedHandler', { handler: 'API route /api/invoices (default export)', wrapper: 'withPagesTenant()' }, [1, 1, 1, 15])],
      },
    ],
  });
});

describe('inline server actions', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      {
        name: 'an inline action is no handler while serverActions is off',
        filename: 'app/settings/page.tsx',
        code: `export default function SettingsPage() {
  async function rename(form: FormData) {
    'use server';
    return String(form.get('name'));
  }
  return <form action={rename} />;
}
`,
      },
      {
        name: 'export * in a page with inline actions is not a route module re-export',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `// The forms below post to the 'use server' actions of settings-form.
export * from './settings-form';
export default function SettingsPage() {
  return null;
}
`,
      },
    ],
    invalid: [
      {
        name: 'an inline action declared in a component, at its name',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `export default function SettingsPage() {
  async function rename(form: FormData) {
    'use server';
    return String(form.get('name'));
  }
  return <form action={rename} />;
}
`,
        errors: [unprotected("Server action 'rename' in app/settings/page.tsx", [2, 18, 2, 24])],
      },
      {
        name: 'an inline action held in a variable through another wrapper, at the variable',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { withLogging } from '@/lib/logging';

export default function SettingsPage() {
  const archive = withLogging(async () => {
    'use server';
  });
  return <form action={archive} />;
}
`,
        errors: [
          {
            messageId: 'callAroundInlineAction',
            data: { handler: "Server action 'archive' in app/settings/page.tsx", callee: 'withLogging', wrapper: 'withTenantContext()' },
            line: 4,
            column: 9,
            endLine: 4,
            endColumn: 16,
          },
        ],
      },
      {
        name: 'an inline action passed through the tenant wrapper is not wrapped by it: Next.js registers the inner function',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export default function SettingsPage() {
  const rename = withTenantContext(async (form: FormData) => {
    'use server';
    return String(form.get('name'));
  });
  return <form action={rename} />;
}
`,
        errors: [
          {
            messageId: 'callAroundInlineAction',
            data: { handler: "Server action 'rename' in app/settings/page.tsx", callee: 'withTenantContext', wrapper: 'withTenantContext()' },
            line: 4,
            column: 9,
            endLine: 4,
            endColumn: 15,
          },
        ],
      },
      {
        name: 'an inline action written in a JSX attribute, at the attribute',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { getServerSession } from 'next-auth';

export default function SettingsPage() {
  return (
    <form
      action={async (form: FormData) => {
        'use server';
        console.log(await getServerSession(), form);
      }}
    />
  );
}
`,
        errors: [unwrapped("Server action '<inline action at line 6>' in app/settings/page.tsx", [6, 7, 6, 13])],
      },
    ],
  });
});

describe('JavaScript routes', () => {
  ruleTester.run('require-route-wrapper', rule, {
    valid: [
      {
        name: 'a wrapped .js route parsed by espree',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree as never },
        code: `import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json([]));
`,
      },
    ],
    invalid: [
      {
        name: 'an unwrapped .mjs route parsed by espree',
        filename: 'app/api/invoices/route.mjs',
        languageOptions: { parser: espree as never },
        code: `export async function GET() {
  return Response.json([]);
}
`,
        errors: [unprotected(route('GET'), [1, 23, 1, 26])],
      },
    ],
  });
});

describe('options and settings', () => {
  function lint(code: string, config: Linter.Config, filename = 'app/api/invoices/route.ts'): Linter.LintMessage[] {
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { 'tenant-isolation': { rules: { 'require-route-wrapper': rule as never } } },
          rules: { 'tenant-isolation/require-route-wrapper': 'error' },
        },
        config,
      ],
      filename,
    );
  }

  it('reads the disable comment under the id the plugin is registered with', () => {
    const messages = lint(`// eslint-disable-next-line tenant-isolation/require-route-wrapper\n${OPEN_GET}`, {});
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.messageId])).toEqual([
      ['tenant-isolation/require-route-wrapper', 1, 1, 'disableWithoutReason'],
    ]);
  });

  it('leaves a reasoned disable comment to do its work, and ESLint keeps the reason with the suppressed report', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `// eslint-disable-next-line tenant-isolation/require-route-wrapper -- load balancer probe\n${OPEN_GET}`;
    const messages = linter.verify(
      code,
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'tenant-isolation': { rules: { 'require-route-wrapper': rule as never } } },
        rules: { 'tenant-isolation/require-route-wrapper': 'error' },
      },
      'app/api/health/route.ts',
    );
    expect(messages).toEqual([]);
    expect(linter.getSuppressedMessages().map((m) => [m.line, m.messageId, m.suppressions])).toEqual([
      [2, 'unprotectedHandler', [{ kind: 'directive', justification: 'load balancer probe' }]],
    ]);
  });

  it('rejects options outside its schema: contextAccessor is not a key this rule reads', () => {
    expect(() =>
      lint(OPEN_GET, { rules: { 'tenant-isolation/require-route-wrapper': ['error', { contextAccessor: { name: 'x', from: 'y' } }] } }),
    ).toThrow(/additional properties/i);
  });

  it('stops with the key path of a public route without a reason', () => {
    expect(() => lint(OPEN_GET, { settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/invoices' }] } } })).toThrow(
      /publicRoutes\[0\]\.reason: a public route needs a reason/,
    );
  });

  it('describes every option and forbids unknown ones', () => {
    const [schema] = rule.meta.schema as Array<{ properties: Record<string, { description?: string }>; additionalProperties: boolean }>;
    expect(schema!.additionalProperties).toBe(false);
    expect(Object.keys(schema!.properties)).toEqual([
      'routes',
      'ignore',
      'sessionGetters',
      'indirectSessionGetters',
      'wrappers',
      'pagesWrappers',
      'publicRoutes',
      'serverActions',
    ]);
    for (const [key, property] of Object.entries(schema!.properties)) expect([key, typeof property.description]).toEqual([key, 'string']);
  });
});
