import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule, { type MessageIds } from '../../src/rules/prefer-tenant-context';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

const ROUTE = 'app/api/invoices/route.ts';

interface ReadOptions {
  noun?: string;
  via?: string;
  wrapper?: string;
  accessor?: string;
}

/** How the message names the handlers: `route handler 'GET'`, `route handlers 'GET' and 'POST'`, `server action 'save'`. */
function handlerText(quotedNames: string, noun = 'route handler'): string {
  const names = quotedNames.split(', ');
  if (names.length === 1) return `${noun} ${names[0]}`;
  return `${noun}s ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * A `sessionReadInContext` report on one line, from `column` to `endColumn`, with the suggestions it must offer
 * (none unless given).
 */
function readInContext(
  line: number,
  column: number,
  endColumn: number,
  callee: string,
  handlers: string,
  { noun, via = '', wrapper = 'withTenantContext', accessor = 'requireTenantContext' }: ReadOptions = {},
  suggestions: Array<{ messageId: MessageIds; data: Record<string, string>; output: string }> = [],
) {
  return {
    messageId: 'sessionReadInContext' as MessageIds,
    line,
    column,
    endLine: line,
    endColumn,
    data: { callee, handlers: handlerText(handlers, noun) + via, wrapper, accessor },
    suggestions,
  };
}

function readContext(output: string, callee = 'getServerSession', accessor = 'requireTenantContext') {
  return { messageId: 'readContext' as MessageIds, data: { accessor, callee }, output };
}

function reuseContext(output: string, name = 'ctx', callee = 'getServerSession') {
  return { messageId: 'reuseContext' as MessageIds, data: { name, callee }, output };
}

function dropSessionRead(output: string, callee = 'getServerSession', wrapper = 'withTenantContext') {
  return { messageId: 'dropSessionRead' as MessageIds, data: { callee, wrapper }, output };
}

const OPTIONAL_ACCESSOR = { 'tenant-isolation': { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } } };
const ADMIN_GETTER = {
  'tenant-isolation': { indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }] },
};
const SERVER_ACTIONS = { 'tenant-isolation': { serverActions: true } };

/** A handler already behind the wrapper that still reads the session for the tenant. */
const WRAPPED_GET = `import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return NextResponse.json({ tenantId: session?.user?.tenantId });
});
`;

/** WRAPPED_GET after the suggestion: the accessor takes the place of the last import, which the rewrite left unread. */
const WRAPPED_GET_FIXED = `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json({ tenantId: ctx.tenantId });
});
`;

/** The usual result of the suggestion on a GET that reads the tenant and imports nothing else. */
const TENANT_ID_FIXED = `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenantId: ctx.tenantId });
});
`;

const WRAPPED_GET_ERROR = readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [readContext(WRAPPED_GET_FIXED)]);

/** The same handler before it was wrapped: require-tenant-context's to report, not this rule's. */
const UNWRAPPED_GET = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}
`;

