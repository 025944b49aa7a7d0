import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as espree from 'espree';
import rule, { DEFAULT_TENANT_ID_NAMES, type MessageIds } from '../../src/rules/no-client-tenant-id';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

type Source = 'request body' | 'query string' | 'route params' | 'request headers' | 'request cookies' | "server action's arguments";

/** A `clientTenantId` report of `name` from `source`, starting at line:column and ending at endColumn on the same line. */
function clientTenantId(name: string, source: Source, line: number, column: number, endColumn: number, accessor = 'requireTenantContext') {
  return {
    messageId: 'clientTenantId' as MessageIds,
    line,
    column,
    endLine: line,
    endColumn,
    data: { name, source, accessor },
  };
}

const SERVER_ACTIONS = { 'tenant-isolation': { serverActions: true } };
const OPTIONAL_ACCESSOR = { 'tenant-isolation': { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } } };
const MEMBERSHIP_CHECKS = [{ trustedSources: [{ name: 'assertMember', from: '@/lib/membership' }, { name: 'memberTenant', from: '@/lib/membership' }] }];

/** A handler that scopes a query by the tenant the client sent in the body. */
const BODY_TENANT = `import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  const invoices = await db.invoice.findMany({ where: { tenantId: body.tenantId } });
  return NextResponse.json(invoices);
}
`;

const BODY_TENANT_ERROR = clientTenantId('tenantId', 'request body', 6, 67, 80);

describe('which files are checked', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      { name: 'a module outside the route globs is not a route, whatever it exports', filename: 'lib/invoices.ts', code: BODY_TENANT },
      { name: 'middleware is not a route handler', filename: 'middleware.ts', code: BODY_TENANT },
      { name: 'a test file next to an App Router route is not a route', filename: 'app/api/invoices/route.test.ts', code: BODY_TENANT },
      {
        name: 'a page component is not a route handler',
        filename: 'app/dashboard/page.tsx',
        code: `import { db } from '@/lib/db';

export default async function Page({ searchParams }: { searchParams: Promise<{ tenantId: string }> }) {
  const { tenantId } = await searchParams;
  return <ul>{(await db.project.findMany({ where: { tenantId } })).map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'export default in an App Router route is not a handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { db } from '@/lib/db';

export default async function handler(req: Request) {
  return Response.json(await db.invoice.findMany({ where: { tenantId: (await req.json()).tenantId } }));
}
`,
      },
      {
        name: 'routes in settings replace the default globs',
        filename: 'app/api/invoices/route.ts',
        code: BODY_TENANT,
        settings: { 'tenant-isolation': { routes: ['server/routes/**/*.ts'] } },
      },
      {
        name: 'a public route runs without tenant context by design, so there is no verified tenant to use instead',
        filename: 'app/api/branding/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const slug = req.nextUrl.searchParams.get('tenant');
  return Response.json(await db.branding.findFirst({ where: { tenant: { slug } } }));
}
`,
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/branding', reason: 'sign-in page theme' }] } },
      },
      {
        name: "a 'use server' file is not checked unless serverActions is on",
        filename: 'app/projects/actions.ts',
        code: `'use server';
import { db } from '@/lib/db';

export async function deleteProject(tenantId: string, id: string) {
  await db.project.delete({ where: { tenantId, id } });
}
`,
      },
      {
        name: 'a file that reads no request value is skipped before any analysis',
        filename: 'app/api/invoices/route.ts',
        code: `import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET() {
  return Response.json(await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }));
}
`,
      },
    ],
    invalid: [
      { name: 'an App Router route', filename: 'app/api/invoices/route.ts', code: BODY_TENANT, errors: [BODY_TENANT_ERROR] },
      { name: 'an App Router route under src/', filename: 'src/app/api/invoices/route.ts', code: BODY_TENANT, errors: [BODY_TENANT_ERROR] },
      {
        name: 'a route in a monorepo app, found by dropping leading directories',
        filename: 'apps/web/app/(billing)/api/invoices/[invoiceId]/route.ts',
        code: BODY_TENANT,
        errors: [BODY_TENANT_ERROR],
      },
      {
        name: 'a file matched by route globs from the rule options',
        filename: 'server/routes/invoices.ts',
        code: BODY_TENANT,
        options: [{ routes: ['server/routes/**/*.ts'] }],
        errors: [BODY_TENANT_ERROR],
      },
      {
        name: 'a public route entry for other methods does not cover this one',
        filename: 'app/api/invoices/route.ts',
        code: BODY_TENANT,
        settings: { 'tenant-isolation': { publicRoutes: [{ path: '/api/invoices', methods: ['GET'], reason: 'price list' }] } },
        errors: [BODY_TENANT_ERROR],
      },
      {
        name: 'a handler wrapped in withTenantContext is checked too: the verified tenant is right there',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';

export const POST = withTenantContext(async (req: NextRequest) => {
  const { tenantId, ...data } = await req.json();
  return Response.json(await db.invoice.create({ data: { ...data, tenantId } }));
});
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 11, 19)],
      },
      {
        name: 'handlers exported under several names share one function and one report',
        filename: 'app/api/invoices/route.ts',
        code: `import { db } from '@/lib/db';

async function handler(req: Request) {
  return Response.json(await db.invoice.findMany({ where: { tenantId: req.headers.get('x-tenant-id') } }));
}

export { handler as GET, handler as HEAD };
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 4, 71, 101)],
      },
      {
        name: 'a JavaScript route parsed by ESLint’s default parser',
        filename: 'app/api/invoices/route.js',
        languageOptions: { parser: espree },
        code: `import { db } from '@/lib/db';

export async function GET(req, { params }) {
  const { orgId } = await params;
  return Response.json(await db.invoice.findMany({ where: { orgId } }));
}
`,
        errors: [clientTenantId('orgId', 'route params', 4, 11, 16)],
      },
    ],
  });
});

