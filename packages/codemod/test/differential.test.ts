import {
  compareBehaviour,
  observe,
  scenariosFor,
  type BehaviourDifference,
  type RouteModuleUnderTest,
  type Scenario,
} from './support/differential';

/*
 * The differential harness checked against hand-written rewrites whose verdict is known: each wrong one must be
 * caught in exactly the scenarios where it answers differently, each right one must pass, and the documented
 * exceptions must excuse only the wrapper's own answers.
 */

const route = (source: string): RouteModuleUnderTest => ({ filePath: 'app/api/reports/route.ts', source });
const pagesRoute = (source: string): RouteModuleUnderTest => ({ filePath: 'pages/api/reports.ts', source });

const summary = ({ scenarios, differences }: { scenarios: number; differences: BehaviourDifference[] }) => ({
  scenarios,
  differences: differences.map((d) => `${d.scenario}: ${d.why}`),
});

const QUERIES = ['', ' ?view=public', ' ?preview=1&format=csv'];
const SIGNED_IN = [
  'signed in (full session, right cookie)',
  'signed in (email and name null, no role, right cookie)',
  'signed in (only id and tenantId, right cookie)',
  'signed in as admin (right cookie)',
];
const SESSIONS = [
  'anonymous',
  ...SIGNED_IN,
  'signed in (cookie for another tenant)',
  'signed in (no tenant cookie)',
  'signed in without a tenant (right cookie)',
];
const scenarioNamed = (module: RouteModuleUnderTest, name: string): Scenario => {
  const found = scenariosFor(module).find((s) => s.name === name);
  if (!found) throw new Error(`no scenario named ${name}`);
  return found;
};

const GUARDED_GET = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);

const GUARDED_GET_MIGRATED = route(`
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.reports.list(ctx.tenantId));
});
`);

describe('scenariosFor', () => {
  it('runs an App Router GET as each fixed session with each query: 24 scenarios, in this order', () => {
    expect(scenariosFor(GUARDED_GET).map((s) => s.name)).toEqual(QUERIES.flatMap((query) => SESSIONS.map((session) => `GET${query}, ${session}`)));
  });

  it('sends POST, PUT and PATCH a JSON and a malformed body, and runs every method the module exports, however it exports it', () => {
    const module = route(`
export async function DELETE() {}
export const PATCH = async () => {};
async function read() {}
export { read as GET };
`);
    const counts = new Map<string, number>();
    for (const s of scenariosFor(module)) counts.set(s.method, (counts.get(s.method) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ GET: 24, PATCH: 48, DELETE: 24 });
    expect(scenarioNamed(module, 'PATCH ?view=public, malformed body, signed in (no tenant cookie)')).toEqual({
      name: 'PATCH ?view=public, malformed body, signed in (no tenant cookie)',
      method: 'PATCH',
      query: '?view=public',
      body: 'not json',
      session: { user: { id: 'usr_alice', email: 'alice@acme.test', name: 'Alice Moreau', tenantId: 'ten_acme', role: 'owner', tenantRole: 'finance' }, expires: '2025-06-15T17:00:00.000Z' },
      cookie: 'none',
      kind: 'wrong-tenant',
    });
  });

  it('calls a pages/api default export with GET (each query), POST (each body), OPTIONS and DELETE: 56 scenarios', () => {
    const scenarios = scenariosFor(pagesRoute('export default async function handler() {}'));
    expect(scenarios.length).toBe(56);
    expect(scenarios.filter((s) => s.kind === 'no-tenant-in-session').map((s) => s.name)).toEqual([
      'default GET, signed in without a tenant (right cookie)',
      'default GET ?view=public, signed in without a tenant (right cookie)',
      'default GET ?preview=1&format=csv, signed in without a tenant (right cookie)',
      'default POST, JSON body, signed in without a tenant (right cookie)',
      'default POST, malformed body, signed in without a tenant (right cookie)',
      'default OPTIONS, signed in without a tenant (right cookie)',
      'default DELETE, signed in without a tenant (right cookie)',
    ]);
  });
});

