import { analyzeModule, parseModule, resolveConfig, type TenantIsolationConfigInput } from '@tenant-isolation/core';

function analyze(code: string, filePath = 'app/api/invoices/route.ts', config: TenantIsolationConfigInput = {}) {
  const { program, scopeManager } = parseModule(code, filePath);
  return analyzeModule(program, scopeManager, resolveConfig(config), { filePath });
}

/** The part of a handler's analysis a reviewer reasons about, without offsets. */
function summary(code: string, filePath?: string, config?: TenantIsolationConfigInput) {
  const analysis = analyze(code, filePath, config);
  return {
    routeKind: analysis.routeKind,
    urlPath: analysis.urlPath,
    status: analysis.status,
    exportAllFrom: analysis.exportAllFrom,
    handlers: analysis.handlers.map((h) => ({
      name: h.name,
      status: h.status,
      source: h.source,
      wrapped: h.wrapped,
      inlineFunction: h.inlineFunction,
      wrapperChain: h.wrapperChain.map((w) => `${w.callee}${w.wrapper ? ` → ${w.wrapper}` : ''}${w.hasOptions ? ' (options)' : ''}`),
      sessionCalls: h.sessionCalls.map((c) => `${c.site.callee}@${c.site.loc.start.line}${c.via.length ? ` via ${c.via.join(' > ')}` : ''}`),
      ...(h.publicReason ? { publicReason: h.publicReason } : {}),
    })),
  };
}

const IMPORTS = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { withRateLimit } from '@/lib/rate-limit';
`;

describe('analyzeModule', () => {
  it('gives every handler of a mixed module its chain, its session calls and its status', () => {
    const code = `${IMPORTS}
async function tenantOf() {
  const session = await getServerSession(authOptions);
  return (session?.user as any)?.tenantId;
}
async function loadInvoices() { return db.list(await tenantOf()); }

export async function GET() { return Response.json(await loadInvoices()); }
export const POST = withRateLimit(withTenantContext(async () => Response.json(await tenantOf()), { requireAuth: true }));
export const PUT = withTenantContext(async () => new Response(null, { status: 204 }));
const remove = async () => new Response(null);
export { remove as DELETE };
export const dynamic = 'force-dynamic';
export { OPTIONS } from './shared';
`;
    expect(summary(code)).toEqual({
      routeKind: 'app-route',
      urlPath: '/api/invoices',
      status: 'unmigrated',
      exportAllFrom: [],
      handlers: [
        {
          name: 'GET',
          status: 'unmigrated',
          source: { kind: 'local' },
          wrapped: false,
          inlineFunction: true,
          wrapperChain: [],
          sessionCalls: ['getServerSession@7 via loadInvoices > tenantOf'],
        },
        {
          name: 'POST',
          status: 'partial',
          source: { kind: 'local' },
          wrapped: true,
          inlineFunction: false,
          wrapperChain: ['withRateLimit', 'withTenantContext → withTenantContext (options)'],
          sessionCalls: ['getServerSession@7 via tenantOf'],
        },
        {
          name: 'PUT',
          status: 'migrated',
          source: { kind: 'local' },
          wrapped: true,
          inlineFunction: false,
          wrapperChain: ['withTenantContext → withTenantContext'],
          sessionCalls: [],
        },
        {
          name: 'DELETE',
          status: 'unwrapped',
          source: { kind: 'local' },
          wrapped: false,
          inlineFunction: false,
          wrapperChain: [],
          sessionCalls: [],
        },
        {
          name: 'OPTIONS',
          status: 'unwrapped',
          source: { kind: 're-export', from: './shared', importedName: 'OPTIONS' },
          wrapped: false,
          inlineFunction: false,
          wrapperChain: [],
          sessionCalls: [],
        },
      ],
    });
  });

  it('marks public handlers with their reason and leaves other methods of the route alone', () => {
    const code = `${IMPORTS}
export async function GET() { return Response.json({ ok: true }); }
export async function POST() { await getServerSession(authOptions); return new Response(); }
`;
    const config = { publicRoutes: [{ path: '/api/health', methods: ['GET' as const], reason: 'load balancer probe' }] };
    expect(summary(code, 'app/api/health/route.ts', config).handlers.map((h) => [h.name, h.status, h.publicReason])).toEqual([
      ['GET', 'public', 'load balancer probe'],
      ['POST', 'unmigrated', undefined],
    ]);
  });

  it('makes a handler suppressed only when every session read it reaches is disabled for the rule', () => {
    const code = `${IMPORTS}
export async function GET() {
  // eslint-disable-next-line tenant-isolation/require-tenant-context -- legacy export, tracked in SEC-12
  return Response.json(await getServerSession(authOptions));
}
export async function POST() {
  // eslint-disable-next-line tenant-isolation/require-tenant-context
  await getServerSession(authOptions);
  return Response.json(await getServerSession(authOptions));
}
`;
    expect(summary(code).handlers.map((h) => [h.name, h.status])).toEqual([
      ['GET', 'suppressed'],
      ['POST', 'unmigrated'],
    ]);
  });

  it('analyzes the default export of a pages API module and records export * sources', () => {
    const code = `import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../lib/auth';
