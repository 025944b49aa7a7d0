import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as espree from 'espree';
import rule, { type MessageIds } from '../../src/rules/require-tenant-context';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

/** How the message names the handlers: `route handler 'GET'`, `route handlers 'GET' and 'POST'`. */
function handlerText(quotedNames: string, noun = 'route handler'): string {
  const names = quotedNames.split(', ');
  if (names.length === 1) return `${noun} ${names[0]}`;
  return `${noun}s ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The data of an `unwrappedSessionRead` report under the default wrapper and accessor. */
function sessionRead(callee: string, handlers: string, via = '', wrapper = 'withTenantContext'): Record<string, string> {
  return { callee, handlers: handlerText(handlers) + via, wrapper, accessor: 'requireTenantContext' };
}

/** The same for server actions, which the message calls by that name. */
function actionRead(callee: string, actions: string, via = ''): Record<string, string> {
  return { callee, handlers: handlerText(actions, 'server action') + via, wrapper: 'withTenantContext', accessor: 'requireTenantContext' };
}

function wrapSuggestion(handler: string, output: string, wrapper = 'withTenantContext') {
  return { messageId: 'wrapHandler' as MessageIds, data: { handler, wrapper }, output };
}

const ADMIN_GETTER = {
  'tenant-isolation': { indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }] },
};
const NEXT_AUTH_V5 = { 'tenant-isolation': { sessionGetters: [{ name: 'auth', from: '@/auth' }] } };
const SERVER_ACTIONS = { 'tenant-isolation': { serverActions: true } };
const PAGES_WRAPPER = { 'tenant-isolation': { pagesWrappers: [{ name: 'withTenantApi', from: '@/lib/pages-wrapper' }] } };

/** The pre-migration shape of a route: the handler reads the session itself. */
const INVOICES_GET = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}
`;

/** INVOICES_GET after the wrap suggestion. */
const INVOICES_GET_WRAPPED = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});
`;

const INVOICES_GET_ERROR = {
  messageId: 'unwrappedSessionRead' as MessageIds,
  line: 5,
  column: 25,
  endLine: 5,
  endColumn: 54,
  data: sessionRead('getServerSession', "'GET'"),
  suggestions: [wrapSuggestion('GET', INVOICES_GET_WRAPPED)],
};

describe('which files are checked', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      { name: 'a module outside the route globs is not a route, whatever it exports', filename: 'lib/invoices.ts', code: INVOICES_GET },
      {
        name: 'a page component is not a route handler',
        filename: 'app/dashboard/page.tsx',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function DashboardPage() {
  const session = await getServerSession(authOptions);
  return <h1>Welcome back, {session?.user?.name}</h1>;
}
`,
      },
      { name: 'a test file next to an App Router route is not a route', filename: 'app/api/invoices/route.test.ts', code: INVOICES_GET },
      { name: 'a test file under pages/api is ignored', filename: 'pages/api/invoices.test.ts', code: INVOICES_GET },
      { name: 'a route-named file under __tests__ is ignored', filename: 'app/api/invoices/__tests__/route.ts', code: INVOICES_GET },
      { name: 'a file named like a route but in no app or pages directory', filename: 'server/invoices/route.ts', code: INVOICES_GET },
      {
        name: 'routes in the rule options replace the default globs',
        filename: 'app/api/invoices/route.ts',
        code: INVOICES_GET,
        options: [{ routes: ['server/routes/**/*.ts'] }],
      },
      {
        name: 'routes in settings replace the default globs',
        filename: 'app/api/invoices/route.ts',
        code: INVOICES_GET,
        settings: { 'tenant-isolation': { routes: ['server/routes/**/*.ts'] } },
      },
    ],
    invalid: [
      { name: 'an App Router route', filename: 'app/api/invoices/route.ts', code: INVOICES_GET, errors: [INVOICES_GET_ERROR] },
      { name: 'an App Router route under src/', filename: 'src/app/api/invoices/route.ts', code: INVOICES_GET, errors: [INVOICES_GET_ERROR] },
      {
        name: 'a route in a monorepo app, found by dropping leading directories',
        filename: 'apps/web/app/api/invoices/route.ts',
        code: INVOICES_GET,
        errors: [INVOICES_GET_ERROR],
      },
      {
        name: 'an absolute filename is matched relative to the working directory',
        filename: path.join(process.cwd(), 'app/api/invoices/route.ts'),
        code: INVOICES_GET,
        errors: [INVOICES_GET_ERROR],
      },
      {
        name: 'a file matched by custom route globs from the rule options',
        filename: 'server/routes/invoices.ts',
        code: INVOICES_GET,
        options: [{ routes: ['server/routes/**/*.ts'] }],
        errors: [INVOICES_GET_ERROR],
      },
      {
        name: 'a .mjs route',
        filename: 'app/api/invoices/route.mjs',
        code: INVOICES_GET,
        errors: [INVOICES_GET_ERROR],
      },
    ],
  });
});