describe('which files are checked', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      {
        name: 'an inline server action is registered by Next.js itself, so a call around it wraps nothing: its read is require-tenant-context’s',
        filename: 'app/invoices/page.tsx',
        settings: SERVER_ACTIONS,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const archive = withTenantContext(async (id: string) => {
  'use server';
  const session = await getServerSession(authOptions);
  await db.invoice.archive(session!.user.tenantId, id);
});

export default function InvoicesPage() {
  return <form action={archive.bind(null, 'inv_1')}><button>Archive</button></form>;
}
`,
      },
      { name: 'a module outside the route globs is not a route, whatever it exports', filename: 'lib/invoices.ts', code: WRAPPED_GET },
      { name: 'a test file next to an App Router route is not a route', filename: 'app/api/invoices/route.test.ts', code: WRAPPED_GET },
      { name: 'a route-named file under __tests__ is ignored', filename: 'app/api/invoices/__tests__/route.ts', code: WRAPPED_GET },
      {
        name: 'a page component is not a route handler, wrapped or not',
        filename: 'app/dashboard/page.tsx',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const load = withTenantContext(async () => getServerSession(authOptions));

export default async function DashboardPage() {
  const session = await getServerSession(authOptions);
  return <h1>Welcome back, {session?.user?.name}</h1>;
}
`,
      },
      {
        name: 'routes in the rule options replace the default globs',
        filename: ROUTE,
        code: WRAPPED_GET,
        options: [{ routes: ['server/routes/**/*.ts'] }],
      },
      {
        name: 'routes in settings replace the default globs',
        filename: ROUTE,
        code: WRAPPED_GET,
        settings: { 'tenant-isolation': { routes: ['server/routes/**/*.ts'] } },
      },
      {
        name: "'use server' files are not handlers unless serverActions is on",
        filename: 'app/invoices/actions.ts',
        code: `'use server';

import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const sendInvoice = withTenantContext(async (id: string) => {
  const session = await getServerSession(authOptions);
  return { id, sentBy: session?.user?.id };
});
`,
      },
    ],
    invalid: [
      {
        name: 'an else-if guard goes as an empty else, so the code after it still runs on every path',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const POST = withTenantContext(async (req: Request) => {
  const dryRun = new URL(req.url).searchParams.has('dry');
  const session = await getServerSession(authOptions);
  if (dryRun) {
    console.log('dry run');
  } else if (!session) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  await db.invoice.create(session!.user.tenantId);
  return Response.json({ ok: true });
});
`,
        errors: [
          readInContext(8, 25, 54, 'getServerSession', "'POST'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: Request) => {
  const dryRun = new URL(req.url).searchParams.has('dry');
  const ctx = requireTenantContext();
  if (dryRun) {
    console.log('dry run');
  } else {}
  await db.invoice.create(ctx.tenantId);
  return Response.json({ ok: true });
});
`),
          ]),
        ],
      },
      {
        name: 'a guard that is the body of another if goes as an empty block',
        filename: 'app/api/invoices/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const DELETE = withTenantContext(async (req: Request) => {
  const session = await getServerSession(authOptions);
  if (req.headers.has('x-confirm')) if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  await db.invoice.remove(session!.user.tenantId);
  return new Response(null, { status: 204 });
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'DELETE'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async (req: Request) => {
  const ctx = requireTenantContext();
  if (req.headers.has('x-confirm')) {}
  await db.invoice.remove(ctx.tenantId);
  return new Response(null, { status: 204 });
});
`),
          ]),
        ],
      },
      { name: 'an App Router route', filename: ROUTE, code: WRAPPED_GET, errors: [WRAPPED_GET_ERROR] },
      { name: 'an App Router route under src/', filename: 'src/app/api/invoices/route.ts', code: WRAPPED_GET, errors: [WRAPPED_GET_ERROR] },
      {
        name: 'an absolute filename is matched relative to the working directory',
        filename: path.join(process.cwd(), ROUTE),
        code: WRAPPED_GET,
        errors: [WRAPPED_GET_ERROR],
      },
      {
        name: 'a file matched by custom route globs from the settings',
        filename: 'server/routes/invoices.ts',
        settings: { 'tenant-isolation': { routes: ['server/routes/**/*.ts'] } },
        code: WRAPPED_GET,
        errors: [WRAPPED_GET_ERROR],
      },
    ],
  });
});

describe('handlers', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      { name: 'an unwrapped handler that reads the session is require-tenant-context’s to report', filename: ROUTE, code: UNWRAPPED_GET },
      {
        name: 'a migrated handler reads the context, not the session',
        filename: ROUTE,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json({ tenantId: ctx.tenantId });
});
`,
      },
      {
        name: 'a local function that merely has the wrapper’s name does not make a tenant context',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

function withTenantContext<T>(fn: T): T {
  return fn;
}

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'the wrapper’s name imported from another module is not the configured wrapper',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/legacy-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => Response.json(await getServerSession(authOptions)));
`,
      },
      {
        name: 'a helper that a wrapped and an unwrapped handler share: the read is still needed for the unwrapped one',
        filename: 'app/api/projects/[projectId]/budget/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

async function editorId() {
  const session = await getServerSession(authOptions);
  return session?.user?.id;
}

export const GET = withTenantContext(async () => Response.json({ editor: await editorId() }));

export async function PUT() {
  return Response.json({ editor: await editorId() });
}
`,
      },
      {
        name: 'one function exported both wrapped and unwrapped',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

async function listInvoices() {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
}

export const GET = withTenantContext(listInvoices);
export { listInvoices as HEAD };
`,
      },
      {
        name: 'a function that is wrapped itself is not a handler, and a handler calling it does not reach into it',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

const tenantOf = withTenantContext(async () => (await getServerSession(authOptions))?.user?.tenantId);

export const GET = withTenantContext(async () => Response.json({ tenantId: await tenantOf() }));
`,
      },
      {
        name: 'an exported function that is not an HTTP method is not a handler',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const currentSession = withTenantContext(async () => getServerSession(authOptions));
`,
      },
    ],
    invalid: [
      {
        name: 'composed wrappers: the tenant wrapper anywhere in the chain makes the context',
        filename: 'app/api/payments/checkout/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withRateLimit } from '@/lib/rate-limit';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const POST = withRateLimit(withTenantContext(async (req: Request) => {
  const session = await getServerSession(authOptions);
  return Response.json(await db.checkout(session!.user.tenantId, await req.json()));
}));
`,
        errors: [
          readInContext(8, 25, 54, 'getServerSession', "'POST'", {}, [
            readContext(`import { withRateLimit } from '@/lib/rate-limit';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withRateLimit(withTenantContext(async (req: Request) => {
  const ctx = requireTenantContext();
  return Response.json(await db.checkout(ctx.tenantId, await req.json()));
}));
`),
          ]),
        ],
      },
      {
        name: 'the wrapper under an alias is named as the code calls it',
        filename: 'app/api/team/roles/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext as tenantRoute } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = tenantRoute(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ role: session?.user?.role });
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", { wrapper: 'tenantRoute' }, [
            readContext(`import { withTenantContext as tenantRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = tenantRoute(async () => {
  const ctx = requireTenantContext();
  return Response.json({ role: ctx.role });
});
`),
          ]),
        ],
      },
      {
        name: 'one wrapped function exported under two methods: one report naming both',
        filename: 'app/api/api-keys/[keyId]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import * as api from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

const handler = api.withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ owner: session?.user?.id });
});