describe('observe', () => {
  it('records each call to a module it stubs, telling null from undefined, and answers as the recorders allow', async () => {
    const module = route(`
import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { canEdit, isOwner } from '@/lib/permissions';
import rateLimit from '@/lib/rate-limit';

export const GET = rateLimit(async (req: NextRequest) => {
  const rows = await db.invoice.findMany({ where: { tenantId: null, archived: undefined }, select: () => true });
  await db.audit.log(req, rows, new Date(), [1, 'two']);
  console.warn('listed', { count: rows.length });
  return NextResponse.json(
    { owner: isOwner('owner'), edit: canEdit('member'), rows, spread: { ...rows }, list: [...rows], label: \`\${rows}\`, then: typeof rows.then },
    { headers: { 'X-Trace': 'abc' } },
  );
}, { limit: 5 });
`);
    expect(await observe(module, scenarioNamed(module, 'GET, anonymous'))).toEqual({
      outcome: {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
        body: '{"owner":true,"edit":false,"rows":"db.invoice.findMany()","spread":{},"list":[],"label":"db.invoice.findMany()","then":"undefined"}',
      },
      calls: [
        'db.invoice.findMany({select: [function], where: {archived: undefined, tenantId: null}})',
        'db.audit.log([request], db.invoice.findMany(), Date(2025-06-15T09:00:00.000Z), [1, "two"])',
        'console.warn("listed", {count: db.invoice.findMany().length})',
        'isOwner("owner")',
        'canEdit("member")',
      ],
    });
  });

  it('runs a module once, so its own state carries from one scenario to the next while the call log starts afresh', async () => {
    const module = route(`
import { NextResponse } from 'next/server';
import { metrics } from '@/lib/metrics';

let served = 0;
export async function GET() {
  served++;
  metrics.count('served', served);
  return NextResponse.json({ served });
}
`);
    const anonymous = scenarioNamed(module, 'GET, anonymous');
    expect([await observe(module, anonymous), await observe(module, anonymous)]).toEqual([
      { outcome: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"served":1}' }, calls: ['metrics.count("served", 1)'] },
      { outcome: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"served":2}' }, calls: ['metrics.count("served", 2)'] },
    ]);
  });

  it('observes a thrown error by name and message, and a handler that returns no Response as no response', async () => {
    const module = route(`
export async function GET(req: Request) {
  await req.json();
}
export async function POST(req: Request) {
  await req.json();
}
`);
    expect({
      get: await observe(module, scenarioNamed(module, 'GET, anonymous')),
      post: await observe(module, scenarioNamed(module, 'POST, malformed body, anonymous')),
    }).toEqual({
      get: { outcome: { threw: { name: 'SyntaxError', message: 'Unexpected end of JSON input' } }, calls: [] },
      post: { outcome: { threw: { name: 'SyntaxError', message: `Unexpected token 'o', "not json" is not valid JSON` } }, calls: [] },
    });
    const silent = route('export async function GET() {}');
    expect(await observe(silent, scenarioNamed(silent, 'GET, anonymous'))).toEqual({ outcome: { noResponse: true }, calls: [] });
  });

  it('answers a pages/api handler through res: the status, headers and body it sent, or no response if it sent none', async () => {
    const module = pagesRoute(`
import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'DELETE') return;
  res.setHeader('X-Query', JSON.stringify(req.query));
  res.status(req.method === 'POST' ? 201 : 200).json({ method: req.method, body: req.body, cookies: Object.keys(req.cookies) });
}
`);
    expect({
      get: await observe(module, scenarioNamed(module, 'default GET ?preview=1&format=csv, anonymous')),
      post: await observe(module, scenarioNamed(module, 'default POST, malformed body, signed in (full session, right cookie)')),
      delete: await observe(module, scenarioNamed(module, 'default DELETE, anonymous')),
    }).toEqual({
      get: {
        outcome: {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-query': '{"id":"id_1","preview":"1","format":"csv"}' },
          body: '{"method":"GET","body":{},"cookies":[]}',
        },
        calls: [],
      },
      post: {
        outcome: {
          status: 201,
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-query': '{"id":"id_1"}' },
          body: '{"method":"POST","body":"not json","cookies":["tenant_sig"]}',
        },
        calls: [],
      },
      delete: { outcome: { noResponse: true }, calls: [] },
    });
  });
});