describe('handlers', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'export default in an App Router route is not a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler() {
  const session = await getServerSession(authOptions);
  return Response.json(session);
}
`,
      },
      {
        name: 'segment config exports are not handlers',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const dynamic = 'force-dynamic';
export const revalidate = 0;
export const runtime = 'nodejs';
export const maxDuration = Number(process.env.MAX_DURATION ?? 30);
const warmSession = getServerSession(authOptions);
`,
      },
      {
        name: 'an exported helper that no handler calls is not a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function getTenantId() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export async function GET() {
  return Response.json({ status: 'ok' });
}
`,
      },
      {
        name: 'method names are case-sensitive: a lowercase get is not a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function get() {
  return Response.json(await getServerSession(authOptions));
}
`,
      },
      {
        name: 'named method exports in pages/api are not handlers: Next.js only calls the default export',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const config = { api: { bodyParser: false } };

export async function GET(req: NextApiRequest, res: NextApiResponse) {
  res.json(await getServerSession(req, res, authOptions));
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(405).end();
}
`,
      },
      {
        name: 'a pages/api handler inside a configured pagesWrapper is wrapped',
        filename: 'pages/api/invoices.ts',
        settings: PAGES_WRAPPER,
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantApi } from '@/lib/pages-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApi(async (req: NextApiRequest, res: NextApiResponse) => {
  res.json({ tenantId: requireTenantContext().tenantId });
});
`,
      },
      {
        name: 'an unwrapped handler that reads no session is not this rule’s concern',
        filename: 'app/api/health/route.ts',
        code: `import { NextResponse } from 'next/server';

export async function GET() {
  return NextResponse.json({ status: 'ok', time: Date.now() });
}
`,
      },
      {
        name: 'a handler re-exported from another module is resolved across files by the report, not here',
        filename: 'app/api/invoices/route.ts',
        code: `export { GET, POST } from '@/server/invoices/handlers';
export const dynamic = 'force-dynamic';
`,
      },
      {
        name: 'a handler imported from another module and exported is resolved across files by the report',
        filename: 'app/api/invoices/route.ts',
        code: `import { listInvoices } from '@/server/invoices/handlers';

export { listInvoices as GET };
`,
      },
    ],
    invalid: [
      {
        name: 'export async function: the suggestion turns it into a wrapped const with the same function',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextResponse, type NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  return NextResponse.json(await db.invoice.findMany({ where: { tenantId: session.user.tenantId, status } }));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 7,
            column: 25,
            endLine: 7,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { NextResponse, type NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  return NextResponse.json(await db.invoice.findMany({ where: { tenantId: session.user.tenantId, status } }));
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'export const with an arrow function: the suggestion wraps the arrow in place',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextResponse, type NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const POST = async (req: NextRequest) => {
  const session = await getServerSession(authOptions);
  const body = await req.json();
  return NextResponse.json({ ...body, tenantId: session?.user?.tenantId }, { status: 201 });
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { NextResponse, type NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async (req: NextRequest) => {
  const session = await getServerSession(authOptions);
  const body = await req.json();
  return NextResponse.json({ ...body, tenantId: session?.user?.tenantId }, { status: 201 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'export const with a function expression',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const PUT = async function (req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerSession(authOptions);
  const { id } = await params;
  return Response.json({ id, updatedBy: session?.user?.id });
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'PUT'"),
            suggestions: [
              wrapSuggestion(
                'PUT',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const PUT = withTenantContext(async function (req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerSession(authOptions);
  const { id } = await params;
  return Response.json({ id, updatedBy: session?.user?.id });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'one function exported as two methods is one report naming both, sorted, with no suggestion',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

async function handler(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ method: req.method, tenantId: session?.user?.tenantId });
}

export { handler as POST, handler as GET };
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET', 'POST'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a local function exported by its own name through a specifier has no suggestion',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

async function DELETE() {
  const session = await getServerSession(authOptions);
  return new Response(null, { status: session ? 204 : 401 });
}

export { DELETE };
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'DELETE'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a handler assigned from a local const is followed to its function',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const updateInvoice = async (req: Request) => {
  const session = await getServerSession(authOptions);
  return Response.json({ ok: Boolean(session), body: await req.json() });
};

export const PATCH = updateInvoice;
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'PATCH'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'several methods in one file: one report per call site, each with its own suggestion',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, body: await req.json() }, { status: 201 });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, body: await req.json() }, { status: 201 });
}
`,
              ),
            ],
          },
          {
            messageId: 'unwrappedSessionRead',
            line: 10,
            column: 25,
            endLine: 10,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}

export const POST = withTenantContext(async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, body: await req.json() }, { status: 201 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a call site reached by two handlers is one report naming both, with a suggestion for each',
        filename: 'app/api/projects/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

async function currentTenant() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export async function GET() {
  return Response.json({ tenantId: await currentTenant() });
}

export const POST = async () => Response.json({ created: true, tenantId: await currentTenant() });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET', 'POST'", ' (through currentTenant())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function currentTenant() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export const GET = withTenantContext(async function GET() {
  return Response.json({ tenantId: await currentTenant() });
});

export const POST = async () => Response.json({ created: true, tenantId: await currentTenant() });
`,
              ),
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function currentTenant() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export async function GET() {
  return Response.json({ tenantId: await currentTenant() });
}

export const POST = withTenantContext(async () => Response.json({ created: true, tenantId: await currentTenant() }));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'HEAD and OPTIONS are handlers too',
        filename: 'app/api/files/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const HEAD = async () => new Response(null, { status: (await getServerSession(authOptions)) ? 200 : 401 });
export const OPTIONS = () => getServerSession(authOptions).then(() => new Response(null, { headers: { Allow: 'GET, HEAD' } }));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 69,
            endLine: 4,
            endColumn: 98,
            data: sessionRead('getServerSession', "'HEAD'"),
            suggestions: [
              wrapSuggestion(
                'HEAD',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const HEAD = withTenantContext(async () => new Response(null, { status: (await getServerSession(authOptions)) ? 200 : 401 }));
export const OPTIONS = () => getServerSession(authOptions).then(() => new Response(null, { headers: { Allow: 'GET, HEAD' } }));
`,
              ),
            ],
          },
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 30,
            endLine: 5,
            endColumn: 59,
            data: sessionRead('getServerSession', "'OPTIONS'"),
            suggestions: [
              wrapSuggestion(
                'OPTIONS',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const HEAD = async () => new Response(null, { status: (await getServerSession(authOptions)) ? 200 : 401 });
export const OPTIONS = withTenantContext(() => getServerSession(authOptions).then(() => new Response(null, { headers: { Allow: 'GET, HEAD' } })));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a handler that delegates to another handler reaches its session call: one report naming both',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}

export const HEAD = (req: Request) => GET().then((res) => new Response(null, { status: res.status }));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET', 'HEAD'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});

export const HEAD = (req: Request) => GET().then((res) => new Response(null, { status: res.status }));
`,
              ),
              wrapSuggestion(
                'HEAD',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}

export const HEAD = withTenantContext((req: Request) => GET().then((res) => new Response(null, { status: res.status })));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'with pagesWrappers configured, the App Router wrapper does not count for a pages/api handler, and the message names the pages wrapper',
        filename: 'pages/api/invoices.ts',
        settings: PAGES_WRAPPER,
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';

export default withTenantContext(async (req: NextApiRequest, res: NextApiResponse) => {
  res.json(await getServerSession(req, res));
});
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 18,
            endLine: 6,
            endColumn: 44,
            data: sessionRead('getServerSession', "'default'", '', 'withTenantApi'),
            suggestions: [],
          },
        ],
      },
      {
        name: 'export default function in pages/api is the handler, with no suggestion',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'Unauthorized' });
  res.json({ tenantId: session.user.tenantId });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 64,
            data: sessionRead('getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'export default of a local arrow in pages/api',
        filename: 'src/pages/api/me.ts',
        code: `import type { NextApiHandler } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';

const handler: NextApiHandler = async (req, res) => {
  res.json(await getServerSession(req, res, authOptions));
};

export default handler;
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 18,
            endLine: 6,
            endColumn: 57,
            data: sessionRead('getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'module.exports in a CommonJS pages/api route',
        filename: 'pages/api/legacy/session.js',
        code: `const { getServerSession } = require('next-auth');
const { authOptions } = require('../../../lib/auth');

module.exports = async function handler(req, res) {
  res.json(await getServerSession(req, res, authOptions));
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 18,
            endLine: 5,
            endColumn: 57,
            data: sessionRead('getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
    ],
  });
});