describe('the request body', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'the body spread under the verified tenant: no tenant id is read from it',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  return Response.json(await db.project.create({ data: { ...body, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'overwriting the client’s tenant id is not reading it',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  body.tenantId = requireTenantContext().tenantId;
  return Response.json(await db.project.create({ data: body }));
}
`,
      },
      {
        name: 'a tenant id destructured out of the way and never read',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId: _ignored, ...data } = await req.json();
  return Response.json(await db.project.create({ data: { ...data, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'other fields of the body',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { name, customerId } = await req.json();
  const form = await req.formData();
  const ctx = requireTenantContext();
  return Response.json(await db.project.create({ data: { name, customerId, notes: form.get('notes'), tenantId: ctx.tenantId } }));
}
`,
      },
      {
        name: 'a body parameter of a nested callback shadows the request body',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  const ctx = requireTenantContext();
  const rows = await db.project.findMany({ where: { tenantId: ctx.tenantId } });
  return Response.json({ name: body.name, rows: rows.map((body) => ({ id: body.id, tenantId: body.tenantId })) });
}
`,
      },
    ],
    invalid: [
      {
        name: 'destructured from the awaited body and used as a Prisma filter',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId, name } = await req.json();
  return Response.json(await db.project.create({ data: { tenantId, name } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 11, 19)],
      },
      {
        name: 'renamed while destructuring: reported at the property read',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(request: NextRequest) {
  const { tenant_id: tid } = await request.json();
  return Response.json(await db.project.findMany({ where: { tenantId: tid } }));
}
`,
        errors: [clientTenantId('tenant_id', 'request body', 5, 11, 20)],
      },
      {
        name: 'read straight off the awaited body',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(request: NextRequest) {
  return Response.json(await db.project.findMany({ where: { tenantId: (await request.json()).tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 71, 102)],
      },
      {
        name: 'through a type assertion on the body',
        filename: 'app/api/projects/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = (await req.json()) as { orgId: string; name: string };
  return Response.json(await db.project.create({ data: { org: { connect: { id: body.orgId } }, name: body.name } }));
}
`,
        errors: [clientTenantId('orgId', 'request body', 6, 80, 90)],
      },
      {
        name: 'from form data',
        filename: 'app/api/uploads/route.ts',
        code: `import { NextRequest } from 'next/server';
import { storage } from '@/lib/storage';

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const tenant = form.get('tenantId');
  await storage.put(\`\${tenant}/\${crypto.randomUUID()}\`, form.get('file') as File);
  return new Response(null, { status: 201 });
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 18, 38)],
      },
      {
        name: 'nested inside the body',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  return Response.json(await db.invoice.create({ data: { ...body.invoice, tenantId: body.invoice.workspace_id } }));
}
`,
        errors: [clientTenantId('workspace_id', 'request body', 6, 85, 110)],
      },
      {
        name: 'through a schema parse, which checks the shape but not whose tenant it is',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/lib/db';

const CreateInvoice = z.object({ tenantId: z.string(), amount: z.number() });

export async function POST(req: NextRequest) {
  const input = CreateInvoice.parse(await req.json());
  return Response.json(await db.invoice.create({ data: { tenantId: input.tenantId, amount: input.amount } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 9, 68, 82)],
      },
      {
        name: 'through safeParse and its data',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { CreateInvoice } from '@/lib/schemas';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const parsed = CreateInvoice.safeParse(await req.json());
  if (!parsed.success) return Response.json(parsed.error.flatten(), { status: 400 });
  const { organizationId, amount } = parsed.data;
  return Response.json(await db.invoice.create({ data: { organizationId, amount } }));
}
`,
        errors: [clientTenantId('organizationId', 'request body', 8, 11, 25)],
      },
      {
        name: 'with a default in the pattern: the client’s value wins whenever it sends one',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId = requireTenantContext().tenantId } = await req.json();
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 11, 19)],
      },
    ],
  });
});

describe('search params', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'other search params, a presence test and a dynamic name',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const params = req.nextUrl.searchParams;
  const field = params.get('sort') ?? 'createdAt';
  if (params.has('tenantId')) return Response.json({ error: 'tenantId is not a filter' }, { status: 400 });
  const rows = await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId }, orderBy: { [field]: 'desc' } });
  return Response.json({ rows, filter: params.get(field) });
}
`,
      },
    ],
    invalid: [
      {
        name: 'req.nextUrl.searchParams.get()',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  return Response.json(await db.invoice.findMany({ where: { tenantId: req.nextUrl.searchParams.get('tenantId') } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 5, 71, 111)],
      },
      {
        name: 'an alias of the search params',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams;
  const status = q.get('status');
  return Response.json(await db.invoice.findMany({ where: { status, tenantId: q.get('tenantId') } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 7, 79, 96)],
      },
      {
        name: 'new URL(req.url).searchParams',
        filename: 'app/api/invoices/route.ts',
        code: `import { db } from '@/lib/db';

export async function GET(req: Request) {
  const tenantId = new URL(req.url).searchParams.get('tenant_id');
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('tenant_id', 'query string', 4, 20, 66)],
      },
      {
        name: 'searchParams destructured from the URL',
        filename: 'app/api/invoices/route.ts',
        code: `import { db } from '@/lib/db';

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  return Response.json(await db.invoice.findMany({ where: { orgId: searchParams.get('orgId') ?? undefined } }));
}
`,
        errors: [clientTenantId('orgId', 'query string', 5, 68, 93)],
      },
      {
        name: 'nextUrl destructured from the request, then searchParams from it',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const { nextUrl } = req;
  const { searchParams: query } = nextUrl;
  return Response.json(await db.invoice.count({ where: { workspaceId: query.get('workspaceId')! } }));
}
`,
        errors: [clientTenantId('workspaceId', 'query string', 7, 71, 95)],
      },
      {
        name: 'the URL kept in a variable, with getAll',
        filename: 'app/api/invoices/route.ts',
        code: `import { db } from '@/lib/db';

export async function GET(req: Request) {
  const url = new URL(req.url);
  const tenants = url.searchParams.getAll('tenantId');
  return Response.json(await db.invoice.findMany({ where: { tenantId: { in: tenants } } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 5, 19, 54)],
      },
      {
        name: 'search params turned into an object',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const query = Object.fromEntries(req.nextUrl.searchParams);
  return Response.json(await db.invoice.findMany({ where: { tenantId: query.tenantId, status: query.status } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 6, 71, 85)],
      },
    ],
  });
});

describe('route params', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'params that are not tenant ids',
        filename: 'app/api/invoices/[invoiceId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  return Response.json(await db.invoice.findFirst({ where: { id: invoiceId, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'the second argument of a pages API handler is the response, not route params',
        filename: 'pages/api/invoices.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { requireTenantContext } from '@/lib/tenant-utils';

export default async function handler(_req: NextApiRequest, res: NextApiResponse & { params: { tenantId: string } }) {
  res.status(200).json({ tenantId: requireTenantContext().tenantId, echo: res.params.tenantId });
}
`,
      },
    ],
    invalid: [
      {
        name: 'params.tenantId of synchronous params',
        filename: 'app/api/tenants/[tenantId]/members/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: { tenantId: string } }) {
  return Response.json(await db.member.findMany({ where: { tenantId: params.tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'route params', 5, 70, 85)],
      },
      {
        name: '(await params).tenantId',
        filename: 'app/api/tenants/[tenantId]/members/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ tenantId: string }> }) {
  return Response.json(await db.member.findMany({ where: { tenantId: (await params).tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'route params', 5, 70, 93)],
      },
      {
        name: 'destructured from the awaited params',
        filename: 'app/api/tenants/[tenantId]/members/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function DELETE(_req: NextRequest, { params }: { params: Promise<{ tenantId: string; memberId: string }> }) {
  const { tenantId, memberId } = await params;
  await db.member.delete({ where: { tenantId_id: { tenantId, id: memberId } } });
  return new Response(null, { status: 204 });
}
`,
        errors: [clientTenantId('tenantId', 'route params', 5, 11, 19)],
      },
      {
        name: 'context.params.orgId',
        filename: 'app/api/orgs/[orgId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, context: { params: { orgId: string } }) {
  return Response.json(await db.org.findUnique({ where: { id: context.params.orgId } }));
}
`,
        errors: [clientTenantId('orgId', 'route params', 5, 63, 83)],
      },
      {
        name: 'destructured from the awaited context.params',
        filename: 'app/api/orgs/[orgId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, ctx: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await ctx.params;
  return Response.json(await db.org.findUnique({ where: { id: orgId } }));
}
`,
        errors: [clientTenantId('orgId', 'route params', 5, 11, 16)],
      },
      {
        name: 'destructured in the parameter list',
        filename: 'app/api/workspaces/[workspaceId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params: { workspaceId } }: { params: { workspaceId: string } }) {
  return Response.json(await db.workspace.findUnique({ where: { id: workspaceId } }));
}
`,
        errors: [clientTenantId('workspaceId', 'route params', 4, 58, 69)],
      },
    ],
  });
});

describe('headers and cookies', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'other headers and cookies',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { cookies, headers } from 'next/headers';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const locale = (await headers()).get('accept-language') ?? req.headers.get('x-locale');
  const theme = (await cookies()).get('theme')?.value;
  return Response.json({ locale, theme, rows: await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }) });
}
`,
      },
      {
        name: 'a local headers() shadows the next/headers import',
        filename: 'app/api/invoices/route.ts',
        code: `import { headers } from 'next/headers';
import { db } from '@/lib/db';

export async function GET() {
  const accept = (await headers()).get('accept');
  const rows = await db.invoice.findMany({ where: { tenantId: fixedHeaders().get('x-tenant-id') } });
  return Response.json({ accept, rows });

  function fixedHeaders() {
    const headers = () => new Map([['x-tenant-id', 'acme']]);
    return headers();
  }
}
`,
      },
      {
        name: 'headers() from another module is not the request’s',
        filename: 'app/api/invoices/route.ts',
        code: `import { headers } from '@/lib/http';
import { db } from '@/lib/db';

export async function GET() {
  return Response.json(await db.invoice.findMany({ where: { tenantId: headers().get('x-tenant-id') } }));
}
`,
      },
    ],
    invalid: [
      {
        name: 'req.headers.get()',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const tenantId = req.headers.get('x-tenant-id');
  return Response.json(await db.invoice.findMany({ where: { tenantId: tenantId! } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 20, 50)],
      },
      {
        name: 'header names compare case-insensitively',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  return Response.json(await db.invoice.findMany({ where: { orgId: req.headers.get('X-Org-ID') ?? '' } }));
}
`,
        errors: [clientTenantId('X-Org-ID', 'request headers', 5, 68, 95)],
      },
      {
        name: 'headers() from next/headers, as in Next 14',
        filename: 'app/api/invoices/route.ts',
        code: `import { headers } from 'next/headers';
import { db } from '@/lib/db';

export async function GET() {
  return Response.json(await db.invoice.findMany({ where: { tenantId: headers().get('x-tenant-id')! } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 71, 99)],
      },
      {
        name: 'awaited headers() kept in a variable, under an alias',
        filename: 'app/api/invoices/route.ts',
        code: `import { headers as requestHeaders } from 'next/headers';
import { db } from '@/lib/db';

export async function GET() {
  const h = await requestHeaders();
  const workspace = h.get('x-workspace-id');
  return Response.json(await db.invoice.findMany({ where: { workspace: { id: workspace! } } }));
}
`,
        errors: [clientTenantId('x-workspace-id', 'request headers', 6, 21, 44)],
      },
      {
        name: 'a cookie from next/headers',
        filename: 'app/api/invoices/route.ts',
        code: `import { cookies } from 'next/headers';
import { db } from '@/lib/db';

export async function GET() {
  const tenant = (await cookies()).get('tenant')?.value;
  return Response.json(await db.invoice.findMany({ where: { tenantId: tenant } }));
}
`,
        errors: [clientTenantId('tenant', 'request cookies', 5, 18, 49)],
      },
      {
        name: 'a cookie of the request',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  return Response.json(await db.invoice.findMany({ where: { tenantId: req.cookies.get('tenantId')?.value } }));
}
`,
        errors: [clientTenantId('tenantId', 'request cookies', 5, 71, 98)],
      },
      {
        name: 'next/headers through a namespace import',
        filename: 'app/api/invoices/route.ts',
        code: `import * as next from 'next/headers';
import { db } from '@/lib/db';

export async function GET() {
  return Response.json(await db.invoice.findMany({ where: { tenantId: (await next.headers()).get('x-tenant-id') } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 71, 112)],
      },
    ],
  });
});

describe('the pages router', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'query fields that are not tenant ids',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { page = '1' } = req.query;
  res.json(await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId }, skip: (Number(page) - 1) * 20 }));
}
`,
      },
    ],
    invalid: [
      {
        name: 'req.body.tenantId',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(201).json(await db.invoice.create({ data: { tenantId: req.body.tenantId, amount: req.body.amount } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 68, 85)],
      },
      {
        name: 'destructured from req.query',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { tenantId } = req.query;
  res.json(await db.invoice.findMany({ where: { tenantId: String(tenantId) } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 5, 11, 19)],
      },
      {
        name: 'a header read by index',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await db.invoice.findMany({ where: { tenantId: req.headers['x-tenant-id'] as string } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 59, 85)],
      },
      {
        name: 'a cookie of the parsed cookie object',
        filename: 'pages/api/invoices/index.ts',
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await db.invoice.findMany({ where: { tenantId: req.cookies.tenant } }));
}
`,
        errors: [clientTenantId('tenant', 'request cookies', 5, 59, 77)],
      },
      {
        name: 'the query destructured in the parameter list, under module.exports',
        filename: 'pages/api/orgs/[orgId].js',
        languageOptions: { parser: espree, sourceType: 'commonjs' },
        code: `const { db } = require('../../../lib/db');

module.exports = async function handler({ query: { orgId } }, res) {
  res.json(await db.org.findUnique({ where: { id: orgId } }));
};
`,
        errors: [clientTenantId('orgId', 'query string', 3, 52, 57)],
      },
    ],
  });
});

describe("'use server' files", () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'a server action that takes the tenant from the context',
        filename: 'app/projects/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function renameProject(id: string, formData: FormData) {
  await db.project.update({ where: { id, tenantId: requireTenantContext().tenantId }, data: { name: formData.get('name') as string } });
}
`,
      },
    ],
    invalid: [
      {
        name: 'a tenant id taken from the form',
        filename: 'app/projects/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';
import { db } from '@/lib/db';

export async function createProject(formData: FormData) {
  await db.project.create({ data: { name: String(formData.get('name')), tenantId: String(formData.get('tenantId')) } });
}
`,
        errors: [clientTenantId('tenantId', "server action's arguments", 5, 90, 114)],
      },
      {
        name: 'a tenant id passed as an argument',
        filename: 'app/projects/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';
import { db } from '@/lib/db';

export async function deleteProject(tenantId: string, id: string) {
  await db.project.delete({ where: { tenantId, id } });
}
`,
        errors: [clientTenantId('tenantId', "server action's arguments", 4, 37, 53)],
      },
      {
        name: 'a tenant id inside an object argument',
        filename: 'app/projects/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';
import { db } from '@/lib/db';

export const archiveProject = async (input: { orgId: string; id: string }) => {
  await db.project.update({ where: { id: input.id, orgId: input.orgId }, data: { archived: true } });
};
`,
        errors: [clientTenantId('orgId', "server action's arguments", 5, 59, 70)],
      },
      {
        name: 'a cookie read by a server action',
        filename: 'app/projects/actions.ts',
        settings: SERVER_ACTIONS,
        code: `'use server';
import { cookies } from 'next/headers';
import { db } from '@/lib/db';

export async function listProjects() {
  return db.project.findMany({ where: { tenantId: (await cookies()).get('tenant_id')?.value } });
}
`,
        errors: [clientTenantId('tenant_id', 'request cookies', 6, 51, 85)],
      },
    ],
  });
});

describe('what counts as a use', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'only logged',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  console.info('client tenant', body.tenantId, { header: req.headers.get('x-tenant-id') });
  console.warn(\`tenant switch requested to \${req.nextUrl.searchParams.get('tenant')}\`);
  return Response.json(await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'destructured, then only logged',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId, amount } = await req.json();
  if (tenantId) console.debug('ignoring client tenant', tenantId);
  return Response.json(await db.invoice.create({ data: { amount, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'tests of presence, type and length, and comparisons with null',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  if (!body.tenantId || typeof body.orgId !== 'string' || body.workspaceId.length === 0) {
    return Response.json({ error: 'missing tenant fields' }, { status: 400 });
  }
  if (body.tenant_id == null || body.org_id === undefined) return Response.json({ error: 'legacy client' }, { status: 400 });
  return Response.json(await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'read and discarded, or deleted',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  void body.tenantId;
  delete body.orgId;
  body.workspaceId && undefined;
  return Response.json(await db.invoice.create({ data: { ...body, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'a variable that holds the tenant id but is never read',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const requested = req.nextUrl.searchParams.get('tenantId');
  let previous: string | null = null;
  previous = requested;
  return Response.json(await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }));
}
`,
      },
    ],
    invalid: [
      {
        name: 'compared with something other than the verified tenant',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  if (req.headers.get('x-tenant-id') === 'internal') return Response.json(await db.invoice.findMany());
  return new Response(null, { status: 404 });
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 7, 37)],
      },
      {
        name: 'returned',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';

export async function GET(req: NextRequest) {
  return req.nextUrl.searchParams.get('orgId');
}
`,
        errors: [clientTenantId('orgId', 'query string', 4, 10, 47)],
      },
      {
        name: 'assigned to a property',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  const data = { amount: body.amount } as Record<string, unknown>;
  data.tenantId = body.tenantId;
  return Response.json(await db.invoice.create({ data }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 7, 19, 32)],
      },
      {
        name: 'a computed key that looks the client’s tenant up',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { TENANT_PLANS } from '@/lib/plans';

export async function GET(req: NextRequest) {
  const plan = TENANT_PLANS[req.nextUrl.searchParams.get('tenant') ?? 'default'];
  return Response.json(plan);
}
`,
        errors: [clientTenantId('tenant', 'query string', 5, 29, 67)],
      },
      {
        name: 'part of a template literal passed on',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { cache } from '@/lib/cache';

export async function GET(req: NextRequest) {
  return Response.json(await cache.get(\`invoices:\${req.headers.get('x-tenant-id')}\`));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 52, 82)],
      },
      {
        name: 'copied into a variable that is passed on',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  const tenant = body.tenantId.trim();
  return Response.json(await db.invoice.findMany({ where: { tenantId: tenant } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 18, 31)],
      },
      {
        name: 'assigned to a variable that already held the verified tenant',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  let tenantId = requireTenantContext().tenantId;
  if (req.nextUrl.searchParams.has('as')) tenantId = req.nextUrl.searchParams.get('as') ?? tenantId;
  const override = req.nextUrl.searchParams.get('tenantId');
  if (override) tenantId = override;
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 8, 20, 60)],
      },
      {
        name: 'a fallback to the verified tenant still lets the client choose',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const tenantId = req.headers.get('x-tenant-id') ?? requireTenantContext().tenantId;
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 6, 20, 50)],
      },
      {
        name: 'logged and also used',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId } = await req.json();
  console.log('creating invoice for', tenantId);
  return Response.json(await db.invoice.create({ data: { tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 11, 19)],
      },
      {
        name: 'passed to a project logger, which the rule cannot tell from any other call',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { logger } from '@/lib/logger';

export async function POST(req: NextRequest) {
  const body = await req.json();
  logger.info({ tenantId: body.tenantId }, 'invoice requested');
  return new Response(null, { status: 202 });
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 27, 40)],
      },
      {
        name: 'passed to a function whose result is logged',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function DELETE(req: NextRequest) {
  console.log(await db.invoice.deleteMany({ where: { tenantId: req.nextUrl.searchParams.get('tenantId') } }));
  return new Response(null, { status: 204 });
}
`,
        errors: [clientTenantId('tenantId', 'query string', 5, 64, 104)],
      },
      {
        name: 'a local console is not the console',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { auditLog } from '@/lib/audit';

export async function POST(req: NextRequest) {
  const console = auditLog('invoices');
  console.log((await req.json()).tenantId);
  return new Response(null, { status: 202 });
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 15, 42)],
      },
    ],
  });
});

