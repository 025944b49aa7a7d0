import type { HandlerReport, QueryReport, Report, RouteReport, SessionCallReport } from '@tenant-isolation/report/model';

// Reports written out by hand, not scanned: the reporters' tests must not move when the scan changes. The summaries are
// checked against the routes in reporters.test.ts.

const call = (file: string, line: number, column: number, getter: string, via: string[] = []): SessionCallReport => ({
  file,
  line,
  column,
  getter,
  via,
});

const handler = (name: string, status: HandlerReport['status'], line: number, column: number, rest: Partial<HandlerReport> = {}): HandlerReport => ({
  name,
  status,
  line,
  column,
  wrapperChain: [],
  definedIn: null,
  sessionCalls: [],
  reason: null,
  ...rest,
});

const appRoute = (file: string, urlPath: string, handlers: HandlerReport[], queries: QueryReport[] = []): RouteReport => ({
  file,
  urlPath,
  kind: 'app-route',
  handlers,
  queries,
});

const query = (line: number, column: number, model: string, operation: string, handlers: string[], rest: Partial<QueryReport> = {}): QueryReport => ({
  line,
  column,
  model,
  operation,
  handlers,
  status: 'scoped',
  finding: null,
  source: null,
  ...rest,
});

const TOOL = { name: 'tenant-isolation', version: '0.1.0' } as const;

/**
 * Every status; a session call reached across modules; handlers re-exported from another module (one of them from a
 * module that does not parse); a file name with `&` and brackets; a `|` in a reason; parse errors of both kinds.
 */
export const mixedReport: Report = {
  schemaVersion: 2,
  tool: TOOL,
  thresholds: { warnBelow: 90, failBelow: 40, queryScopingFailBelow: 80 },
  shard: null,
  summary: {
    handlers: 14,
    migrated: 4,
    partial: 1,
    unmigrated: 5,
    unwrapped: 1,
    public: 1,
    suppressed: 1,
    errors: 1,
    coverage: { covered: 5, total: 12, percent: 41.66 },
    wrapperCoverage: { covered: 5, total: 13, percent: 38.46 },
    queryScoping: { covered: 2, total: 5, percent: 40 },
    queryScopingByModel: {
      Invoice: { covered: 2, total: 4, percent: 50 },
      Payment: { covered: 0, total: 1, percent: 0 },
    },
  },
  routes: [
    appRoute('app/api/a&b/[id]/route.ts', '/api/a&b/[id]', [
      handler('GET', 'unmigrated', 6, 0, { sessionCalls: [call('app/api/a&b/[id]/route.ts', 7, 24, 'getServerSession')] }),
      handler('POST', 'migrated', 14, 13, { wrapperChain: ['withTenantContext'] }),
    ]),
    appRoute('app/api/admin/users/route.ts', '/api/admin/users', [
      handler('GET', 'suppressed', 9, 0, {
        sessionCalls: [call('app/api/admin/users/route.ts', 11, 26, 'getServerSession')],
        reason: 'eslint-disable-next-line tenant-isolation/require-tenant-context on line 10',
      }),
      handler('DELETE', 'unmigrated', 20, 0, {
        sessionCalls: [call('lib/auth.ts', 8, 25, 'getServerSession', ['loadAdmin', 'getCurrentUser (lib/auth.ts)'])],
      }),
    ]),
    appRoute('app/api/health/route.ts', '/api/health', [
      handler('GET', 'public', 3, 0, { reason: 'uptime probe | no tenant data' }),
    ]),
    appRoute('app/api/invoices/[id]/route.ts', '/api/invoices/[id]', [
      handler('GET', 'migrated', 8, 13, { wrapperChain: ['withRateLimit', 'withTenantContext'] }),
      handler('PATCH', 'partial', 16, 13, {
        wrapperChain: ['withTenantContext'],
        sessionCalls: [call('app/api/invoices/[id]/route.ts', 18, 28, 'getServerSession')],
        reason: 'still reads session.user.role: the codemod left it for a human',
      }),
      handler('DELETE', 'unmigrated', 30, 0, {
        sessionCalls: [
          call('app/api/invoices/[id]/route.ts', 31, 8, 'requireAdmin'),
          call('app/api/invoices/[id]/route.ts', 44, 26, 'getServerSession', ['assertOwner']),
        ],
      }),
    ], [
      query(10, 34, 'Invoice', 'findFirst', ['GET']),
      query(19, 34, 'Invoice', 'update', ['PATCH'], { status: 'unscoped', finding: 'missingTenantFilter' }),
      query(24, 20, 'Invoice', '$queryRaw', ['PATCH'], { status: 'suppressed', finding: 'rawQuery' }),
      query(35, 48, 'Invoice', 'delete', ['DELETE']),
    ]),
    appRoute('app/api/payments/route.ts', '/api/payments', [
      handler('GET', 'migrated', 1, 9, { wrapperChain: ['withTenantContext'], definedIn: 'lib/handlers/payments.ts' }),
      handler('POST', 'unmigrated', 1, 14, {
        definedIn: 'lib/handlers/payments.ts',
        sessionCalls: [call('lib/handlers/payments.ts', 22, 24, 'getServerSession')],
      }),
    ], [query(9, 52, 'Payment', 'findMany', ['GET'], { status: 'unscoped', finding: 'clientTenantValue', source: 'query' })]),
    appRoute('app/api/reports/route.ts', '/api/reports', [
      handler('GET', 'error', 1, 9, { definedIn: 'app/api/reports/impl.ts', reason: 'app/api/reports/impl.ts could not be parsed' }),
    ]),
    appRoute('app/api/webhooks/stripe/route.ts', '/api/webhooks/stripe', [handler('POST', 'unwrapped', 5, 0)]),
    appRoute('app/dashboard/export/route.ts', '/dashboard/export', [
      handler('GET', 'migrated', 4, 13, { wrapperChain: ['withTenantContext'] }),
    ]),
    {
      file: 'pages/api/legacy/export.ts',
      urlPath: '/api/legacy/export',
      kind: 'pages-api',
      handlers: [
        handler('default', 'unmigrated', 12, 0, {
          sessionCalls: [call('pages/api/legacy/export.ts', 13, 24, 'unstable_getServerSession')],
        }),
      ],
      queries: [],
    },
  ],
  errors: [
    { file: 'app/api/reports/impl.ts', kind: 'module', line: 14, column: 7, message: "')' expected." },
    { file: 'app/api/search/route.ts', kind: 'route', line: 3, column: 0, message: 'Declaration or statement expected.' },
  ],
  prismaSchema: ['prisma/schema.prisma'],
};