export { handler as GET, handler as DELETE };
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'DELETE', 'GET'", { wrapper: 'api.withTenantContext' }, [
            readContext(`import * as api from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const handler = api.withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ owner: ctx.userId });
});

export { handler as GET, handler as DELETE };
`),
          ]),
        ],
      },
      {
        name: 'through a same-file helper: reported with the path, no suggestion (other code may call the helper)',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

async function currentTenantId() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

async function loadInvoices() {
  return [await currentTenantId()];
}

export const GET = withTenantContext(async () => Response.json(await loadInvoices()));
export const POST = withTenantContext(async () => Response.json({ tenantId: await currentTenantId() }));
`,
        errors: [readInContext(6, 25, 54, 'getServerSession', "'GET', 'POST'", { via: ' (through loadInvoices() → currentTenantId())' })],
      },
      {
        name: 'a Pages Router API route: its default export, written apart and wrapped at the export',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  res.json({ tenantId: session!.user.tenantId });
}

export default withTenantContext(handler);
`,
        errors: [
          readInContext(7, 25, 64, 'getServerSession', "'default'", {}, [
            readContext(`import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  res.json({ tenantId: ctx.tenantId });
}

export default withTenantContext(handler);
`),
          ]),
        ],
      },
      {
        name: 'a Pages Router route behind a configured pages wrapper',
        filename: 'pages/api/invoices.ts',
        settings: { 'tenant-isolation': { pagesWrappers: [{ name: 'withPagesTenant', from: '@/lib/pages-wrapper' }] } },
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { withPagesTenant } from '@/lib/pages-wrapper';
import { authOptions } from '@/lib/auth';

export default withPagesTenant(async (req: NextApiRequest, res: NextApiResponse) => {
  const session = await getServerSession(req, res, authOptions);
  res.json({ tenantId: session?.user?.tenantId });
});
`,
        errors: [
          readInContext(7, 25, 64, 'getServerSession', "'default'", { wrapper: 'withPagesTenant' }, [
            readContext(`import type { NextApiRequest, NextApiResponse } from 'next';
import { withPagesTenant } from '@/lib/pages-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withPagesTenant(async (req: NextApiRequest, res: NextApiResponse) => {
  const ctx = requireTenantContext();
  res.json({ tenantId: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'a handler function that is also exported on its own may run without a context: no suggestion',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  res.json({ tenantId: session!.user.tenantId });
}

export default withTenantContext(handler);
`,
        errors: [readInContext(7, 25, 64, 'getServerSession', "'default'")],
      },
      {
        name: 'a server action with serverActions on',
        filename: 'app/invoices/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';

import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const sendInvoice = withTenantContext(async (id: string) => {
  const session = await getServerSession(authOptions);
  await db.invoice.send(id, session!.user.id);
});
`,
        errors: [
          readInContext(9, 25, 54, 'getServerSession', "'sendInvoice'", { noun: 'server action' }, [
            readContext(`'use server';

import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const sendInvoice = withTenantContext(async (id: string) => {
  const ctx = requireTenantContext();
  await db.invoice.send(id, ctx.userId);
});
`),
          ]),
        ],
      },
    ],
  });
});

describe('public routes', () => {
  const HEALTH = `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => Response.json({ signedIn: !!(await getServerSession(authOptions)) }), { requireAuth: false });
`;
  const PUBLIC_HEALTH = { 'tenant-isolation': { publicRoutes: [{ path: '/api/health', reason: 'load balancer probe' }] } };

  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      { name: 'a public route in the settings is not checked', filename: 'app/api/health/route.ts', code: HEALTH, settings: PUBLIC_HEALTH },
      {
        name: 'a public route in the rule options',
        filename: 'app/api/health/route.ts',
        code: HEALTH,
        options: [{ publicRoutes: [{ path: '/api/health', reason: 'load balancer probe' }] }],
      },
      {
        name: 'a public method of a route: the helper it shares with a wrapped method still needs the session',
        filename: 'app/api/plans/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/plans', methods: ['GET'], reason: 'price table' }] } },
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

async function viewerId() {
  return (await getServerSession(authOptions))?.user?.id ?? null;
}

export async function GET() {
  return Response.json({ viewer: await viewerId() });
}

export const POST = withTenantContext(async () => Response.json({ by: await viewerId() }));
`,
      },
    ],
    invalid: [
      {
        name: 'a method that publicRoutes does not list is checked',
        filename: 'app/api/health/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/health', methods: ['HEAD'], reason: 'load balancer probe' }] } },
        code: HEALTH,
        errors: [readInContext(5, 85, 114, 'getServerSession', "'GET'")],
      },
    ],
  });
});

describe('session getters', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      {
        name: 'a parameter that shadows the getter is not a session read',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';

async function exportRows(getServerSession: () => Promise<string[]>) {
  return getServerSession();
}

export const GET = withTenantContext(async () => Response.json(await exportRows(async () => [])));
`,
      },
      {
        name: 'a getter of the same name from another module is not a session getter',
        filename: ROUTE,
        code: `import { getServerSession } from '@/lib/fake-auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getServerSession()));
`,
      },
      {
        name: 'indirect getters in the rule options replace those in settings',
        filename: 'app/api/api-keys/route.ts',
        settings: ADMIN_GETTER,
        options: [{ indirectSessionGetters: [] }],
        code: `import { requireAdmin } from '@/lib/auth-middleware';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async () => Response.json({ by: (await requireAdmin()).id }));
`,
      },
      {
        name: 'a type-only reference to the getter reads nothing',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

type Session = Awaited<ReturnType<typeof getServerSession>>;

export const GET = withTenantContext(async () => Response.json({ tenantId: requireTenantContext().tenantId } satisfies Partial<Session>));
`,
      },
    ],
    invalid: [
      {
        name: 'an aliased import from next-auth/next',
        filename: ROUTE,
        code: `import { getServerSession as readSession } from 'next-auth/next';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await readSession(authOptions);
  return Response.json({ email: session?.user?.email ?? null });
});
`,
        errors: [
          readInContext(6, 25, 49, 'readSession', "'GET'", {}, [
            readContext(
              `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ email: ctx.userEmail ?? null });
});
`,
              'readSession',
            ),
          ]),
        ],
      },
      {
        name: 'a namespace import: the namespace goes once nothing else reads it',
        filename: ROUTE,
        code: `import * as NextAuth from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await NextAuth.getServerSession(authOptions);
  return Response.json({ name: session?.user?.name ?? null });
});
`,
        errors: [
          readInContext(6, 25, 63, 'NextAuth.getServerSession', "'GET'", {}, [
            readContext(
              `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ name: ctx.userName ?? null });
});
`,
              'NextAuth.getServerSession',
            ),
          ]),
        ],
      },
      {
        name: 'unstable_getServerSession, with the getter kept for another handler that still reads it',
        filename: ROUTE,
        code: `import { unstable_getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await unstable_getServerSession(authOptions);
  return Response.json({ id: session?.user?.id });
});