export default async function handler(req, res) {
  const session = await getServerSession(req, res, authOptions);
  res.json(session);
}
export * from './more';
`;
    expect(summary(code, 'pages/api/me.ts')).toEqual({
      routeKind: 'pages-api',
      urlPath: '/api/me',
      status: 'unmigrated',
      exportAllFrom: ['./more'],
      handlers: [
        {
          name: 'default',
          status: 'unmigrated',
          source: { kind: 'local' },
          wrapped: false,
          inlineFunction: true,
          wrapperChain: [],
          sessionCalls: ['getServerSession@4'],
        },
      ],
    });
  });

  it('treats the exported functions of a use-server file as handlers only when server actions are enabled', () => {
    const code = `'use server';
import { getServerSession } from 'next-auth';
export async function archiveProject(id: string) { await getServerSession(); }
`;
    expect(summary(code, 'app/projects/actions.ts').handlers).toEqual([]);
    const enabled = analyze(code, 'app/projects/actions.ts', { serverActions: true });
    expect(enabled.handlers.map((h) => [h.name, h.routeKind, h.status])).toEqual([
      ['archiveProject', 'server-action', 'unmigrated'],
    ]);
  });

  it('reports an imported handler as imported, for the project scan to follow', () => {
    const code = `import { listInvoices } from '@/handlers/invoices';