export const emptyReport: Report = {
  schemaVersion: 2,
  tool: TOOL,
  thresholds: { warnBelow: 100, failBelow: 0, queryScopingFailBelow: 0 },
  shard: null,
  summary: {
    handlers: 0,
    migrated: 0,
    partial: 0,
    unmigrated: 0,
    unwrapped: 0,
    public: 0,
    suppressed: 0,
    errors: 0,
    coverage: { covered: 0, total: 0, percent: null },
    wrapperCoverage: { covered: 0, total: 0, percent: null },
    queryScoping: null,
    queryScopingByModel: {},
  },
  routes: [],
  errors: [],
  prismaSchema: null,
};

/** Everything in scope migrated, in one shard of three. */
export const completeReport: Report = {
  schemaVersion: 2,
  tool: TOOL,
  thresholds: { warnBelow: 100, failBelow: 80, queryScopingFailBelow: 100 },
  shard: { index: 2, count: 3 },
  summary: {
    handlers: 6,
    migrated: 4,
    partial: 0,
    unmigrated: 0,
    unwrapped: 1,
    public: 1,
    suppressed: 0,
    errors: 0,
    coverage: { covered: 4, total: 4, percent: 100 },
    wrapperCoverage: { covered: 4, total: 5, percent: 80 },
    queryScoping: { covered: 3, total: 3, percent: 100 },
    queryScopingByModel: { Order: { covered: 3, total: 3, percent: 100 } },
  },
  routes: [
    appRoute('app/api/orders/[id]/route.ts', '/api/orders/[id]', [
      handler('GET', 'migrated', 6, 13, { wrapperChain: ['withRateLimit', 'withTenantContext'] }),
      handler('DELETE', 'migrated', 15, 13, { wrapperChain: ['withTenantContext'] }),
    ]),
    appRoute('app/api/orders/route.ts', '/api/orders', [
      handler('GET', 'migrated', 5, 13, { wrapperChain: ['withTenantContext'] }),
      handler('POST', 'migrated', 12, 13, { wrapperChain: ['withTenantContext'] }),
    ], [query(7, 38, 'Order', 'findMany', ['GET']), query(8, 38, 'Order', 'count', ['GET']), query(15, 38, 'Order', 'create', ['POST'])]),
    appRoute('app/api/status/route.ts', '/api/status', [handler('GET', 'public', 1, 0, { reason: 'load balancer health check' })]),
    appRoute('app/api/webhooks/github/route.ts', '/api/webhooks/github', [handler('POST', 'unwrapped', 9, 0)]),
  ],
  errors: [],
  prismaSchema: ['prisma/schema'],
};

export const SAMPLE_REPORTS = { mixed: mixedReport, empty: emptyReport, complete: completeReport } as const;