export const POST = withTenantContext(async () => Response.json(await unstable_getServerSession(authOptions)));
`,
        errors: [
          readInContext(6, 25, 63, 'unstable_getServerSession', "'GET'", {}, [
            readContext(
              `import { unstable_getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ id: ctx.userId });
});

export const POST = withTenantContext(async () => Response.json(await unstable_getServerSession(authOptions)));
`,
              'unstable_getServerSession',
            ),
          ]),
          readInContext(10, 71, 109, 'unstable_getServerSession', "'POST'"),
        ],
      },
      {
        name: 'NextAuth v5 auth() configured in the settings',
        filename: ROUTE,
        settings: { 'tenant-isolation': { sessionGetters: [{ name: 'auth', from: '@/auth' }] } },
        code: `import { auth } from '@/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => {
  const session = await auth();
  return Response.json({ tenantId: session?.user?.tenantId });
});
`,
        errors: [
          readInContext(5, 25, 31, 'auth', "'GET'", {}, [
            readContext(
              TENANT_ID_FIXED,
              'auth',
            ),
          ]),
        ],
      },
      {
        name: 'an indirect getter is a session read, but its result is the helper’s own: no suggestion',
        filename: 'app/api/api-keys/route.ts',
        settings: ADMIN_GETTER,
        code: `import { requireAdmin } from '@/lib/auth-middleware';
import { withTenantContext } from '@/lib/api-wrapper';

export const POST = withTenantContext(async () => {
  const admin = await requireAdmin();
  return Response.json({ by: admin.id });
});
`,
        errors: [readInContext(5, 23, 37, 'requireAdmin', "'POST'")],
      },
      {
        name: 'the getter handed to another function reads the session wherever that runs: no suggestion',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { memo } from '@/lib/memo';

export const GET = withTenantContext(async () => Response.json(await memo(getServerSession)(authOptions)));
`,
        errors: [readInContext(6, 75, 91, 'getServerSession', "'GET'")],
      },
      {
        name: 'a getter loaded with require',
        filename: 'pages/api/invoices.js',
        languageOptions: { parser: espree, sourceType: 'commonjs' },
        code: `const { getServerSession } = require('next-auth');
const { withTenantContext } = require('@/lib/api-wrapper');
const { authOptions } = require('@/lib/auth');

module.exports = withTenantContext(async (req, res) => {
  const session = await getServerSession(req, res, authOptions);
  res.json({ tenantId: session.user.tenantId });
});
`,
        errors: [readInContext(6, 25, 64, 'getServerSession', "'default'")],
      },
    ],
  });
});