describe('session getters', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'a parameter named getServerSession shadows the import',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';

type SessionReader = () => Promise<{ user?: { tenantId?: string } } | null>;

function createHandler(getServerSession: SessionReader) {
  return async () => Response.json({ tenantId: (await getServerSession())?.user?.tenantId });
}

export const GET = createHandler(async () => ({ user: { tenantId: 'demo' } }));
`,
      },
      {
        name: 'a local variable named getServerSession shadows the import',
        filename: 'app/api/demo/route.ts',
        code: `import { getServerSession } from 'next-auth';

export async function GET(req: Request) {
  const getServerSession = async () => ({ user: { tenantId: req.headers.get('x-demo-tenant') } });
  const session = await getServerSession();
  return Response.json(session);
}
`,
      },
      {
        name: 'a same-named function from another module is not a session getter',
        filename: 'app/api/demo/route.ts',
        code: `import { getServerSession } from '@/lib/demo-session';

export async function GET() {
  return Response.json(await getServerSession());
}
`,
      },
      {
        name: 'a type-only import of the getter, used in a type, reads nothing',
        filename: 'app/api/edge/route.ts',
        code: `import type { getServerSession } from 'next-auth';
import { sessionFromHeaders } from '@/lib/edge-session';

export async function GET(req: Request) {
  const read: typeof getServerSession = sessionFromHeaders(req);
  return Response.json(await read());
}
`,
      },
      {
        name: 'a helper named only in a typeof type is not called',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const readSession = () => getServerSession(authOptions);

export async function GET(): Promise<Response & { session?: Awaited<ReturnType<typeof readSession>> }> {
  return Response.json({ status: 'ok' });
}
`,
      },
      {
        name: 'a `typeof getServerSession === \'function\'` check does not call the getter',
        filename: 'app/api/health/route.ts',
        code: `import { getServerSession } from 'next-auth';

export async function GET() {
  if (typeof getServerSession !== 'function') return new Response('Auth unavailable', { status: 503 });
  return Response.json({ status: 'ok' });
}
`,
      },
      {
        name: 'a type alias of `typeof getServerSession` from a value import reads nothing',
        filename: 'app/api/health/route.ts',
        code: `import { getServerSession } from 'next-auth';

type SessionGetter = typeof getServerSession;

export async function GET() {
  const getters: SessionGetter[] = [];
  return Response.json({ getters: getters.length });
}
`,
      },
      {
        name: 'a typeof test of a namespace member does not call the getter',
        filename: 'app/api/health/route.ts',
        code: `import * as nextAuth from 'next-auth';

export async function GET() {
  return Response.json({ auth: typeof nextAuth.getServerSession });
}
`,
      },
      {
        name: 'a typeof test of a const alias of the getter does not call it',
        filename: 'app/api/health/route.ts',
        code: `import { getServerSession } from 'next-auth';

const readSession = getServerSession;

export async function GET() {
  return Response.json({ auth: typeof readSession === 'function' });
}
`,
      },
      {
        name: 'the client-side getSession of next-auth/react is not configured as a getter',
        filename: 'app/api/invoices/route.ts',
        code: `import { getSession } from 'next-auth/react';

export async function GET() {
  return Response.json(await getSession());
}
`,
      },
      {
        name: 'NextAuth v5 auth() is not a getter until it is configured',
        filename: 'app/api/invoices/route.ts',
        code: `import { auth } from '@/auth';

export async function GET() {
  const session = await auth();
  return Response.json({ tenantId: session?.user?.tenantId });
}
`,
      },
      {
        name: 'a project helper is not a getter until it is configured as an indirect one',
        filename: 'app/api/api-keys/route.ts',
        code: `import { requireAdmin } from '@/lib/auth-middleware';

export async function POST() {
  const admin = await requireAdmin();
  return Response.json({ createdBy: admin.id }, { status: 201 });
}
`,
      },
      {
        name: 'a configured indirect getter imported from another module does not count',
        filename: 'app/api/api-keys/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '@/lib/admin-tools';

export async function POST() {
  const admin = await requireAdmin();
  return Response.json({ createdBy: admin.id }, { status: 201 });
}
`,
      },
      {
        name: 'a relative import that resolves to app/lib/auth-middleware is not @/lib/auth-middleware',
        filename: 'app/api/tenants/switch/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '../../../lib/auth-middleware';

export async function POST() {
  const admin = await requireAdmin();
  return Response.json({ switchedBy: admin.id });
}
`,
      },
    ],
    invalid: [
      {
        name: 'an aliased import',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession as readSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await readSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 49,
            data: sessionRead('readSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession as readSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await readSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a namespace import of next-auth/next',
        filename: 'app/api/invoices/route.ts',
        code: `import * as nextAuth from 'next-auth/next';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json(await nextAuth.getServerSession(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 52,
            endLine: 4,
            endColumn: 90,
            data: sessionRead('nextAuth.getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import * as nextAuth from 'next-auth/next';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await nextAuth.getServerSession(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'require() destructured, in a JavaScript route without imports: the import goes first',
        filename: 'app/api/me/route.js',
        code: `const { getServerSession } = require('next-auth');
const { authOptions } = require('../../../lib/auth');

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ user: session?.user ?? null });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { withTenantContext } from '@/lib/api-wrapper';
const { getServerSession } = require('next-auth');
const { authOptions } = require('../../../lib/auth');

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ user: session?.user ?? null });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'require() of the whole module',
        filename: 'pages/api/session.js',
        code: `const nextAuth = require('next-auth');
const { authOptions } = require('../../lib/auth');

module.exports = async (req, res) => {
  const session = await nextAuth.getServerSession(req, res, authOptions);
  res.status(session ? 200 : 401).json(session);
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 73,
            data: sessionRead('nextAuth.getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'require() called inline',
        filename: 'pages/api/session.cjs',
        code: `module.exports = async function handler(req, res) {
  const session = await require('next-auth').getServerSession(req, res, require('../../lib/auth').authOptions);
  res.json(session);
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 2,
            column: 25,
            endLine: 2,
            endColumn: 111,
            data: sessionRead('require(…).getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'TypeScript import = require()',
        filename: 'pages/api/session.ts',
        code: `import nextAuth = require('next-auth');
import { authOptions } from '@/lib/auth';

export default async function handler(req: any, res: any) {
  res.json(await nextAuth.getServerSession(req, res, authOptions));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 18,
            endLine: 5,
            endColumn: 66,
            data: sessionRead('nextAuth.getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'await import() destructured inside the handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { authOptions } from '@/lib/auth';

export async function GET() {
  const { getServerSession } = await import('next-auth');
  const session = await getServerSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const { getServerSession } = await import('next-auth');
  const session = await getServerSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a member of an awaited import()',
        filename: 'app/api/invoices/route.ts',
        code: `import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await (await import('next-auth')).getServerSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 25,
            endLine: 4,
            endColumn: 82,
            data: sessionRead('(await import(…)).getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await (await import('next-auth')).getServerSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'unstable_getServerSession from next-auth/next',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { unstable_getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';

export const DELETE = async () => {
  const session = await unstable_getServerSession(authOptions);
  return new Response(null, { status: session ? 204 : 401 });
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 63,
            data: sessionRead('unstable_getServerSession', "'DELETE'"),
            suggestions: [
              wrapSuggestion(
                'DELETE',
                `import { unstable_getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const DELETE = withTenantContext(async () => {
  const session = await unstable_getServerSession(authOptions);
  return new Response(null, { status: session ? 204 : 401 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a configured indirect getter (requireAdmin from @/lib/auth-middleware)',
        filename: 'app/api/api-keys/[keyId]/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '@/lib/auth-middleware';
import { db } from '@/lib/db';

export async function DELETE(req: Request, { params }: { params: Promise<{ keyId: string }> }) {
  const admin = await requireAdmin();
  const { keyId } = await params;
  await db.apiKey.delete({ where: { id: keyId, tenantId: admin.tenantId } });
  return new Response(null, { status: 204 });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 23,
            endLine: 5,
            endColumn: 37,
            data: sessionRead('requireAdmin', "'DELETE'"),
            suggestions: [
              wrapSuggestion(
                'DELETE',
                `import { requireAdmin } from '@/lib/auth-middleware';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';

export const DELETE = withTenantContext(async function DELETE(req: Request, { params }: { params: Promise<{ keyId: string }> }) {
  const admin = await requireAdmin();
  const { keyId } = await params;
  await db.apiKey.delete({ where: { id: keyId, tenantId: admin.tenantId } });
  return new Response(null, { status: 204 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a configured indirect getter imported by a relative path from app/api/x/y/route.ts',
        filename: 'app/api/tenants/switch/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '../../../../lib/auth-middleware';

export async function POST(req: Request) {
  const admin = await requireAdmin();
  return Response.json({ switchedBy: admin.id, to: (await req.json()).tenantId });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 23,
            endLine: 4,
            endColumn: 37,
            data: sessionRead('requireAdmin', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { requireAdmin } from '../../../../lib/auth-middleware';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async function POST(req: Request) {
  const admin = await requireAdmin();
  return Response.json({ switchedBy: admin.id, to: (await req.json()).tenantId });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a configured indirect getter imported by a relative path from a route under src/',
        filename: 'src/app/api/members/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '../../../lib/auth-middleware';

export const GET = async () => Response.json({ tenantId: (await requireAdmin()).tenantId });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 3,
            column: 65,
            endLine: 3,
            endColumn: 79,
            data: sessionRead('requireAdmin', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { requireAdmin } from '../../../lib/auth-middleware';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json({ tenantId: (await requireAdmin()).tenantId }));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'an exported let assigned again may run the value that reads the session: reported, no suggestion',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';

export let GET = withTenantContext(async () => Response.json([]));
if (process.env.LEGACY_AUTH) GET = async () => Response.json(await getServerSession());
`,
        errors: [
          { messageId: 'unwrappedSessionRead', line: 5, column: 68, endLine: 5, endColumn: 86, data: sessionRead('getServerSession', "'GET'"), suggestions: [] },
        ],
      },
      {
        name: 'a handler taken from a const object literal is that property’s function, and only its reads count',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';

const handlers = {
  async GET() {
    return Response.json([]);
  },
  async POST() {
    return Response.json(await getServerSession());
  },
};

export const GET = handlers.GET;
export const POST = handlers.POST;
`,
        errors: [
          { messageId: 'unwrappedSessionRead', line: 8, column: 32, endLine: 8, endColumn: 50, data: sessionRead('getServerSession', "'POST'"), suggestions: [] },
        ],
      },
      {
        name: 'an indirect getter that is its module’s default export, whose name the file never spells',
        filename: 'app/api/admin/route.ts',
        settings: { 'tenant-isolation': { indirectSessionGetters: [{ name: 'default', from: '@/lib/require-admin' }] } },
        code: `import requireAdmin from '@/lib/require-admin';

export async function GET() {
  const admin = await requireAdmin();
  return Response.json({ tenantId: admin.tenantId });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 23,
            endLine: 4,
            endColumn: 37,
            data: sessionRead('requireAdmin', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import requireAdmin from '@/lib/require-admin';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const admin = await requireAdmin();
  return Response.json({ tenantId: admin.tenantId });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'NextAuth v5 auth() from @/auth when configured',
        filename: 'app/api/invoices/route.ts',
        settings: NEXT_AUTH_V5,
        code: `import { auth } from '@/auth';

export async function GET() {
  const session = await auth();
  return Response.json({ tenantId: session?.user?.tenantId });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 25,
            endLine: 4,
            endColumn: 31,
            data: sessionRead('auth', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { auth } from '@/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await auth();
  return Response.json({ tenantId: session?.user?.tenantId });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'NextAuth v5 auth() used as a route wrapper reads the session around the handler',
        filename: 'app/api/invoices/route.ts',
        settings: NEXT_AUTH_V5,
        code: `import { auth } from '@/auth';

export const GET = auth(async (req) => Response.json({ tenantId: req.auth?.user?.tenantId }));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 3,
            column: 20,
            endLine: 3,
            endColumn: 94,
            data: sessionRead('auth', "'GET'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a getter configured with a list of modules matches each of them',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { sessionGetters: [{ name: 'getSession', from: ['@/lib/session', '@/server/session'] }] } },
        code: `import { getSession } from '@/server/session';

export const GET = async () => Response.json(await getSession());
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 3,
            column: 52,
            endLine: 3,
            endColumn: 64,
            data: sessionRead('getSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getSession } from '@/server/session';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getSession()));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'an optional call',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json(await getServerSession?.(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 52,
            endLine: 4,
            endColumn: 83,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession?.(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a getter passed as a callback is reported where it is passed',
        filename: 'app/api/invoices/route.ts',
        code: `import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const getSession = cache(getServerSession);

export async function GET() {
  const session = await getSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 26,
            endLine: 5,
            endColumn: 42,
            data: sessionRead('getServerSession', "'GET'", ' (through getSession())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const getSession = cache(getServerSession);

export const GET = withTenantContext(async function GET() {
  const session = await getSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a const alias is reported where it is called, once',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const readSession = getServerSession;

export async function GET() {
  const session = await readSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 7,
            column: 25,
            endLine: 7,
            endColumn: 49,
            data: sessionRead('readSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const readSession = getServerSession;

export const GET = withTenantContext(async function GET() {
  const session = await readSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a getter kept in an object is reported where it is stored',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const auth = { session: getServerSession, options: authOptions };

export const GET = async () => Response.json(await auth.session(auth.options));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 25,
            endLine: 4,
            endColumn: 41,
            data: sessionRead('getServerSession', "'GET'", ' (through auth())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const auth = { session: getServerSession, options: authOptions };

export const GET = withTenantContext(async () => Response.json(await auth.session(auth.options)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a getter invoked through .call()',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json(await getServerSession.call(null, authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 52,
            endLine: 4,
            endColumn: 68,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession.call(null, authOptions)));
`,
              ),
            ],
          },
        ],
      },
    ],
  });
});

describe('reachability', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'a session call at module level that no handler reaches',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const warmUp = getServerSession(authOptions).catch(() => null);

export async function GET() {
  return Response.json({ status: 'ok' });
}
`,
      },
      {
        name: 'a helper that reads the session but is called by no handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

async function currentTenant() {
  return (await getServerSession(authOptions))?.user?.tenantId;
}

function parseStatus(url: string) {
  return new URL(url).searchParams.get('status');
}

export async function GET(req: Request) {
  return Response.json({ status: parseStatus(req.url) });
}
`,
      },
      {
        name: 'mutually recursive helpers that read no session end the search',
        filename: 'app/api/parity/route.ts',
        code: `import { getServerSession } from 'next-auth';

function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}

export async function GET(req: Request) {
  const n = Number(new URL(req.url).searchParams.get('n'));
  return Response.json({ even: isEven(n) });
}

export async function debugSession() {
  return getServerSession();
}
`,
      },
    ],
    invalid: [
      {
        name: 'a chain of helpers is named in call order',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function readSession() {
  return getServerSession(authOptions);
}

const currentUser = async () => (await readSession())?.user;

async function loadInvoices() {
  const user = await currentUser();
  return db.invoice.findMany({ where: { tenantId: user?.tenantId } });
}

export async function GET() {
  return Response.json(await loadInvoices());
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 10,
            endLine: 6,
            endColumn: 39,
            data: sessionRead('getServerSession', "'GET'", ' (through loadInvoices() → currentUser() → readSession())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';

async function readSession() {
  return getServerSession(authOptions);
}

const currentUser = async () => (await readSession())?.user;

async function loadInvoices() {
  const user = await currentUser();
  return db.invoice.findMany({ where: { tenantId: user?.tenantId } });
}

export const GET = withTenantContext(async function GET() {
  return Response.json(await loadInvoices());
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'recursion through a helper ends, and the shortest path is named',
        filename: 'app/api/folders/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

type Folder = { id: string; parentId: string | null };

async function ancestors(folder: Folder, seen: Folder[] = []): Promise<Folder[]> {
  if (!folder.parentId) return [...seen, folder];
  return ancestors(await loadFolder(folder.parentId), [...seen, folder]);
}

async function loadFolder(id: string): Promise<Folder> {
  const session = await getServerSession(authOptions);
  const res = await fetch(\`https://files.internal/\${session?.user?.tenantId}/folders/\${id}\`);
  return res.json();
}

export async function GET(req: Request) {
  const id = new URL(req.url).searchParams.get('id') ?? 'root';
  return Response.json(await ancestors(await loadFolder(id)));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 12,
            column: 25,
            endLine: 12,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'", ' (through loadFolder())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

type Folder = { id: string; parentId: string | null };

async function ancestors(folder: Folder, seen: Folder[] = []): Promise<Folder[]> {
  if (!folder.parentId) return [...seen, folder];
  return ancestors(await loadFolder(folder.parentId), [...seen, folder]);
}

async function loadFolder(id: string): Promise<Folder> {
  const session = await getServerSession(authOptions);
  const res = await fetch(\`https://files.internal/\${session?.user?.tenantId}/folders/\${id}\`);
  return res.json();
}

export const GET = withTenantContext(async function GET(req: Request) {
  const id = new URL(req.url).searchParams.get('id') ?? 'root';
  return Response.json(await ancestors(await loadFolder(id)));
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a session read in nested callbacks inside the handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const POST = async (req: Request) => {
  const body = await req.json();
  return db.$transaction(async (tx) => {
    const invoice = await tx.invoice.create({ data: body });
    await Promise.all(
      body.lines.map(async (line: { amount: number }) => {
        const session = await getServerSession(authOptions);
        await tx.auditLog.create({ data: { invoiceId: invoice.id, actor: session?.user?.id, amount: line.amount } });
      }),
    );
    return Response.json(invoice, { status: 201 });
  });
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 11,
            column: 31,
            endLine: 11,
            endColumn: 60,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async (req: Request) => {
  const body = await req.json();
  return db.$transaction(async (tx) => {
    const invoice = await tx.invoice.create({ data: body });
    await Promise.all(
      body.lines.map(async (line: { amount: number }) => {
        const session = await getServerSession(authOptions);
        await tx.auditLog.create({ data: { invoiceId: invoice.id, actor: session?.user?.id, amount: line.amount } });
      }),
    );
    return Response.json(invoice, { status: 201 });
  });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a session read in a promise chain callback',
        filename: 'app/api/rates/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export function GET() {
  return fetch('https://rates.internal/today')
    .then(() => getServerSession(authOptions))
    .then((session) => Response.json({ tenantId: session?.user?.tenantId }));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 17,
            endLine: 6,
            endColumn: 46,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(function GET() {
  return fetch('https://rates.internal/today')
    .then(() => getServerSession(authOptions))
    .then((session) => Response.json({ tenantId: session?.user?.tenantId }));
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a helper passed to then() by name',
        filename: 'app/api/rates/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const loadSession = () => getServerSession(authOptions);

export function GET(req: Request) {
  return req.json().then(loadSession).then((session) => Response.json(session));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 27,
            endLine: 4,
            endColumn: 56,
            data: sessionRead('getServerSession', "'GET'", ' (through loadSession())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const loadSession = () => getServerSession(authOptions);

export const GET = withTenantContext(function GET(req: Request) {
  return req.json().then(loadSession).then((session) => Response.json(session));
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'an arrow helper defined after the handler that uses it',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  return Response.json({ tenantId: await tenantId() });
}

const tenantId = async () => {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
};
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 9,
            column: 25,
            endLine: 9,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'", ' (through tenantId())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  return Response.json({ tenantId: await tenantId() });
});

const tenantId = async () => {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
};
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a static method of a class in the same module',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

class SessionService {
  static async tenantId() {
    const session = await getServerSession(authOptions);
    return session?.user?.tenantId;
  }
}

export async function GET() {
  return Response.json({ tenantId: await SessionService.tenantId() });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 27,
            endLine: 6,
            endColumn: 56,
            data: sessionRead('getServerSession', "'GET'", ' (through SessionService())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

class SessionService {
  static async tenantId() {
    const session = await getServerSession(authOptions);
    return session?.user?.tenantId;
  }
}

export const GET = withTenantContext(async function GET() {
  return Response.json({ tenantId: await SessionService.tenantId() });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a method of an object literal in the same module',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const tenantSession = {
  async current() {
    return getServerSession(authOptions);
  },
};

export const GET = async () => Response.json(await tenantSession.current());
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 12,
            endLine: 6,
            endColumn: 41,
            data: sessionRead('getServerSession', "'GET'", ' (through tenantSession())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const tenantSession = {
  async current() {
    return getServerSession(authOptions);
  },
};

export const GET = withTenantContext(async () => Response.json(await tenantSession.current()));
`,
              ),
            ],
          },
        ],
      },
    ],
  });
});

describe('wrappers', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'a wrapped handler that still reads the session is partial, not reported by this rule',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: ctx.tenantId, email: session?.user?.email });
});
`,
      },
      {
        name: 'an aliased import of the wrapper counts',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext as tenantRoute } from '@/lib/api-wrapper';

export const GET = tenantRoute(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a namespace import of the wrapper module counts',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import * as api from '@/lib/api-wrapper';

export const GET = api.withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a relative import of the wrapper module from app/api/a/b/route.ts counts',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '../../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a relative import of the wrapper module from a route under src/ counts',
        filename: 'src/app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a relative import from a monorepo app resolves against the app root',
        filename: 'apps/web/app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'the wrapper inside another call: withRateLimit(withTenantContext(fn))',
        filename: 'app/api/payments/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { withRateLimit } from '@/lib/rate-limit';

export const POST = withRateLimit(
  withTenantContext(async () => Response.json(await getServerSession(authOptions))),
  { capacity: 5 },
);
`,
      },
      {
        name: 'another call inside the wrapper: withTenantContext(withRateLimit(fn))',
        filename: 'app/api/payments/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { withRateLimit } from '@/lib/rate-limit';

export const POST = withTenantContext(withRateLimit(async () => Response.json(await getServerSession(authOptions))));
`,
      },
      {
        name: 'a wrapped handler kept in a local and exported by specifiers',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function handler(req: Request) {
  return Response.json({ method: req.method, session: await getServerSession(authOptions) });
}

const wrapped = withTenantContext(handler);

export { wrapped as GET, wrapped as POST };
`,
      },
      {
        name: 'a local function passed to the wrapper by name',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const listInvoices = async () => Response.json(await getServerSession(authOptions));

export const GET = withTenantContext(listInvoices);
`,
      },
      {
        name: 'a wrapper given options',
        filename: 'app/api/pricing/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(
  async () => Response.json({ signedIn: Boolean(await getServerSession(authOptions)) }),
  { requireAuth: false },
);
`,
      },
      {
        name: 'a configured curried wrapper: withAuth(options)(handler)',
        filename: 'app/api/admin/route.ts',
        settings: { 'tenant-isolation': { wrappers: [{ name: 'withAuth', from: '@/lib/with-auth' }] } },
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withAuth } from '@/lib/with-auth';