describe('the verified tenant', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'requireTenantContext().tenantId',
        filename: 'app/api/invoices/route.ts',
        code: `import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export const GET = withTenantContext(async (req: Request) => {
  const ctx = requireTenantContext();
  const { searchParams } = new URL(req.url);
  return Response.json(await db.invoice.findMany({ where: { tenantId: ctx.tenantId, status: searchParams.get('status') ?? undefined } }));
});
`,
      },
      {
        name: 'a mismatch with the verified tenant is refused',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const ctx = requireTenantContext();
  const body = await req.json();
  if (body.tenantId !== ctx.tenantId) return Response.json({ error: 'Forbidden' }, { status: 403 });
  return Response.json(await db.invoice.create({ data: { amount: body.amount, tenantId: ctx.tenantId } }));
}
`,
      },
      {
        name: 'used after a check that refuses a mismatch: it is the verified tenant there',
        filename: 'app/api/tenants/[tenantId]/members/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  if (tenantId !== requireTenantContext().tenantId) {
    return Response.json({ error: 'Not found' }, { status: 404 });
  }
  return Response.json(await db.member.findMany({ where: { tenantId } }));
}
`,
      },
      {
        name: 'the same expression used after a check that throws on a mismatch',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const verified = requireTenantContext();
  if (!req.nextUrl.searchParams.get('orgId') || req.nextUrl.searchParams.get('orgId') !== verified.tenantId) throw new Error('Forbidden');
  return Response.json(await db.invoice.findMany({ where: { orgId: req.nextUrl.searchParams.get('orgId')! } }));
}
`,
      },
      {
        name: 'used only where it equals the verified tenant',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const { tenantId: verified } = requireTenantContext();
  const requested = req.headers.get('x-tenant-id');
  if (requested === verified) {
    return Response.json(await db.invoice.findMany({ where: { tenantId: requested } }));
  }
  return Response.json({ error: 'Forbidden' }, { status: 403 });
}
`,
      },
      {
        name: 'the else branch of a mismatch check',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const tenantId = req.nextUrl.searchParams.get('tenantId');
  return tenantId !== requireTenantContext().tenantId
    ? Response.json({ error: 'Forbidden' }, { status: 403 })
    : Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
      },
      {
        name: 'compared with the optional context accessor',
        filename: 'app/api/invoices/route.ts',
        settings: OPTIONAL_ACCESSOR,
        code: `import { NextRequest } from 'next/server';
import { getTenantContext } from '@/lib/tenant-utils';

export async function GET(req: NextRequest) {
  const ctx = await getTenantContext();
  if (!ctx || req.nextUrl.searchParams.get('tenantId') !== ctx?.tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'compared with an accessor configured as a method of an exported object',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { optionalContextAccessor: { name: 'tenantContext.getContextOrNull', from: '@/lib/tenant-context' } } },
        code: `import { NextRequest } from 'next/server';
import { tenantContext } from '@/lib/tenant-context';

export async function GET(req: NextRequest) {
  const ctx = tenantContext.getContextOrNull();
  if (!ctx || req.nextUrl.searchParams.get('tenantId') !== ctx.tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'compared with the accessor imported under an alias or through a namespace',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext as currentTenant } from '@/lib/tenant-utils';
import * as tenancy from '../../../lib/tenant-utils';

export async function GET(_req: NextRequest, { params }: { params: { tenantId: string; orgId: string } }) {
  if (params.tenantId !== currentTenant().tenantId) return new Response(null, { status: 404 });
  if (tenancy.requireTenantContext().tenantId != params.orgId) return new Response(null, { status: 404 });
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'passed to a trusted source, which verifies it',
        filename: 'app/api/tenants/switch/route.ts',
        options: MEMBERSHIP_CHECKS,
        code: `import { NextRequest } from 'next/server';
import { memberTenant } from '@/lib/membership';
import { signTenantId } from '@/lib/api-wrapper';

export async function POST(req: NextRequest) {
  const { tenantId } = await req.json();
  const tenant = await memberTenant(tenantId);
  const res = Response.json({ tenantId: tenant.id });
  res.headers.append('set-cookie', \`tenant_sig=\${signTenantId(tenant.id)}\`);
  return res;
}
`,
      },
      {
        name: 'used after a trusted assertion',
        filename: 'app/api/tenants/[tenantId]/route.ts',
        options: MEMBERSHIP_CHECKS,
        code: `import { NextRequest } from 'next/server';
import { assertMember } from '@/lib/membership';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  await assertMember(tenantId);
  return Response.json(await db.tenant.findUnique({ where: { id: tenantId } }));
}
`,
      },
      {
        name: 'a tenant id the trusted source returns is not from the request',
        filename: 'app/api/keys/route.ts',
        options: [{ trustedSources: [{ name: 'tenantOfApiKey', from: ['@/lib/api-keys', '@/lib/keys'] }] }],
        code: `import { NextRequest } from 'next/server';
import { tenantOfApiKey } from '@/lib/keys';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const { tenantId } = await tenantOfApiKey(req.headers.get('authorization'));
  return Response.json(await db.key.findMany({ where: { tenantId } }));
}
`,
      },
    ],
    invalid: [
      {
        name: 'compared with a local function that merely has the accessor’s name',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

function requireTenantContext() {
  return { tenantId: process.env.DEFAULT_TENANT! };
}

export async function GET(req: NextRequest) {
  const tenantId = req.headers.get('x-tenant-id');
  if (tenantId !== requireTenantContext().tenantId) return new Response(null, { status: 403 });
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 9, 20, 50)],
      },
      {
        name: 'compared with the accessor’s name imported from another module',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/legacy-tenant';

export async function GET(req: NextRequest) {
  if (req.nextUrl.searchParams.get('tenantId') !== requireTenantContext().tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
}
`,
        errors: [clientTenantId('tenantId', 'query string', 5, 7, 47)],
      },
      {
        name: 'compared with the session, which is not a trusted source unless configured',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET(req: NextRequest, { params }: { params: { tenantId: string } }) {
  const session = await getServerSession(authOptions);
  if (params.tenantId !== session?.user.tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
}
`,
        errors: [clientTenantId('tenantId', 'route params', 7, 7, 22)],
      },
      {
        name: 'a check that does not stop the handler verifies nothing after it',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId } = await req.json();
  if (tenantId !== requireTenantContext().tenantId) console.warn('tenant mismatch');
  return Response.json(await db.invoice.findMany({ where: { tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 11, 19)],
      },
      {
        name: 'used before the check',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { audit } from '@/lib/audit';

export async function POST(req: NextRequest) {
  const tenantId = req.headers.get('x-tenant-id');
  await audit(tenantId, 'invoice.create');
  if (tenantId !== requireTenantContext().tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 201 });
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 6, 20, 50)],
      },
      {
        name: 'an equality check guards only its own branch',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const tenantId = req.nextUrl.searchParams.get('tenantId');
  if (tenantId === requireTenantContext().tenantId) console.info('own tenant');
  return Response.json(await db.invoice.findMany({ where: { tenantId: tenantId! } }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 6, 20, 60)],
      },
      {
        name: 'passed to a membership check that is not configured as trusted',
        filename: 'app/api/tenants/[tenantId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { assertMember } from '@/lib/membership';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  await assertMember(tenantId);
  return Response.json(await db.tenant.findUnique({ where: { id: tenantId } }));
}
`,
        errors: [clientTenantId('tenantId', 'route params', 6, 11, 19)],
      },
      {
        name: 'the optional accessor is only trusted when configured',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { getTenantContext } from '@/lib/tenant-utils';

export async function GET(req: NextRequest) {
  const ctx = await getTenantContext();
  if (!ctx || req.nextUrl.searchParams.get('tenantId') !== ctx?.tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 204 });
}
`,
        errors: [clientTenantId('tenantId', 'query string', 6, 15, 55)],
      },
    ],
  });
});