describe('the suggestion', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [],
    invalid: [
      {
        name: 'a typed session variable: the type import goes with the getter once nothing reads them',
        filename: ROUTE,
        code: `import { getServerSession, type Session } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session: Session | null = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});
`,
        errors: [
          readInContext(6, 41, 70, 'getServerSession', "'GET'", {}, [
            readContext(TENANT_ID_FIXED),
          ]),
        ],
      },
      {
        name: 'a cast session inside try: the accessor import goes after the last import that stays',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import type { Session } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  try {
    const session = (await getServerSession(authOptions)) as Session;
    return Response.json(await db.invoices(session.user.tenantId));
  } catch (error) {
    return Response.json({ error: String(error) }, { status: 500 });
  }
});
`,
        errors: [
          readInContext(9, 28, 57, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  try {
    const ctx = requireTenantContext();
    return Response.json(await db.invoices(ctx.tenantId));
  } catch (error) {
    return Response.json({ error: String(error) }, { status: 500 });
  }
});
`),
          ]),
        ],
      },
      {
        name: 'a session read only for the sign-in check the wrapper already made: both go, nothing is imported',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.plans());
});
`,
        errors: [
          readInContext(8, 25, 54, 'getServerSession', "'GET'", {}, [
            dropSessionRead(`import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  return NextResponse.json(await db.plans());
});
`),
          ]),
        ],
      },
      {
        name: 'a guard of the session and its tenant, which the wrapper guarantees, goes as a whole block',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  if (!session || !session.user.tenantId) {
    throw new Error('no tenant');
  }
  return Response.json(await db.invoices(session.user.tenantId));
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json(await db.invoices(ctx.tenantId));
});
`),
          ]),
        ],
      },
      {
        name: 'a role check stays, minus the sign-in test beside it',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const DELETE = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  if (!session || session.user.role !== 'admin') return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'DELETE'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async () => {
  const ctx = requireTenantContext();
  if (ctx.role !== 'admin') return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
});
`),
          ]),
        ],
      },
      {
        name: 'a check of a role the wrapper does not guarantee is kept, reading the context',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const POST = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.tenantRole) return new Response(null, { status: 403 });
  return Response.json({ seat: session.user.tenantRole });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'POST'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async () => {
  const ctx = requireTenantContext();
  if (!ctx.tenantRole) return new Response(null, { status: 403 });
  return Response.json({ seat: ctx.tenantRole });
});
`),
          ]),
        ],
      },
      {
        name: 'destructured session fields are renamed to their context keys',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const { tenantId, id: userId, role = 'member' } = session!.user;
  return Response.json({ tenantId, userId, role });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const { tenantId, userId, role = 'member' } = ctx;
  return Response.json({ tenantId, userId, role });
});
`),
          ]),
        ],
      },
      {
        name: 'a name for the session user is followed: its declaration goes and its reads are mapped',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  return Response.json({ email: user?.email ?? null, tenantId: user?.tenantId });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ email: ctx.userEmail ?? null, tenantId: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'a test that the session is there becomes a test of the context',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const greeting = session ? session.user.name ?? 'you' : 'there';
  return Response.json({ greeting });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const greeting = ctx ? ctx.userName ?? 'you' : 'there';
  return Response.json({ greeting });
});
`),
          ]),
        ],
      },
      {
        name: 'a read in place becomes a read of the accessor',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  return Response.json({ tenantId: (await getServerSession(authOptions))?.user?.tenantId });
});
`,
        errors: [
          readInContext(6, 43, 72, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  return Response.json({ tenantId: requireTenantContext().tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'ctx taken by a parameter: the context variable takes the next free name',
        filename: 'app/api/invoices/[id]/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const session = await getServerSession(authOptions);
  const { id } = await ctx.params;
  return Response.json(await db.invoice(session!.user.tenantId, id));
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const tenantCtx = requireTenantContext();
  const { id } = await ctx.params;
  return Response.json(await db.invoice(tenantCtx.tenantId, id));
});
`),
          ]),
        ],
      },
      {
        name: 'ctx taken in the handler and tenantCtx at module level',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

const tenantCtx = { region: 'eu' };

export const GET = withTenantContext(async () => {
  const ctx = { started: Date.now() };
  const session = await getServerSession(authOptions);
  return Response.json({ ctx, region: tenantCtx.region, userId: session?.user?.id });
});
`,
        errors: [
          readInContext(9, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const tenantCtx = { region: 'eu' };

export const GET = withTenantContext(async () => {
  const ctx = { started: Date.now() };
  const tenantContext = requireTenantContext();
  return Response.json({ ctx, region: tenantCtx.region, userId: tenantContext.userId });
});
`),
          ]),
        ],
      },
      {
        name: 'a context the handler already read is reused rather than read a second time',
        filename: 'app/api/notifications/stream/route.ts',
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const context = requireTenantContext();
  if (context.tenantId) {
    const session = await getServerSession(authOptions);
    return Response.json({ greeting: session?.user?.name ?? session?.user?.email ?? 'there', tenantId: context.tenantId });
  }
  return new Response(null, { status: 204 });
});
`,
        errors: [
          readInContext(9, 27, 56, 'getServerSession', "'GET'", {}, [
            reuseContext(
              `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const context = requireTenantContext();
  if (context.tenantId) {
    return Response.json({ greeting: context.userName ?? context.userEmail ?? 'there', tenantId: context.tenantId });
  }
  return new Response(null, { status: 204 });
});
`,
              'context',
            ),
          ]),
        ],
      },
      {
        name: 'a context read after the session is not reused: a second variable under a free name',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const ctx = requireTenantContext();
  return Response.json({ by: session?.user?.id, tenantId: ctx.tenantId });
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const tenantCtx = requireTenantContext();
  const ctx = requireTenantContext();
  return Response.json({ by: tenantCtx.userId, tenantId: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'a context variable that a callback parameter shadows where the session is read is not reused',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const session = await getServerSession(authOptions);
  const rows = [{ id: 1 }].map((ctx) => ({ ...ctx, by: session?.user?.id }));
  return Response.json({ rows, tenantId: ctx.tenantId });
});
`,
        errors: [
          readInContext(8, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const tenantCtx = requireTenantContext();
  const rows = [{ id: 1 }].map((ctx) => ({ ...ctx, by: tenantCtx.userId }));
  return Response.json({ rows, tenantId: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'the accessor joins an existing import of its module',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { tenantStorage } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, stored: tenantStorage.getStore() !== undefined });
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { tenantStorage, requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenantId: ctx.tenantId, stored: tenantStorage.getStore() !== undefined });
});
`),
          ]),
        ],
      },
      {
        name: 'an accessor already imported under another name is called by that name',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext as tenant } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ userId: session?.user?.id, tenantId: tenant().tenantId });
});
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(
              `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext as tenant } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = tenant();
  return Response.json({ userId: ctx.userId, tenantId: tenant().tenantId });
});
`,
              'getServerSession',
              'tenant',
            ),
          ]),
        ],
      },
      {
        name: 'a module that loads modules at run time keeps its imports: only the parse of the result could tell',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const { render } = await import('@/lib/pdf');
  return new Response(await render(session!.user.tenantId));
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const { render } = await import('@/lib/pdf');
  return new Response(await render(ctx.tenantId));
});
`),
          ]),
        ],
      },
      {
        name: 'the file’s own style: double quotes, no semicolons',
        filename: ROUTE,
        code: `import { getServerSession } from "next-auth"
import { withTenantContext } from "@/lib/api-wrapper"
import { authOptions } from "@/lib/auth"
import { db } from "@/lib/db"

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions)
  return Response.json(await db.invoices(session?.user?.tenantId))
})
`,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from "@/lib/api-wrapper"
import { db } from "@/lib/db"
import { requireTenantContext } from "@/lib/tenant-utils"

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext()
  return Response.json(await db.invoices(ctx.tenantId))
})
`),
          ]),
        ],
      },
      {
        name: 'two session reads in one handler: each its own suggestion, the imports the other still reads kept',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const again = await getServerSession(authOptions);
  return Response.json({ a: session?.user?.id, b: again?.user?.tenantId });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const again = await getServerSession(authOptions);
  return Response.json({ a: ctx.userId, b: again?.user?.tenantId });
});
`),
          ]),
          readInContext(7, 23, 52, 'getServerSession', "'GET'", {}, [
            readContext(`import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  const ctx = requireTenantContext();
  return Response.json({ a: session?.user?.id, b: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'CRLF line endings are kept, in the new import too',
        filename: ROUTE,
        code: [
          "import { getServerSession } from 'next-auth';",
          "import { withTenantContext } from '@/lib/api-wrapper';",
          "import { authOptions } from '@/lib/auth';",
          "import { db } from '@/lib/db';",
          '',
          'export const GET = withTenantContext(async () => {',
          '  const session = await getServerSession(authOptions);',
          '  if (!session) return new Response(null, { status: 401 });',
          '  return Response.json(await db.invoices(session.user.tenantId));',
          '});',
          '',
        ].join('\r\n'),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(
              [
                "import { withTenantContext } from '@/lib/api-wrapper';",
                "import { db } from '@/lib/db';",
                "import { requireTenantContext } from '@/lib/tenant-utils';",
                '',
                'export const GET = withTenantContext(async () => {',
                '  const ctx = requireTenantContext();',
                '  return Response.json(await db.invoices(ctx.tenantId));',
                '});',
                '',
              ].join('\r\n'),
            ),
          ]),
        ],
      },
      {
        name: 'a session read in a callback inside the handler still runs in its context',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const POST = withTenantContext(async (req: Request) => {
  const ids: string[] = await req.json();
  await Promise.all(ids.map(async (id) => {
    const session = await getServerSession(authOptions);
    await db.invoice.archive(session!.user.tenantId, id);
  }));
  return new Response(null, { status: 204 });
});
`,
        errors: [
          readInContext(9, 27, 56, 'getServerSession', "'POST'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: Request) => {
  const ids: string[] = await req.json();
  await Promise.all(ids.map(async (id) => {
    const ctx = requireTenantContext();
    await db.invoice.archive(ctx.tenantId, id);
  }));
  return new Response(null, { status: 204 });
});
`),
          ]),
        ],
      },
    ],
  });
});

describe('wrappers that let anonymous callers in', () => {
  /** A route that serves anonymous callers too, and personalises for a signed-in one. */
  const CHANGELOG = (wrapperCall: string) => `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = ${wrapperCall.replace('HANDLER', `async () => {
  const session = await getServerSession(authOptions);
  if (!session) return Response.json(await db.changelog());
  return Response.json(await db.changelog(session.user.id));
}`)};
`;
  const CHANGELOG_OPTIONAL = (wrapperCall: string) => `import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = ${wrapperCall.replace('HANDLER', `async () => {
  const ctx = getTenantContext();
  if (!ctx) return Response.json(await db.changelog());
  return Response.json(await db.changelog(ctx.userId));
}`)};
`;
  const OPTIONAL = { accessor: 'getTenantContext' };

  ruleTester.run('prefer-tenant-context', rule, {
    valid: [],
    invalid: [
      {
        name: '{ requireAuth: false } with an optionalContextAccessor: its null-safe reads, the anonymous branch kept',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: CHANGELOG('withTenantContext(HANDLER, { requireAuth: false })'),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", OPTIONAL, [
            readContext(CHANGELOG_OPTIONAL('withTenantContext(HANDLER, { requireAuth: false })'), 'getServerSession', 'getTenantContext'),
          ]),
        ],
      },
      {
        name: '{ requireAuth: false } and a read of the missing session that throws for anonymous callers: no suggestion, as the codemod would leave it',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json(await db.changelog(session!.user.id));
}, { requireAuth: false });
`,
        errors: [readInContext(7, 25, 54, 'getServerSession', "'GET'", OPTIONAL)],
      },
      {
        name: '{ requireAuth: false } and a labelled loop before the session read, which the analysis of anonymous paths does not follow: no suggestion',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const GET = withTenantContext(async () => {
  feeds: for (const feed of await db.feeds()) if (!(await db.refresh(feed))) break feeds;
  const session = await getServerSession(authOptions);
  return Response.json(await db.changelog(session?.user?.id));
}, { requireAuth: false });
`,
        errors: [readInContext(8, 25, 54, 'getServerSession', "'GET'", OPTIONAL)],
      },
      {
        name: '{ requireAuth: false } without an optionalContextAccessor: no accessor to suggest',
        filename: 'app/api/changelog/route.ts',
        code: CHANGELOG('withTenantContext(HANDLER, { requireAuth: false })'),
        errors: [readInContext(7, 25, 54, 'getServerSession', "'GET'")],
      },
      {
        name: 'options the rule cannot read may let anonymous callers in: the optional accessor',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: CHANGELOG('withTenantContext(HANDLER, changelogOptions)'),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", OPTIONAL, [
            readContext(CHANGELOG_OPTIONAL('withTenantContext(HANDLER, changelogOptions)'), 'getServerSession', 'getTenantContext'),
          ]),
        ],
      },
      {
        name: 'a curried wrapper with options is named by its configured name',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: CHANGELOG('withTenantContext({ requireAuth: false })(HANDLER)'),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", OPTIONAL, [
            readContext(CHANGELOG_OPTIONAL('withTenantContext({ requireAuth: false })(HANDLER)'), 'getServerSession', 'getTenantContext'),
          ]),
        ],
      },
      {
        name: 'options that keep requireAuth: the context is always there and the anonymous branch goes',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: CHANGELOG("withTenantContext(HANDLER, { requireAuth: true, audit: 'changelog' })"),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json(await db.changelog(ctx.userId));
}, { requireAuth: true, audit: 'changelog' });
`),
          ]),
        ],
      },
      {
        name: 'options without requireAuth leave the default: sign-in required',
        filename: 'app/api/changelog/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: CHANGELOG("withTenantContext(HANDLER, { audit: 'changelog' })"),
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json(await db.changelog(ctx.userId));
}, { audit: 'changelog' });
`),
          ]),
        ],
      },
      {
        name: 'options that spread another object may set requireAuth to anything',
        filename: 'app/api/changelog/route.ts',
        code: CHANGELOG('withTenantContext(HANDLER, { ...defaults, audit: true })'),
        errors: [readInContext(7, 25, 54, 'getServerSession', "'GET'")],
      },
    ],
  });
});

describe('session values the suggestion does not rewrite', () => {
  /** A wrapped GET whose body, after reading the session, is `body`. */
  const handlerWith = (body: string, declaration = 'const session = await getServerSession(authOptions);') => `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { audit } from '@/lib/audit';