export const GET = withAuth({ roles: ['admin'] })(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'any of several configured wrappers counts',
        filename: 'app/api/reports/route.ts',
        settings: {
          'tenant-isolation': {
            wrappers: [
              { name: 'withTenantContext', from: '@/lib/api-wrapper' },
              { name: 'withTenantJob', from: ['@/lib/jobs', '@/server/jobs'] },
            ],
          },
        },
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantJob } from '@/server/jobs';

export const POST = withTenantJob(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a configured wrapper around a pages/api default export',
        filename: 'pages/api/invoices.ts',
        settings: { 'tenant-isolation': { wrappers: [{ name: 'withTenantApi', from: '@/lib/pages-api-wrapper' }] } },
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantApi } from '@/lib/pages-api-wrapper';

export default withTenantApi(async (req: NextApiRequest, res: NextApiResponse) => {
  res.json(await getServerSession(req, res, authOptions));
});
`,
      },
      {
        name: 'a function that is wrapped where it is defined runs in tenant context whoever calls it',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const listInvoices = withTenantContext(async () => Response.json(await getServerSession(authOptions)));

export async function GET(req: Request, context: { params: Promise<Record<string, string>> }) {
  return listInvoices(req as any, context);
}
`,
      },
    ],
    invalid: [
      {
        name: 'a local function that merely has the wrapper’s name does not count, and blocks the suggestion',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

function withTenantContext<T>(handler: T): T {
  return handler;
}

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json(session);
});
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 9,
            column: 25,
            endLine: 9,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'the wrapper’s name imported from the wrong module does not count',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/other';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json(session);
});
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a relative import that resolves to app/lib/api-wrapper is another module',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 70,
            endLine: 5,
            endColumn: 99,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a rate limiter alone is not a tenant wrapper; a chained handler gets no suggestion',
        filename: 'app/api/payments/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withRateLimit } from '@/lib/rate-limit';