describe('helpers and aliases', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'a helper that is never handed the request',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

function tenantHeaderOf(req: { headers: Headers }) {
  return req.headers.get('x-tenant-id');
}

export async function GET(_req: NextRequest) {
  const fixture = { headers: new Headers({ 'x-tenant-id': 'acme' }) };
  return Response.json({ sample: tenantHeaderOf(fixture), rows: await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }) });
}
`,
      },
      {
        name: 'a request-named variable in a nested scope is another value',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const upstream = [{ body: { tenantId: 'acme' } }].map((req) => req.body.tenantId);
  return Response.json({ upstream, url: req.url, rows: await db.invoice.findMany({ where: { tenantId: requireTenantContext().tenantId } }) });
}
`,
      },
    ],
    invalid: [
      {
        name: 'a same-file helper handed the request',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

function tenantOf(request: NextRequest) {
  return request.headers.get('x-tenant-id') ?? 'public';
}

export async function GET(req: NextRequest) {
  return Response.json(await db.invoice.findMany({ where: { tenantId: tenantOf(req) } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 10, 44)],
      },
      {
        name: 'a const arrow helper handed the body',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

const createFor = async (input: { tenantId: string; amount: number }) =>
  db.invoice.create({ data: { tenantId: input.tenantId, amount: input.amount } });

export async function POST(req: NextRequest) {
  return Response.json(await createFor(await req.json()));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 41, 55)],
      },
      {
        name: 'a helper that reads headers() itself',
        filename: 'app/api/invoices/route.ts',
        code: `import { headers } from 'next/headers';
import { db } from '@/lib/db';

async function currentTenant() {
  return (await headers()).get('x-tenant-id');
}

export async function GET() {
  return Response.json(await db.invoice.findMany({ where: { tenantId: (await currentTenant())! } }));
}
`,
        errors: [clientTenantId('x-tenant-id', 'request headers', 5, 10, 46)],
      },
      {
        name: 'a helper handed the route params',
        filename: 'app/api/orgs/[orgId]/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

async function loadOrg({ orgId }: { orgId: string }) {
  return db.org.findUnique({ where: { id: orgId } });
}

export async function GET(_req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  return Response.json(await loadOrg(await params));
}
`,
        errors: [clientTenantId('orgId', 'route params', 4, 26, 31)],
      },
      {
        name: 'read inside a callback of the handler',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json();
  const lines = (body.lines as Array<{ amount: number }>).map((line) => ({ ...line, tenantId: body.tenantId }));
  return Response.json(await db.line.createMany({ data: lines }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 6, 95, 108)],
      },
      {
        name: 'the body reassigned to a let variable',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  let payload: Record<string, string> = {};
  payload = await req.json();
  return Response.json(await db.invoice.findMany({ where: { tenantId: payload['tenantId'] } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 7, 71, 90)],
      },
      {
        name: 'one report per read, however many handlers reach it',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

const scope = (req: NextRequest) => ({ tenantId: req.nextUrl.searchParams.get('tenantId')! });

export async function GET(req: NextRequest) {
  return Response.json(await db.invoice.findMany({ where: scope(req) }));
}

export async function DELETE(req: NextRequest) {
  return Response.json(await db.invoice.deleteMany({ where: scope(req) }));
}
`,
        errors: [clientTenantId('tenantId', 'query string', 4, 50, 90)],
      },
    ],
  });
});