describe('compareBehaviour reports a rewrite that', () => {
  it("turns the handler's 403 for anonymous callers into the wrapper's 401", async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    expect(summary(await compareBehaviour(before, GUARDED_GET_MIGRATED))).toEqual({
      scenarios: 24,
      differences: QUERIES.map(
        (query) =>
          `GET${query}, anonymous: an anonymous caller must get the original answer and calls: ` +
          'status 403 → 401; body {"error":"Forbidden"} → {"error":"Unauthorized"}',
      ),
    });
  });

  it("drops the handler's `await audit('denied')` before its 401", async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { audit } from '@/lib/audit';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    await audit('denied');
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    expect(summary(await compareBehaviour(before, GUARDED_GET_MIGRATED))).toEqual({
      scenarios: 24,
      differences: QUERIES.map((query) => `GET${query}, anonymous: an anonymous caller must get the original answer and calls: no longer calls audit("denied")`),
    });
  });

  it('turns `{ user: null }` for anonymous callers into `{}`', async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return NextResponse.json({ user: session?.user?.id ?? null });
}
`);
    const after = route(`
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  return NextResponse.json({ user: ctx?.userId });
}, { requireAuth: false });
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({
      scenarios: 24,
      differences: QUERIES.map((query) => `GET${query}, anonymous: an anonymous caller must get the original answer and calls: body {"user":null} → {}`),
    });
  });

  it('answers the public `?view=public` branch with the wrapper\'s 401', async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  if (req.nextUrl.searchParams.get('view') === 'public') return NextResponse.json(await db.reports.listPublic());
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    const after = route(`
import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: NextRequest) => {
  if (req.nextUrl.searchParams.get('view') === 'public') return NextResponse.json(await db.reports.listPublic());
  const ctx = requireTenantContext();
  return NextResponse.json(await db.reports.list(ctx.tenantId));
});
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({
      scenarios: 24,
      differences: [
        'GET ?view=public, anonymous: an anonymous caller must get the original answer and calls: ' +
          'status 200 → 401; body "db.reports.listPublic()" → {"error":"Unauthorized"}; no longer calls db.reports.listPublic()',
      ],
    });
  });

  it('reads the tenant session where the handler read the one `adminAuthOptions` gives', async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { adminAuthOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function DELETE() {
  const session = await getServerSession(adminAuthOptions);
  if (session?.user?.role !== 'admin-provider') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  await db.tenants.purge(session.user.tenantId);
  return new NextResponse(null, { status: 204 });
}
`);
    const after = route(`
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async () => {
  const ctx = requireTenantContext();
  if (ctx.role !== 'admin-provider') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  await db.tenants.purge(ctx.tenantId);
  return new NextResponse(null, { status: 204 });
});
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({
      scenarios: 24,
      differences: QUERIES.flatMap((query) => [
        `DELETE${query}, anonymous: an anonymous caller must get the original answer and calls: ` +
          'status 403 → 401; body {"error":"Forbidden"} → {"error":"Unauthorized"}',
        ...SIGNED_IN.map(
          (session) =>
            `DELETE${query}, ${session}: a signed-in caller must get the original answer and calls: ` +
            'status 204 → 403; body  → {"error":"Forbidden"}; header content-type (none) → application/json; no longer calls db.tenants.purge("ten_acme")',
        ),
      ]),
    });
  });

  it('passes undefined where the handler passed and answered null (a session whose name is null)', async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  await db.visits.insert(session.user.tenantId, { visitor: session.user.name });
  return NextResponse.json({ visitor: session.user.name });
}
`);
    const after = route(`
import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  await db.visits.insert(ctx.tenantId, { visitor: ctx.userName });
  return NextResponse.json({ visitor: ctx.userName });
});
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({
      scenarios: 24,
      differences: QUERIES.map(
        (query) =>
          `GET${query}, signed in (email and name null, no role, right cookie): a signed-in caller must get the original answer and calls: ` +
          'body {"visitor":null} → {}; no longer calls db.visits.insert("ten_acme", {visitor: null}); now calls db.visits.insert("ten_acme", {visitor: undefined})',
      ),
    });
  });

  it("answers a caller without a tenant cookie with a 403 of its own, not the wrapper's", async () => {
    const after = route(`
import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  if (!req.cookies.get('tenant_sig')) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    expect(summary(await compareBehaviour(GUARDED_GET, after))).toEqual({
      scenarios: 24,
      differences: QUERIES.map(
        (query) =>
          `GET${query}, signed in (no tenant cookie): a caller with another tenant's cookie must get the original answer or the wrapper's 403: ` +
          'status 200 → 403; body "db.reports.list()" → {"error":"Forbidden"}; no longer calls db.reports.list("ten_acme")',
      ),
    });
  });

  it('answers a session without a tenant neither as before nor as it answers no session', async () => {
    const after = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  if (!session.user.tenantId) return NextResponse.json({ error: 'Pick a workspace' }, { status: 409 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    expect(summary(await compareBehaviour(GUARDED_GET, after))).toEqual({
      scenarios: 24,
      differences: QUERIES.map(
        (query) =>
          `GET${query}, signed in without a tenant (right cookie): a session without a tenant must get the original answer or the migrated module's anonymous one: ` +
          'status 200 → 409; body "db.reports.list()" → {"error":"Pick a workspace"}; no longer calls db.reports.list(undefined)',
      ),
    });
  });

  it("answers an anonymous pages/api caller with the wrapper's 401 body instead of the handler's", async () => {
    const before = pagesRoute(`
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req, res) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'Sign in first' });
  res.json({ user: session.user.id });
}
`);
    const after = pagesRoute(`
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async (req, res) => {
  const ctx = requireTenantContext();
  res.json({ user: ctx.userId });
});
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({
      scenarios: 56,
      differences: ['default GET', 'default GET ?view=public', 'default GET ?preview=1&format=csv', 'default POST, JSON body', 'default POST, malformed body', 'default OPTIONS', 'default DELETE'].map(
        (call) => `${call}, anonymous: an anonymous caller must get the original answer and calls: body {"error":"Sign in first"} → {"error":"Unauthorized"}`,
      ),
    });
  });
});

describe('compareBehaviour accepts', () => {
  it('a migration of a guarded handler, which answers signed-in and anonymous callers exactly as before', async () => {
    expect(summary(await compareBehaviour(GUARDED_GET, GUARDED_GET_MIGRATED))).toEqual({ scenarios: 24, differences: [] });
  });

  it("the wrapper's 403 for a wrong or missing tenant cookie, and its 401 for a session without a tenant", async () => {
    const answers = async (name: string) => [
      (await observe(GUARDED_GET, scenarioNamed(GUARDED_GET, name))).outcome,
      (await observe(GUARDED_GET_MIGRATED, scenarioNamed(GUARDED_GET_MIGRATED, name))).outcome,
    ];
    const listed = { status: 200, headers: { 'content-type': 'application/json' }, body: '"db.reports.list()"' };
    const refused = (status: number, error: string) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error }) });
    // The exceptions are what lets these through: the answers do differ.
    expect({
      otherTenant: await answers('GET, signed in (cookie for another tenant)'),
      noCookie: await answers('GET, signed in (no tenant cookie)'),
      noTenant: await answers('GET, signed in without a tenant (right cookie)'),
    }).toEqual({
      otherTenant: [listed, refused(403, 'Tenant mismatch')],
      noCookie: [listed, refused(403, 'Invalid tenant signature')],
      noTenant: [listed, refused(401, 'Unauthorized')],
    });
    expect(summary(await compareBehaviour(GUARDED_GET, GUARDED_GET_MIGRATED))).toEqual({ scenarios: 24, differences: [] });
  });

  it('a pages/api handler moved into withTenantApiRoute', async () => {
    const before = pagesRoute(`
import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });
  if (req.method === 'POST') return res.status(201).json(await db.reports.insert(session.user.tenantId, req.body));
  res.json(await db.reports.list(session.user.tenantId, req.query.preview));
}
`);
    const after = pagesRoute(`
import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  if (req.method === 'POST') return res.status(201).json(await db.reports.insert(ctx.tenantId, req.body));
  res.json(await db.reports.list(ctx.tenantId, req.query.preview));
});
`);
    expect(summary(await compareBehaviour(before, after))).toEqual({ scenarios: 56, differences: [] });
  });

  it("the wrapper's 401 for anonymous callers only for the handlers named in anonymousAccepted", async () => {
    const before = route(`
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Sign in to see reports' }, { status: 403 });
  return NextResponse.json(await db.reports.list(session.user.tenantId));
}
`);
    expect({
      accepted: summary(await compareBehaviour(before, GUARDED_GET_MIGRATED, { anonymousAccepted: ['GET'] })),
      otherHandlerAccepted: summary(await compareBehaviour(before, GUARDED_GET_MIGRATED, { anonymousAccepted: ['POST'] })),
    }).toEqual({
      accepted: { scenarios: 24, differences: [] },
      otherHandlerAccepted: {
        scenarios: 24,
        differences: QUERIES.map(
          (query) =>
            `GET${query}, anonymous: an anonymous caller must get the original answer and calls: ` +
            'status 403 → 401; body {"error":"Sign in to see reports"} → {"error":"Unauthorized"}',
        ),
      },
    });
  });
});