export const POST = withRateLimit(async () => Response.json(await getServerSession(authOptions)), { capacity: 5 });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 67,
            endLine: 5,
            endColumn: 96,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'a helper shared by a wrapped and an unwrapped handler names only the unwrapped one',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function tenantOf() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export const GET = withTenantContext(async () => Response.json({ tenantId: await tenantOf() }));

export async function POST() {
  return Response.json({ tenantId: await tenantOf() }, { status: 201 });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'", ' (through tenantOf())'),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function tenantOf() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export const GET = withTenantContext(async () => Response.json({ tenantId: await tenantOf() }));

export const POST = withTenantContext(async function POST() {
  return Response.json({ tenantId: await tenantOf() }, { status: 201 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'the function behind a wrapped export is reported when it is also exported unwrapped',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const listInvoices = async () => Response.json(await getServerSession(authOptions));
const wrapped = withTenantContext(listInvoices);

export { wrapped as GET, listInvoices as HEAD };
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 54,
            endLine: 5,
            endColumn: 83,
            data: sessionRead('getServerSession', "'HEAD'"),
            suggestions: [],
          },
        ],
      },
    ],
  });
});

describe('public routes', () => {
  const publicRoutes = (...entries: Array<{ path: string; methods?: string[]; reason: string }>) => ({
    'tenant-isolation': { publicRoutes: entries },
  });

  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'an exact URL path',
        filename: 'app/api/health/route.ts',
        settings: publicRoutes({ path: '/api/health', reason: 'load balancer probe; reports only whether a session exists' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  return Response.json({ ok: true, signedIn: Boolean(await getServerSession(authOptions)) });
}
`,
      },
      {
        name: 'a glob over URL paths',
        filename: 'app/api/webhooks/stripe/route.ts',
        settings: publicRoutes({ path: '/api/webhooks/**', reason: 'called by providers, verified by signature' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ received: true, dashboardUser: session?.user?.id ?? null });
}
`,
      },
      {
        name: 'a dynamic segment written as in the file system',
        filename: 'app/api/invoices/[id]/pdf/route.ts',
        settings: publicRoutes({ path: '/api/invoices/[id]/pdf', reason: 'signed download links' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return new Response(session ? 'full' : 'watermarked');
}
`,
      },
      {
        name: 'route groups do not appear in the URL path',
        filename: 'app/api/(billing)/invoices/[id]/route.ts',
        settings: publicRoutes({ path: '/api/invoices/[id]', reason: 'shared invoice links' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ canEdit: Boolean(session) });
}
`,
      },
      {
        name: 'methods restrict the entry, and the listed ones are public',
        filename: 'app/api/status/route.ts',
        settings: publicRoutes({ path: '/api/status', methods: ['GET', 'HEAD'], reason: 'status page' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  return Response.json({ up: true, signedIn: Boolean(await getServerSession(authOptions)) });
}

export const HEAD = async () => new Response(null, { status: (await getServerSession(authOptions)) ? 200 : 204 });
`,
      },
      {
        name: 'a pages/api route listed without methods',
        filename: 'pages/api/health.ts',
        settings: publicRoutes({ path: '/api/health', reason: 'load balancer probe' }),
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json({ ok: true, signedIn: Boolean(await getServerSession(req, res, authOptions)) });
}
`,
      },
      {
        name: 'public routes from the rule options',
        filename: 'src/app/api/health/route.ts',
        options: [{ publicRoutes: [{ path: '/api/health', reason: 'load balancer probe' }] }],
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json({ signedIn: Boolean(await getServerSession(authOptions)) });
`,
      },
    ],
    invalid: [
      {
        name: 'a method the entry does not list is still checked',
        filename: 'app/api/status/route.ts',
        settings: publicRoutes({ path: '/api/status', methods: ['GET'], reason: 'status page' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  return Response.json({ up: true, signedIn: Boolean(await getServerSession(authOptions)) });
}

export async function POST() {
  const session = await getServerSession(authOptions);
  return Response.json({ acknowledgedBy: session?.user?.id });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 9,
            column: 25,
            endLine: 9,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export async function GET() {
  return Response.json({ up: true, signedIn: Boolean(await getServerSession(authOptions)) });
}

export const POST = withTenantContext(async function POST() {
  const session = await getServerSession(authOptions);
  return Response.json({ acknowledgedBy: session?.user?.id });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a glob covers path segments below it, not a sibling sharing its prefix',
        filename: 'app/api/webhooks-admin/route.ts',
        settings: publicRoutes({ path: '/api/webhooks/**', reason: 'called by providers, verified by signature' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json(await getServerSession(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 52,
            endLine: 4,
            endColumn: 81,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'brackets in a public path are a literal dynamic segment, not a character class',
        filename: 'app/api/invoices/d/route.ts',
        settings: publicRoutes({ path: '/api/invoices/[id]', reason: 'shared invoice links' }),
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json(await getServerSession(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 52,
            endLine: 4,
            endColumn: 81,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'an entry restricted to methods does not cover a pages/api handler, which serves every method',
        filename: 'pages/api/health.ts',
        settings: publicRoutes({ path: '/api/health', methods: ['GET'], reason: 'load balancer probe' }),
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json({ ok: true, signedIn: Boolean(await getServerSession(req, res, authOptions)) });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 48,
            endLine: 6,
            endColumn: 87,
            data: sessionRead('getServerSession', "'default'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'public routes in the rule options replace those in settings',
        filename: 'app/api/health/route.ts',
        settings: publicRoutes({ path: '/api/health', reason: 'load balancer probe' }),
        options: [{ publicRoutes: [] }],
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export const GET = async () => Response.json({ signedIn: Boolean(await getServerSession(authOptions)) });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 72,
            endLine: 4,
            endColumn: 101,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json({ signedIn: Boolean(await getServerSession(authOptions)) }));
`,
              ),
            ],
          },
        ],
      },
    ],
  });
});