export const GET = withTenantContext(async () => {
  ${declaration}
  ${body}
});
`;
  const REPORT = readInContext(7, 25, 54, 'getServerSession', "'GET'");

  ruleTester.run('prefer-tenant-context', rule, {
    valid: [],
    invalid: [
      { name: 'the session passed to a function', filename: ROUTE, code: handlerWith('await audit(session); return new Response();'), errors: [REPORT] },
      {
        name: 'the session user passed to a function',
        filename: ROUTE,
        code: handlerWith('return Response.json(await audit(session?.user));'),
        errors: [REPORT],
      },
      {
        name: 'the session returned from a function',
        filename: ROUTE,
        code: handlerWith('const load = () => session; return Response.json(await audit(load));'),
        errors: [REPORT],
      },
      { name: 'the session user spread', filename: ROUTE, code: handlerWith('return Response.json({ ...session!.user });'), errors: [REPORT] },
      {
        name: 'the session stored in another value',
        filename: ROUTE,
        code: handlerWith('const payload = { session, at: Date.now() }; return Response.json(payload);'),
        errors: [REPORT],
      },
      {
        name: 'a property sessionMapping does not map',
        filename: ROUTE,
        code: handlerWith('return Response.json({ avatar: session?.user?.image, tenantId: session?.user?.tenantId });'),
        errors: [REPORT],
      },
      {
        name: 'a property read with a computed key',
        filename: ROUTE,
        code: handlerWith("const field = 'tenantId' as const; return Response.json({ value: session!.user[field] });"),
        errors: [REPORT],
      },
      {
        name: 'a write to a mapped property',
        filename: ROUTE,
        code: handlerWith("session!.user.tenantId = 'other'; return Response.json(session!.user.tenantId);"),
        errors: [REPORT],
      },
      {
        name: 'a session variable that is reassigned',
        filename: ROUTE,
        code: handlerWith('if (!session) session = null; return Response.json({ tenantId: session?.user?.tenantId });', 'let session = await getServerSession(authOptions);'),
        errors: [readInContext(7, 23, 52, 'getServerSession', "'GET'")],
      },
      {
        name: 'a session variable declared with var',
        filename: ROUTE,
        code: handlerWith('return Response.json({ tenantId: session?.user?.tenantId });', 'var session = await getServerSession(authOptions);'),
        errors: [readInContext(7, 23, 52, 'getServerSession', "'GET'")],
      },
      {
        name: 'a session assigned to a variable declared before the call',
        filename: ROUTE,
        code: handlerWith(
          'session = await getServerSession(authOptions); return Response.json({ tenantId: session?.user?.tenantId });',
          'let session;',
        ),
        errors: [readInContext(8, 19, 48, 'getServerSession', "'GET'")],
      },
      {
        name: 'a result that is not awaited where it is called',
        filename: ROUTE,
        code: handlerWith(
          'return getServerSession(authOptions).then((s) => Response.json({ tenantId: s?.user?.tenantId }));',
          'const started = Date.now();',
        ),
        errors: [readInContext(8, 10, 39, 'getServerSession', "'GET'")],
      },
      {
        name: 'a module-level binding of the accessor’s name: importing it would clash',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

function requireTenantContext() {
  return { legacy: true };
}

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, legacy: requireTenantContext().legacy });
});
`,
        errors: [readInContext(10, 25, 54, 'getServerSession', "'GET'")],
      },
      {
        name: 'a local of the accessor’s name in the handler would shadow the import',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const requireTenantContext = () => ({ tenantId: 'fixture' });
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId, fixture: requireTenantContext().tenantId });
});
`,
        errors: [readInContext(8, 25, 54, 'getServerSession', "'GET'")],
      },
    ],
  });
});

describe('settings and rule options', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      {
        name: 'wrappers in the rule options replace the default: withTenantContext no longer makes a context here',
        filename: ROUTE,
        options: [{ wrappers: [{ name: 'withOrg', from: '@/lib/org' }] }],
        code: WRAPPED_GET,
      },
      {
        name: 'wrappers in the settings replace the default',
        filename: ROUTE,
        settings: { 'tenant-isolation': { wrappers: [{ name: 'withOrg', from: '@/lib/org' }] } },
        code: WRAPPED_GET,
      },
      {
        name: 'session getters in the rule options replace the default: getServerSession is no longer one',
        filename: ROUTE,
        options: [{ sessionGetters: [{ name: 'auth', from: '@/auth' }] }],
        code: WRAPPED_GET,
      },
      {
        name: 'a public route glob in the settings',
        filename: 'app/api/webhooks/stripe/route.ts',
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/webhooks/**', reason: 'signed by the payment processor' }] } },
        code: WRAPPED_GET,
      },
    ],
    invalid: [
      {
        name: 'a getter called with other NextAuth options reads another session than the context holds: no suggestion',
        filename: ROUTE,
        code: WRAPPED_GET.replace("import { authOptions } from '@/lib/auth';", "import { adminAuthOptions } from '@/lib/auth';").replace(
          'getServerSession(authOptions)',
          'getServerSession(adminAuthOptions)',
        ),
        errors: [readInContext(7, 25, 59, 'getServerSession', "'GET'")],
      },
      {
        name: 'an accessor configured as a method of an exported object: the object is imported, the method called',
        filename: ROUTE,
        settings: { 'tenant-isolation': { contextAccessor: { name: 'tenantContext.require', from: '@/lib/tenant-context' } } },
        code: WRAPPED_GET,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", { accessor: 'tenantContext.require' }, [
            readContext(
              WRAPPED_GET_FIXED.replace("import { requireTenantContext } from '@/lib/tenant-utils';", "import { tenantContext } from '@/lib/tenant-context';").replace(
                'requireTenantContext()',
                'tenantContext.require()',
              ),
              'getServerSession',
              'tenantContext.require',
            ),
          ]),
        ],
      },
      {
        name: 'a wrapper from the rule options',
        filename: ROUTE,
        options: [{ wrappers: [{ name: 'withOrg', from: '@/lib/org' }] }],
        code: `import { getServerSession } from 'next-auth';