describe('settings and rule options', () => {
  const ACCOUNT_NAMES = [{ tenantIdNames: ['accountId', 'X-Account'] }];
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'tenantIdNames replaces the default names',
        filename: 'app/api/invoices/route.ts',
        options: ACCOUNT_NAMES,
        code: BODY_TENANT,
      },
      {
        name: 'the accessor configured in settings is the verified tenant',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { contextAccessor: { name: 'tenant', from: '@/server/tenancy' } } },
        code: `import { NextRequest } from 'next/server';
import { tenant } from '@/server/tenancy';

export async function POST(req: NextRequest) {
  if ((await req.json()).tenantId !== tenant().tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 201 });
}
`,
      },
      {
        name: 'publicRoutes in the rule options',
        filename: 'app/api/invoices/route.ts',
        options: [{ publicRoutes: [{ path: '/api/invoices', reason: 'demo data for the landing page' }] }],
        code: BODY_TENANT,
      },
    ],
    invalid: [
      {
        name: 'tenantIdNames, compared case-insensitively',
        filename: 'app/api/invoices/route.ts',
        options: ACCOUNT_NAMES,
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const body = await req.json();
  return Response.json(await db.invoice.findMany({ where: { tenantId: body.tenantId, account: body.AccountID, x: req.headers.get('x-account') } }));
}
`,
        errors: [
          clientTenantId('AccountID', 'request body', 6, 95, 109),
          clientTenantId('x-account', 'request headers', 6, 114, 142),
        ],
      },
      {
        name: 'the message names the accessor configured in settings',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { contextAccessor: { name: 'tenant', from: '@/server/tenancy' } } },
        code: BODY_TENANT,
        errors: [{ ...BODY_TENANT_ERROR, data: { ...BODY_TENANT_ERROR.data, accessor: 'tenant' } }],
      },
      {
        name: 'a context accessor in the rule options overrides the settings',
        filename: 'app/api/invoices/route.ts',
        settings: { 'tenant-isolation': { contextAccessor: { name: 'tenant', from: '@/server/tenancy' } } },
        options: [{ contextAccessor: { name: 'currentTenant', from: '@/lib/current-tenant' } }],
        code: `import { NextRequest } from 'next/server';
import { tenant } from '@/server/tenancy';

export async function POST(req: NextRequest) {
  if ((await req.json()).tenantId !== tenant().tenantId) return new Response(null, { status: 403 });
  return new Response(null, { status: 201 });
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 7, 34, 'currentTenant')],
      },
      {
        name: 'serverActions in the rule options',
        filename: 'app/projects/actions.ts',
        options: [{ serverActions: true }],
        code: `'use server';
import { db } from '@/lib/db';

export async function deleteProject(tenantId: string, id: string) {
  await db.project.delete({ where: { tenantId, id } });
}
`,
        errors: [clientTenantId('tenantId', "server action's arguments", 4, 37, 53)],
      },
    ],
  });
});