describe("'use server' files", () => {
  const ACTIONS = `'use server';

import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function currentUserId() {
  const session = await getServerSession(authOptions);
  return session?.user?.id;
}

export async function updateProfile(form: FormData) {
  await db.user.update({ where: { id: await currentUserId() }, data: { name: String(form.get('name')) } });
}

export async function deleteAccount() {
  await db.user.delete({ where: { id: await currentUserId() } });
}
`;

  const INLINE_ACTION_PAGE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function rename(form: FormData) {
  'use server';
  const session = await getServerSession(authOptions);
  console.log(session?.user?.id, form.get('name'));
}

export default function SettingsPage() {
  return <form action={rename}><input name="name" /></form>;
}
`;

  ruleTester.run('require-tenant-context', rule, {
    valid: [
      { name: 'server actions are not handlers unless serverActions is on', filename: 'app/settings/actions.ts', code: ACTIONS },
      {
        name: 'serverActions only applies to files with a file-level use server directive',
        filename: 'app/settings/helpers.ts',
        settings: SERVER_ACTIONS,
        code: ACTIONS.replace(`'use server';\n`, ''),
      },
      {
        name: 'an inline use server function is no handler while serverActions is off',
        filename: 'app/settings/page.tsx',
        code: INLINE_ACTION_PAGE,
      },
      {
        name: 'an inline server action that reads no session is not this rule’s concern, whatever call is around it',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default function SettingsPage() {
  const rename = withTenantContext(async (form: FormData) => {
    'use server';
    return requireTenantContext().tenantId + String(form.get('name'));
  });
  return <form action={rename}><input name="name" /></form>;
}
`,
      },
      {
        name: 'a component without any use server directive is not analyzed, whatever it imports',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { getServerSession } from 'next-auth';
export default async function SettingsPage() {
  const session = await getServerSession();
  return <p>{session?.user?.name}</p>;
}
`,
      },
    ],
    invalid: [
      {
        name: 'with serverActions on, an inline use server function in a component is a server action',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: INLINE_ACTION_PAGE,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: actionRead('getServerSession', "'rename'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'an inline action written in JSX is named by where it is',
        filename: 'app/settings/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { getServerSession } from 'next-auth';

export default function SettingsPage() {
  return (
    <form
      action={async (form: FormData) => {
        'use server';
        const session = await getServerSession();
        console.log(session, form);
      }}
    />
  );
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 8,
            column: 31,
            data: actionRead('getServerSession', "'<inline action at line 6>'"),
            suggestions: [],
          },
        ],
      },
      {
        name: 'with serverActions on, exported async functions are handlers: one report naming both, no suggestion',
        filename: 'app/settings/actions.ts',
        settings: SERVER_ACTIONS,
        code: ACTIONS,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 8,
            column: 25,
            endLine: 8,
            endColumn: 54,
            data: actionRead('getServerSession', "'deleteAccount', 'updateProfile'", ' (through currentUserId())'),
            suggestions: [],
          },
        ],
      },
      {
        name: 'serverActions from the rule options',
        filename: 'src/actions/invoices.ts',
        options: [{ serverActions: true }],
        code: `'use server';

import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function sendInvoice(id: string) {
  const session = await getServerSession(authOptions);
  return { id, sentBy: session?.user?.id };
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 7,
            column: 25,
            endLine: 7,
            endColumn: 54,
            data: actionRead('getServerSession', "'sendInvoice'"),
            suggestions: [],
          },
        ],
      },
    ],
  });
});