import { withOrg } from '@/lib/org';
import { authOptions } from '@/lib/auth';

export const GET = withOrg(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", { wrapper: 'withOrg' }, [
            readContext(`import { withOrg } from '@/lib/org';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withOrg(async () => {
  const ctx = requireTenantContext();
  return Response.json({ tenantId: ctx.tenantId });
});
`),
          ]),
        ],
      },
      {
        name: 'a context accessor from the settings is named in the message and imported by the suggestion',
        filename: ROUTE,
        settings: { 'tenant-isolation': { contextAccessor: { name: 'currentTenant', from: '@/lib/tenancy' } } },
        code: WRAPPED_GET,
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", { accessor: 'currentTenant' }, [
            readContext(
              `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { currentTenant } from '@/lib/tenancy';

export const GET = withTenantContext(async () => {
  const ctx = currentTenant();
  return NextResponse.json({ tenantId: ctx.tenantId });
});
`,
              'getServerSession',
              'currentTenant',
            ),
          ]),
        ],
      },
      {
        name: 'a session mapping from the rule options',
        filename: ROUTE,
        options: [{ sessionMapping: { 'user.orgId': 'tenantId', 'user.id': 'userId' } }],
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ orgId: session?.user?.orgId, by: session?.user?.id });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return Response.json({ orgId: ctx.tenantId, by: ctx.userId });
});
`),
          ]),
        ],
      },
      {
        name: 'a session mapping from the rule options replaces the default: an unmapped read now, no suggestion',
        filename: ROUTE,
        options: [{ sessionMapping: { 'user.orgId': 'tenantId' } }],
        code: WRAPPED_GET,
        errors: [readInContext(7, 25, 54, 'getServerSession', "'GET'")],
      },
      {
        name: 'an optionalContextAccessor from the rule options',
        filename: ROUTE,
        options: [{ optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } }],
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId ?? null });
}, { requireAuth: false });
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", { accessor: 'getTenantContext' }, [
            readContext(
              `import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  return Response.json({ tenantId: ctx?.tenantId ?? null });
}, { requireAuth: false });
`,
              'getServerSession',
              'getTenantContext',
            ),
          ]),
        ],
      },
    ],
  });
});

describe('what the analysis cannot see here', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      {
        name: 'a re-exported handler is analyzed where it is defined',
        filename: ROUTE,
        code: `// The handlers call getServerSession inside withTenantContext, in ./handlers.