describe('options schema and defaults', () => {
  function lint(options: unknown): Linter.LintMessage[] {
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(
      BODY_TENANT,
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'tenant-isolation': { rules: { 'no-client-tenant-id': rule as never } } },
        rules: { 'tenant-isolation/no-client-tenant-id': ['error', options] },
      },
      'app/api/invoices/route.ts',
    );
  }

  it('lists every default name in its defaults, so a config can extend rather than replace them', () => {
    expect(rule.defaultOptions).toEqual([{ tenantIdNames: [...DEFAULT_TENANT_ID_NAMES], trustedSources: [] }]);
    expect(DEFAULT_TENANT_ID_NAMES).toEqual(expect.arrayContaining(['tenantId', 'tenant_id', 'orgId', 'x-tenant-id']));
  });

  it('keeps the trusted sources when only the names are given', () => {
    const messages = lint({ tenantIdNames: [...DEFAULT_TENANT_ID_NAMES, 'accountId'] });
    expect(messages.map((m) => [m.line, m.column, m.messageId])).toEqual([[6, 67, 'clientTenantId']]);
  });

  it('rejects unknown options', () => {
    expect(() => lint({ tenantIds: ['tenantId'] })).toThrow(/no-client-tenant-id[\s\S]*additional properties/i);
  });

  it('rejects an empty list of names', () => {
    expect(() => lint({ tenantIdNames: [] })).toThrow(/no-client-tenant-id[\s\S]*Value \[\] should NOT have fewer than 1 items/);
  });

  it('rejects a trusted source without a module', () => {
    expect(() => lint({ trustedSources: [{ name: 'memberTenant' }] })).toThrow(/no-client-tenant-id[\s\S]*should have required property 'from'/);
  });
});