describe('settings and rule options', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'indirect getters in the rule options replace those in settings',
        filename: 'app/api/api-keys/route.ts',
        settings: ADMIN_GETTER,
        options: [{ indirectSessionGetters: [] }],
        code: `import { requireAdmin } from '@/lib/auth-middleware';

export async function POST() {
  const admin = await requireAdmin();
  return Response.json({ createdBy: admin.id }, { status: 201 });
}
`,
      },
      {
        name: 'wrappers in the rule options replace the default wrapper',
        filename: 'app/api/invoices/route.ts',
        options: [{ wrappers: [{ name: 'withTenant', from: '@/server/tenant' }] }],
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenant } from '@/server/tenant';

export const GET = withTenant(async () => Response.json(await getServerSession(authOptions)));
`,
      },
    ],
    invalid: [
      {
        name: 'indirect getters from the rule options, without settings',
        filename: 'app/api/api-keys/route.ts',
        options: [{ indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }] }],
        code: `import { requireAdmin } from '@/lib/auth-middleware';

export const POST = async () => Response.json({ createdBy: (await requireAdmin()).id }, { status: 201 });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 3,
            column: 67,
            endLine: 3,
            endColumn: 81,
            data: sessionRead('requireAdmin', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { requireAdmin } from '@/lib/auth-middleware';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async () => Response.json({ createdBy: (await requireAdmin()).id }, { status: 201 }));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'with another wrapper configured, withTenantContext no longer counts; message and suggestion use the configured one',
        filename: 'app/api/invoices/route.ts',
        settings: {
          'tenant-isolation': {
            wrappers: [{ name: 'withTenant', from: '@/server/tenant' }],
            contextAccessor: { name: 'tenant', from: '@/server/tenant' },
          },
        },
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));

export async function POST() {
  return Response.json(await getServerSession(authOptions), { status: 201 });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 70,
            endLine: 5,
            endColumn: 99,
            data: { callee: 'getServerSession', handlers: handlerText("'GET'"), wrapper: 'withTenant', accessor: 'tenant' },
            suggestions: [],
          },
          {
            messageId: 'unwrappedSessionRead',
            line: 8,
            column: 30,
            endLine: 8,
            endColumn: 59,
            data: { callee: 'getServerSession', handlers: handlerText("'POST'"), wrapper: 'withTenant', accessor: 'tenant' },
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { withTenant } from '@/server/tenant';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));