import { withTenantContext } from '@/lib/api-wrapper';
export const GET = listInvoices;
export const POST = withTenantContext(listInvoices);
`;
    expect(summary(code).handlers.map((h) => [h.name, h.status, h.source])).toEqual([
      ['GET', 'unwrapped', { kind: 'imported', from: '@/handlers/invoices', importedName: 'listInvoices' }],
      ['POST', 'migrated', { kind: 'imported', from: '@/handlers/invoices', importedName: 'listInvoices' }],
    ]);
  });

  describe('pages/api handlers', () => {
    const PAGES = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { withTenantApi } from '@/lib/pages-wrapper';
`;

    it('counts the app wrappers when no pagesWrappers are configured', () => {
      const code = `${PAGES}export default withTenantContext(async function handler(req, res) { res.json(await getServerSession(req, res, authOptions)); });
`;
      expect(summary(code, 'pages/api/invoices.ts').handlers.map((h) => [h.name, h.status, h.wrapperChain])).toEqual([
        ['default', 'partial', ['withTenantContext → withTenantContext']],
      ]);
    });

    it('counts only the configured pagesWrappers once there are some, and leaves App Router handlers to wrappers', () => {
      const config = { pagesWrappers: [{ name: 'withTenantApi', from: '@/lib/pages-wrapper' }] };
      const wrappedByPages = `${PAGES}export default withTenantApi(async (req, res) => res.json({ ok: true }));
`;
      const wrappedByApp = `${PAGES}export default withTenantContext(async (req, res) => res.json(await getServerSession(req, res, authOptions)));
`;
      expect(summary(wrappedByPages, 'pages/api/invoices.ts', config).handlers.map((h) => [h.status, h.wrapperChain])).toEqual([
        ['migrated', ['withTenantApi → withTenantApi']],
      ]);
      expect(summary(wrappedByApp, 'pages/api/invoices.ts', config).handlers.map((h) => [h.status, h.wrapperChain])).toEqual([
        ['unmigrated', ['withTenantContext']],
      ]);
      const appRoute = `${PAGES}export const GET = withTenantApi(async () => Response.json({}));
`;
      expect(summary(appRoute, 'app/api/invoices/route.ts', config).handlers.map((h) => h.status)).toEqual(['unwrapped']);
    });
  });

  describe('NextAuth v5', () => {
    const V5 = { sessionGetters: [{ name: 'auth', from: '@/auth' }] };

    it('reads auth() as a session getter, and auth(handler) as reading the session, not as the tenant wrapper', () => {
      const code = `import { auth } from '@/auth';
import { withTenantContext } from '@/lib/api-wrapper';
export const GET = auth(async (req) => Response.json({ user: req.auth?.user }));
export async function POST() {
  const session = await auth();
  return Response.json(session);
}
export const PUT = withTenantContext(async () => Response.json(await auth()));
export const DELETE = withTenantContext(async () => Response.json({}));
`;
      expect(summary(code, 'app/api/me/route.ts', V5).handlers.map((h) => [h.name, h.status, h.wrapperChain, h.sessionCalls])).toEqual([
        ['GET', 'unmigrated', ['auth'], ['auth@3']],
        ['POST', 'unmigrated', [], ['auth@5']],
        ['PUT', 'partial', ['withTenantContext → withTenantContext'], ['auth@8']],
        ['DELETE', 'migrated', ['withTenantContext → withTenantContext'], []],
      ]);
    });
  });

  describe('inline server actions', () => {
    const COMPONENT = `import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

async function loadUser() {
  return getServerSession();
}

export default function ProjectPage() {
  async function rename(form: FormData) {
    'use server';
    const session = await getServerSession();
    return session;
  }
  const archive = withTenantContext(async (id: string) => {
    'use server';
    return requireTenantContext().tenantId + id;
  });
  return <form action={async () => { 'use server'; await loadUser(); }}>{String(rename) + String(archive)}</form>;
}
`;

    it('are handlers wherever they are written once server actions are enabled, and a call around one wraps nothing', () => {
      const { program, scopeManager } = parseModule(COMPONENT, 'app/projects/page.tsx');
      const analysis = analyzeModule(program, scopeManager, resolveConfig({ serverActions: true }), {
        filePath: 'app/projects/page.tsx',
        inlineServerActionsOnly: true,
      });
      expect(
        analysis.handlers.map((h) => [h.name, h.routeKind, h.status, h.exportNode.loc.start.line, h.sessionCalls.map((c) => `${c.site.callee}@${c.site.loc.start.line}${c.via.length ? ` via ${c.via.join('>')}` : ''}`)]),
      ).toEqual([
        ['rename', 'server-action', 'unmigrated', 10, ['getServerSession@12']],
        // Next.js registers the inline function itself: a client's call never runs the withTenantContext() around it.
        ['archive', 'server-action', 'unwrapped', 15, []],
        ['<inline action at line 19>', 'server-action', 'unmigrated', 19, ['getServerSession@6 via loadUser']],
      ]);
    });

    it('are not handlers while server actions are off, and a use-server file does not count them twice', () => {
      expect(summary(COMPONENT, 'app/projects/page.tsx').handlers).toEqual([]);
      const file = `'use server';
import { getServerSession } from 'next-auth';
export async function save() { 'use server'; await getServerSession(); }
`;
      expect(analyze(file, 'app/actions.ts', { serverActions: true }).handlers.map((h) => h.name)).toEqual(['save']);
    });
  });

  describe('handlers whose value one reading cannot pin down', () => {
    it('searches every value of a binding assigned again, and never counts it wrapped', () => {
      const code = `${IMPORTS}
export let GET = withTenantContext(async () => new Response());
GET = async () => Response.json(await getServerSession(authOptions));
let handler = async () => new Response();
handler = withTenantContext(handler);
export { handler as POST };
let wrap = withTenantContext;
wrap = (fn) => fn;
export const PUT = wrap(async () => Response.json(await getServerSession(authOptions)));
`;
      expect(summary(code).handlers.map((h) => [h.name, h.status, h.wrapped, h.sessionCalls, h.source])).toEqual([
        ['GET', 'unmigrated', false, ['getServerSession@7'], { kind: 'opaque', reason: '`GET` is assigned again on line 7, so which function runs is decided at run time' }],
        ['POST', 'unwrapped', false, [], { kind: 'opaque', reason: '`handler` is assigned again on line 9, so which function runs is decided at run time' }],
        ['PUT', 'unmigrated', false, ['getServerSession@13'], { kind: 'local' }],
      ]);
    });

    it('follows a property of a const object literal to its function, and searches anything else whole', () => {
      const code = `${IMPORTS}
const handlers = {
  async GET() { return Response.json([]); },
  POST: async () => Response.json(await getServerSession(authOptions)),
};
export const GET = handlers.GET;
export const POST = handlers.POST;
export const { PUT } = { PUT: async () => Response.json(await getServerSession(authOptions)) };
export const DELETE = process.env.LEGACY ? handlers.POST : handlers.GET;
`;
      expect(summary(code).handlers.map((h) => [h.name, h.status, h.sessionCalls])).toEqual([
        ['GET', 'unwrapped', []],
        ['POST', 'unmigrated', ['getServerSession@8']],
        ['PUT', 'unmigrated', ['getServerSession@12']],
        ['DELETE', 'unmigrated', ['getServerSession@8 via handlers']],
      ]);
    });
  });

  it('does not count `typeof getServerSession`, in a type or as a value, as a session read', () => {
    const code = `${IMPORTS}
type SessionGetter = typeof getServerSession;
export async function GET() {
  if (typeof getServerSession !== 'function') return new Response(null, { status: 503 });
  const getter: SessionGetter | null = null;
  return Response.json({ getter });
}
export async function POST() {
  if (typeof getServerSession !== 'function') return new Response(null, { status: 503 });
  return Response.json(await getServerSession(authOptions));
}
`;
    expect(summary(code).handlers.map((h) => [h.name, h.status, h.sessionCalls])).toEqual([
      ['GET', 'unwrapped', []],
      ['POST', 'unmigrated', ['getServerSession@14']],
    ]);
    expect(analyze(code).sessionCallSites.map((site) => [site.callee, site.loc.start.line, site.called])).toEqual([['getServerSession', 14, true]]);
  });

  it('is pure: the same input gives the same analysis twice', () => {
    const code = `${IMPORTS}\nexport async function GET() { return Response.json(await getServerSession(authOptions)); }\n`;
    expect(analyze(code)).toEqual(analyze(code));
  });
});