export { GET, POST } from './handlers';
`,
      },
      {
        name: 'an imported handler wrapped here reads the session, if at all, in its own module',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { listInvoices } from '@/lib/invoices';

export const GET = withTenantContext(listInvoices);
export type Session = Awaited<ReturnType<typeof getServerSession>>;
`,
      },
      {
        name: 'a session read that no handler reaches',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { requireTenantContext } from '@/lib/tenant-utils';

async function unused() {
  return getServerSession(authOptions);
}

export const GET = withTenantContext(async () => Response.json({ tenantId: requireTenantContext().tenantId }));
`,
      },
      {
        name: 'a local that shadows the getter inside the handler is not the getter',
        filename: ROUTE,
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => {
  const getServerSession = async () => ({ user: { tenantId: 'fixture' } });
  return Response.json(await getServerSession());
});
`,
      },
      {
        name: 'next-auth/react getSession is not a configured getter',
        filename: ROUTE,
        code: `import { getSession } from 'next-auth/react';
import { withTenantContext } from '@/lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json(await getSession()));
// getServerSession is what the config lists.
`,
      },
      {
        name: 'the getter’s name in a string or comment is no call',
        filename: ROUTE,
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

// Was: const session = await getServerSession(authOptions)
export const GET = withTenantContext(async () => Response.json({ migratedFrom: 'getServerSession', tenantId: requireTenantContext().tenantId }));
`,
      },
    ],
    invalid: [],
  });
});

describe('JavaScript and TSX routes', () => {
  ruleTester.run('prefer-tenant-context', rule, {
    valid: [
      {
        name: 'a migrated JavaScript route parsed by ESLint’s default parser',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree },
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => Response.json({ tenantId: requireTenantContext().tenantId }));
// getServerSession is gone from here.
`,
      },
    ],
    invalid: [
      {
        name: 'a wrapped JavaScript route parsed by ESLint’s default parser',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree },
        code: `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json({ tenantId: session?.user?.tenantId });
});
`,
        errors: [
          readInContext(6, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(TENANT_ID_FIXED),
          ]),
        ],
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
        errors: [
          readInContext(7, 25, 54, 'getServerSession', "'GET'", {}, [
            readContext(`import { ImageResponse } from 'next/og';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return new ImageResponse(<div style={{ fontSize: 64 }}>{ctx.userName}</div>);
});
`),
          ]),
        ],
      },
    ],
  });
});