/** A handler that reads `read` from the request value `expression` and scopes a query by it. */
function bodyRoute(expression: string, read = 'body.tenantId'): string {
  return `import { NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/lib/db';
const Body = z.object({ tenantId: z.string(), amount: z.number() });

export async function POST(req: NextRequest) {
  const body = ${expression};
  return Response.json(await db.invoice.findMany({ where: { tenantId: ${read} } }));
}
`;
}

/** Where `bodyRoute` reports `body.tenantId`. */
const WRAPPED_BODY_ERROR = clientTenantId('tenantId', 'request body', 8, 71, 84);
/** Where `bodyRoute` reports `body.get('tenantId')`. */
const WRAPPED_FORM_ERROR = clientTenantId('tenantId', 'request body', 8, 71, 91);

describe('the ways a request body is wrapped', () => {
  ruleTester.run('no-client-tenant-id', rule, {
    valid: [
      {
        name: 'a body with a fallback whose other fields are used, and the tenant from the context',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = await req.json().catch(() => ({}));
  const { tenantId } = requireTenantContext();
  return Response.json(await db.invoice.create({ data: { tenantId, amount: body.amount } }));
}
`,
      },
      {
        name: 'a tenant id from a body with `?? {}` compared with the verified tenant before it is used',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const body = (await req.json()) ?? {};
  if (body.tenantId !== requireTenantContext().tenantId) return new Response('Forbidden', { status: 403 });
  return Response.json(await db.invoice.findMany({ where: { tenantId: body.tenantId } }));
}
`,
      },
      {
        name: 'a tenant id from `.catch(…)` tested for presence only',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';

export async function POST(req: NextRequest) {
  const body = await req.json().catch(() => ({}));
  if (!body.tenantId) return new Response('Missing tenant', { status: 400 });
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'a tenant id from a parsed body that is only logged',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { Body } from '@/lib/schemas';

export async function POST(req: NextRequest) {
  const parsed = Body.safeParse(await req.json().catch(() => null));
  console.warn('tenant claimed by client', parsed.data?.tenantId);
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'a schema parsing something other than the request',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('Body.parse(await loadDefaults())').replace("import { db } from '@/lib/db';", "import { db, loadDefaults } from '@/lib/db';"),
      },
      {
        name: 'JSON.parse of a string that is not the request body',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute("JSON.parse(process.env.DEFAULT_INVOICE ?? '{}')"),
      },
      {
        name: 'the body’s text is a string, not a value with a tenant id field',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const raw = await req.text().catch(() => '');
  return Response.json(await db.webhookEvent.create({ data: { raw, tenantId: requireTenantContext().tenantId } }));
}
`,
      },
      {
        name: 'a same-file helper named parse is followed into, not taken for a schema',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

function parse(input: { amount: number }) {
  return { amount: input.amount, tenantId: requireTenantContext().tenantId };
}

export async function POST(req: NextRequest) {
  const body = parse(await req.json());
  return Response.json(await db.invoice.create({ data: { tenantId: body.tenantId, amount: body.amount } }));
}
`,
      },
      {
        name: 'the error of a failed safeParse is not the body',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('Body.safeParse(await req.json()).error?.format()'),
      },
      {
        name: '`body && x` is x, not the body',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('(await req.json()) && { tenantId: requireTenantContext().tenantId }').replace(
          "import { db } from '@/lib/db';",
          "import { db } from '@/lib/db'; import { requireTenantContext } from '@/lib/tenant-utils';",
        ),
      },
    ],
    invalid: [
      { name: '`.catch(() => ({}))` on the json() promise', filename: 'app/api/invoices/route.ts', code: bodyRoute('await req.json().catch(() => ({}))'), errors: [WRAPPED_BODY_ERROR] },
      { name: '`.catch(() => null)` on the json() promise', filename: 'app/api/invoices/route.ts', code: bodyRoute('await req.json().catch(() => null)'), errors: [WRAPPED_BODY_ERROR] },
      { name: '`.finally(…)` on the json() promise', filename: 'app/api/invoices/route.ts', code: bodyRoute('await req.json().finally(() => undefined)'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a `?? {}` fallback', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json()) ?? {}'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a `|| {}` fallback', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json()) || {}'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'an `as` cast', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json()) as { tenantId: string }'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'an angle-bracket cast', filename: 'app/api/invoices/route.ts', code: bodyRoute('<{ tenantId: string }>await req.json()'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a `satisfies` check', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json()) satisfies unknown'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a non-null assertion on a `.catch(() => null)` body', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json().catch(() => null))!'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a schema’s parse', filename: 'app/api/invoices/route.ts', code: bodyRoute('Body.parse(await req.json())'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'a schema’s parseAsync', filename: 'app/api/invoices/route.ts', code: bodyRoute('await Body.parseAsync(await req.json())'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'the data of a safeParse', filename: 'app/api/invoices/route.ts', code: bodyRoute('Body.safeParse(await req.json()).data!'), errors: [WRAPPED_BODY_ERROR] },
      { name: 'the data of a safeParseAsync', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await Body.safeParseAsync(await req.json())).data!'), errors: [WRAPPED_BODY_ERROR] },
      {
        name: 'an imported parse function',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('parse(await req.json())').replace("import { db } from '@/lib/db';", "import { db } from '@/lib/db'; import { parse } from '@/lib/validation';"),
        errors: [WRAPPED_BODY_ERROR],
      },
      { name: 'Object.fromEntries of the form data', filename: 'app/api/invoices/route.ts', code: bodyRoute('Object.fromEntries(await req.formData())'), errors: [WRAPPED_BODY_ERROR] },
      {
        name: 'Object.fromEntries of form data with `.catch(…)`',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('Object.fromEntries(await req.formData().catch(() => new FormData()))'),
        errors: [WRAPPED_BODY_ERROR],
      },
      {
        name: 'a field of form data with `.catch(…)`',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('await req.formData().catch(() => new FormData())', "body.get('tenantId')"),
        errors: [WRAPPED_FORM_ERROR],
      },
      { name: '`.catch(() => null)` then `?? {}`', filename: 'app/api/invoices/route.ts', code: bodyRoute('(await req.json().catch(() => null)) ?? {}'), errors: [WRAPPED_BODY_ERROR] },
      {
        name: 'a schema parsing a body with `.catch(…)` and a fallback',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute('Body.parse((await req.json().catch(() => ({}))) ?? {})'),
        errors: [WRAPPED_BODY_ERROR],
      },
      { name: 'JSON.parse of the body’s text', filename: 'app/api/invoices/route.ts', code: bodyRoute('JSON.parse(await req.text())'), errors: [WRAPPED_BODY_ERROR] },
      {
        name: 'JSON.parse of the body’s text with `.catch(…)`',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute("JSON.parse(await req.text().catch(() => '{}')) as { tenantId?: string }"),
        errors: [WRAPPED_BODY_ERROR],
      },
      {
        name: 'either branch of a conditional on the content type',
        filename: 'app/api/invoices/route.ts',
        code: bodyRoute("req.headers.get('content-type') === 'application/json' ? await req.json() : Object.fromEntries(await req.formData())"),
        errors: [WRAPPED_BODY_ERROR],
      },
      {
        name: 'a tenant id destructured from a body with `.catch(…)`',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const { tenantId, amount } = await req.json().catch(() => ({}));
  return Response.json(await db.invoice.create({ data: { tenantId, amount } }));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 11, 19)],
      },
      {
        name: 'a body with `.catch(…)` passed to a same-file helper',
        filename: 'app/api/invoices/route.ts',
        code: `import { NextRequest } from 'next/server';
import { db } from '@/lib/db';

async function createInvoice(input: { tenantId: string; amount: number }) {
  return db.invoice.create({ data: { tenantId: input.tenantId, amount: input.amount } });
}

export async function POST(req: NextRequest) {
  return Response.json(await createInvoice(await req.json().catch(() => ({}))));
}
`,
        errors: [clientTenantId('tenantId', 'request body', 5, 48, 62)],
      },
    ],
  });
});