export const POST = withTenant(async function POST() {
  return Response.json(await getServerSession(authOptions), { status: 201 });
});
`,
                'withTenant',
              ),
            ],
          },
        ],
      },
    ],
  });
});

describe('the wrap suggestion', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [],
    invalid: [
      {
        name: 'adds the wrapper to an existing import of its module',
        filename: 'app/api/tenants/switch/route.ts',
        code: `import { cookies } from 'next/headers';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { signTenantId } from '@/lib/api-wrapper';

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  const { tenantId } = await req.json();
  (await cookies()).set('tenant_sig', signTenantId(tenantId));
  return Response.json({ switchedBy: session?.user?.id });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 7,
            column: 25,
            endLine: 7,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { cookies } from 'next/headers';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { signTenantId, withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  const { tenantId } = await req.json();
  (await cookies()).set('tenant_sig', signTenantId(tenantId));
  return Response.json({ switchedBy: session?.user?.id });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'adds the wrapper next to an inline type specifier of its module',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { type RouteContext } from '@/lib/api-wrapper';

export async function GET(req: Request, { params }: RouteContext<{ id: string }>) {
  const session = await getServerSession(authOptions);
  return Response.json({ id: (await params).id, tenantId: session?.user?.tenantId });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { type RouteContext, withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET(req: Request, { params }: RouteContext<{ id: string }>) {
  const session = await getServerSession(authOptions);
  return Response.json({ id: (await params).id, tenantId: session?.user?.tenantId });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'writes a new import after the last one when the module is only imported for types',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import type { RouteHandler } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET: RouteHandler = async () => Response.json(await getServerSession(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 66,
            endLine: 5,
            endColumn: 95,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import type { RouteHandler } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET: RouteHandler = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'reuses the wrapper already imported under an alias, adding no import',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext as tenantRoute } from '@/lib/api-wrapper';

export const GET = tenantRoute(async () => Response.json({ ok: true }));

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ createdBy: session?.user?.id, ...(await req.json()) }, { status: 201 });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 8,
            column: 25,
            endLine: 8,
            endColumn: 54,
            data: sessionRead('getServerSession', "'POST'"),
            suggestions: [
              wrapSuggestion(
                'POST',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext as tenantRoute } from '@/lib/api-wrapper';

export const GET = tenantRoute(async () => Response.json({ ok: true }));

export const POST = tenantRoute(async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  return Response.json({ createdBy: session?.user?.id, ...(await req.json()) }, { status: 201 });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'reuses a wrapper import that nothing uses yet',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = async () => Response.json(await getServerSession(authOptions));
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 52,
            endLine: 5,
            endColumn: 81,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'keeps double quotes and the absence of semicolons',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { NextResponse } from "next/server"
import { getServerSession } from "next-auth"
import { authOptions } from "@/lib/auth"

export async function DELETE() {
  const session = await getServerSession(authOptions)
  return new NextResponse(null, { status: session ? 204 : 401 })
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'DELETE'"),
            suggestions: [
              wrapSuggestion(
                'DELETE',
                `import { NextResponse } from "next/server"
import { getServerSession } from "next-auth"
import { authOptions } from "@/lib/auth"
import { withTenantContext } from "@/lib/api-wrapper"

export const DELETE = withTenantContext(async function DELETE() {
  const session = await getServerSession(authOptions)
  return new NextResponse(null, { status: session ? 204 : 401 })
})
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'takes the quote style from a side-effect import too',
        filename: 'app/api/invoices/route.ts',
        code: `import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json(session);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { withTenantContext } from "@/lib/api-wrapper";

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json(session);
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'puts the import first in a file without imports',
        filename: 'app/api/invoices/route.ts',
        code: `export async function GET() {
  const { getServerSession } = await import('next-auth');
  const { authOptions } = await import('@/lib/auth');
  return Response.json(await getServerSession(authOptions));
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 30,
            endLine: 4,
            endColumn: 59,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { withTenantContext } from '@/lib/api-wrapper';
export const GET = withTenantContext(async function GET() {
  const { getServerSession } = await import('next-auth');
  const { authOptions } = await import('@/lib/auth');
  return Response.json(await getServerSession(authOptions));
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'is not offered when a local binding already has the wrapper’s name',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const withTenantContext = process.env.TENANT_CONTEXT === 'on';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ session, tenantContextEnabled: withTenantContext });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 7,
            column: 25,
            endLine: 7,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [],
          },
        ],
      },
    ],
  });
});

describe('JavaScript and TSX routes', () => {
  ruleTester.run('require-tenant-context', rule, {
    valid: [
      {
        name: 'a wrapped JavaScript route parsed by ESLint’s default parser',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree },
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a wrapped TSX route',
        filename: 'app/api/og/route.tsx',
        code: `import { ImageResponse } from 'next/og';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return new ImageResponse(<div style={{ fontSize: 64 }}>{session?.user?.name}</div>);
});
`,
      },
    ],
    invalid: [
      {
        name: 'a JavaScript route',
        filename: 'app/api/invoices/route.js',
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET(req) {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, url: req.url });
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 5,
            column: 25,
            endLine: 5,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET(req) {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, url: req.url });
});
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a JavaScript route parsed by ESLint’s default parser',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree },
        code: `import { getServerSession as readSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

const tenantOf = async () => (await readSession(authOptions))?.user?.tenantId;

export const GET = async () => Response.json({ tenantId: await tenantOf() });
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 4,
            column: 37,
            endLine: 4,
            endColumn: 61,
            data: sessionRead('readSession', "'GET'", ' (through tenantOf())'),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { getServerSession as readSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

const tenantOf = async () => (await readSession(authOptions))?.user?.tenantId;

export const GET = withTenantContext(async () => Response.json({ tenantId: await tenantOf() }));
`,
              ),
            ],
          },
        ],
      },
      {
        name: 'a TSX route',
        filename: 'app/api/og/route.tsx',
        code: `import { ImageResponse } from 'next/og';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return new ImageResponse(<div style={{ fontSize: 64 }}>{session?.user?.name}</div>);
}
`,
        errors: [
          {
            messageId: 'unwrappedSessionRead',
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 54,
            data: sessionRead('getServerSession', "'GET'"),
            suggestions: [
              wrapSuggestion(
                'GET',
                `import { ImageResponse } from 'next/og';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async function GET() {
  const session = await getServerSession(authOptions);
  return new ImageResponse(<div style={{ fontSize: 64 }}>{session?.user?.name}</div>);
});
`,
              ),
            ],
          },
        ],
      },
    ],
  });
});

describe('configuration errors', () => {
  function lintWithSettings(settings: unknown, filename = 'app/api/invoices/route.ts'): Linter.LintMessage[] {
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(
      INVOICES_GET,
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'tenant-isolation': { rules: { 'require-tenant-context': rule as never } } },
        settings: { 'tenant-isolation': settings },
        rules: { 'tenant-isolation/require-tenant-context': 'error' },
      },
      filename,
    );
  }

  it('lints with the defaults when there are no settings', () => {
    expect(lintWithSettings(undefined).map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['tenant-isolation/require-tenant-context', 5, 25],
    ]);
  });

  it('stops with the key path when a public route has no reason', () => {
    expect(() => lintWithSettings({ publicRoutes: [{ path: '/api/health' }] })).toThrow(
      /Invalid tenant-isolation config in ESLint settings\['tenant-isolation'\] and rule options \(1 problem\):\n {2}publicRoutes\[0\]\.reason: a public route needs a reason/,
    );
  });

  it('names every problem, each by its key path', () => {
    expect(() => lintWithSettings({ wrappers: [], sessionGetters: [{ name: 'auth' }], wrapper: 'withTenantContext' })).toThrow(
      /\(3 problems\):[\s\S]*sessionGetters\[0\]\.from: [\s\S]*wrappers: expected at least one wrapper[\s\S]*wrapper: unknown key/,
    );
  });

  it('validates the settings of files that are not routes too, so a wrong config cannot pass unnoticed', () => {
    expect(() => lintWithSettings({ serverActions: 'yes' }, 'lib/invoices.ts')).toThrow(/serverActions: /);
  });

  it('rejects rule options outside the schema before the rule runs', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() =>
      linter.verify(
        INVOICES_GET,
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { 'tenant-isolation': { rules: { 'require-tenant-context': rule as never } } },
          rules: { 'tenant-isolation/require-tenant-context': ['error', { wrapper: 'withTenantContext' }] },
        },
        'app/api/invoices/route.ts',
      ),
    ).toThrow(/tenant-isolation\/require-tenant-context[\s\S]*additional properties/i);
  });
});
