import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { loadConfig, type TenantIsolationConfig } from '@tenant-isolation/core';
import { runMigration, type MigrationReport, type MigrationRunOptions } from '@tenant-isolation/codemod';
import { ADMIN_DASHBOARD_WORLD } from './support/admin-dashboard-world';
import { changedBetween, committedCopy, git, readTree } from './support/committed-copy';
import {
  compareBehaviour,
  handlerOf,
  observe,
  scenariosFor,
  type BehaviourDifference,
  type Observation,
  type RouteModuleUnderTest,
} from './support/differential';

/*
 * End to end on fixtures/admin-dashboard (src/ layout, App Router and pages/api routes, pages handlers kept in
 * src/features): one `migrate --typecheck` run over a git copy of the app, then checked the ways a reviewer would:
 * the app and its tests still typecheck, a second run is a no-op, every module the run rewrote answers every
 * scenario of the differential harness as before (outside the documented exceptions) with each rewritten handler's
 * success path among them, and the run migrated at least nine in ten of the handlers it found reading the session.
 */

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = ADMIN_DASHBOARD_WORLD.root;
const MINIMUM_MIGRATED_SHARE = 0.9;
/** One run with the project check: most of the time goes to the TypeScript program of the app. */
const RUN_TIMEOUT_MS = 180_000;

/**
 * Rewritten handlers whose original answers no signed-in scenario with a 2xx, each with why it cannot. Every other
 * one is sent the app's own request (support/admin-dashboard-requests.ts) and answered with rows in the state its
 * action needs, so the comparison covers its success path and not only its guards and early exits. There are none.
 * A handler that stops reaching its success path (a request or an answer that no longer fits it) fails the check
 * until it is listed here with its reason: its comparison then proves less than it did.
 */
const NO_SUCCESS_FOR_SIGNED_IN_CALLER: Record<string, string> = {};

const isSuccess = ({ outcome }: Observation) => 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
const describeAnswer = ({ outcome }: Observation) => ('status' in outcome ? String(outcome.status) : 'threw' in outcome ? outcome.threw.name : 'no response');

/** `file:line:col TS1234: message` for each diagnostic, as tsc prints them. */
function describeDiagnostics(root: string, diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
  });
}

/**
 * A module the run rewrote, as the harness runs it: the route file that serves it, before and after, with the
 * modules it takes its handlers from run for real in their before and after texts. A rewritten src/features module
 * is run through the route file that re-exports it, which the run leaves as it was. Both run in the migrated copy,
 * whose other modules the run did not touch; the texts before come from the commit the run started from.
 */
interface RewrittenRoute {
  route: string;
  handlerModules: string[];
  before: RouteModuleUnderTest;
  after: RouteModuleUnderTest;
  /** Handlers the run let the wrapper answer anonymous callers for, as the report lists them. */
  anonymousAccepted: string[];
  /** The handlers the run rewrote (migrated or only wrapped), by export name ('GET', 'default'). */
  handlers: string[];
}

function rewrittenRoutes(report: MigrationReport, appRoot: string, startedFrom: string): RewrittenRoute[] {
  const changed = new Set(report.filesChanged);
  const modulesByRoute = new Map<string, Set<string>>();
  for (const m of report.migrated) {
    const handlerModule = m.migratedIn ?? m.definedIn;
    const modules = modulesByRoute.get(m.file) ?? new Set<string>();
    if (handlerModule !== undefined) modules.add(handlerModule);
    modulesByRoute.set(m.file, modules);
  }
  const app = { ...ADMIN_DASHBOARD_WORLD, root: appRoot };
  const textBefore = (file: string) => git(appRoot, 'show', `${startedFrom}:${file}`);
  const textAfter = (file: string) => fs.readFileSync(path.join(appRoot, file), 'utf8');
  return [...modulesByRoute]
    .filter(([route, modules]) => changed.has(route) || [...modules].some((m) => changed.has(m)))
    .map(([route, modules]) => {
      const module = (text: (file: string) => string): RouteModuleUnderTest => ({
        filePath: route,
        source: text(route),
        app,
        modules: Object.fromEntries([...modules].map((m) => [m, text(m)])),
      });
      return {
        route,
        handlerModules: [...modules].sort(),
        before: module(textBefore),
        after: module(textAfter),
        anonymousAccepted: report.migrated.filter((m) => m.file === route && m.anonymous !== undefined).map((m) => m.handler),
        handlers: [...new Set(report.migrated.filter((m) => m.file === route).map((m) => m.handler))].sort(),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

describe('migrating fixtures/admin-dashboard in one run with --typecheck', () => {
  let tmp: string;
  let appRoot: string;
  let config: TenantIsolationConfig;
  let options: MigrationRunOptions;
  let report: MigrationReport;
  /** The commit of the app as it was before the run. */
  let startedFrom: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-admin-dashboard-'));
    // next, next-auth and @types resolve from the repository's node_modules, found by walking up from the copy.
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    appRoot = committedCopy(FIXTURE, path.join(tmp, 'app'));
    startedFrom = git(appRoot, 'rev-parse', 'HEAD').trim();
    ({ config } = await loadConfig(appRoot));
    options = { root: appRoot, config, typecheck: true, workers: 2 };
    ({ report } = await runMigration(options));
    git(appRoot, 'add', '-A');
    git(appRoot, 'commit', '-q', '-m', 'Migrate to withTenantContext');
  }, RUN_TIMEOUT_MS);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the app and its tests typechecking with zero errors against the real next, next-auth and jest types', () => {
    const configPath = path.join(appRoot, 'tsconfig.json');
    const { config: tsconfig } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(tsconfig, ts.sys, appRoot, undefined, configPath);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    expect(describeDiagnostics(appRoot, [...parsed.errors, ...ts.getPreEmitDiagnostics(program)])).toEqual([]);
    // Guards against a tsconfig that silently checks nothing: the rewritten modules and the tests they are called from.
    const checked = new Set(parsed.fileNames.map((f) => path.relative(appRoot, f).split(path.sep).join('/')));
    expect(report.filesChanged.filter((f) => !checked.has(f))).toEqual([]);
    expect(report.callerEdits.map((c) => c.file).filter((f) => !checked.has(f))).toEqual([]);
    expect(report.callerEdits.length).toBeGreaterThan(0);
  });

  it('changes zero bytes when run again', async () => {
    const treeBefore = readTree(appRoot);
    try {
      const { report: again, changes } = await runMigration(options);
      expect(changedBetween(treeBefore, readTree(appRoot))).toEqual([]);
      expect({ filesChanged: again.filesChanged, migrated: again.migrated, changes }).toEqual({ filesChanged: [], migrated: [], changes: [] });
    } finally {
      git(appRoot, 'checkout', '-q', '--', '.');
    }
  }, RUN_TIMEOUT_MS);

  it('leaves every module it rewrote answering every scenario as before, outside the documented exceptions', async () => {
    const routes = rewrittenRoutes(report, appRoot, startedFrom);
    // Every rewritten module is run: each route file, and each src/features module through its route file.
    const run = new Set(routes.flatMap((r) => [r.route, ...r.handlerModules]));
    expect(report.filesChanged.filter((f) => !run.has(f))).toEqual([]);

    const differences: string[] = [];
    const originalThrowsForSignedInCaller: Record<string, string> = {};
    /** Each rewritten handler's answers to signed-in callers in the original, by `route handler`. */
    const signedInAnswers = new Map<string, Observation[]>(routes.flatMap(({ route, handlers }) => handlers.map((h) => [`${route} ${h}`, []] as const)));
    let scenarios = 0;
    for (const { route, before, after, anonymousAccepted } of routes) {
      const result = await compareBehaviour(before, after, { anonymousAccepted });
      scenarios += result.scenarios;
      differences.push(...result.differences.map((d: BehaviourDifference) => `${route} ${d.scenario}: ${d.why}`));
      const seenSignedIn = new Set<string>();
      for (const { scenario, observation } of result.observedBefore) {
        if (scenario.kind !== 'signed-in') continue;
        const handler = `${route} ${handlerOf(before, scenario)}`;
        // Equal answers only prove something if the original gets past its guards: the first signed-in scenario
        // of each handler must not end in an error, and some signed-in scenario must reach its success path.
        if (!seenSignedIn.has(handler) && 'threw' in observation.outcome) originalThrowsForSignedInCaller[handler] = observation.outcome.threw.name;
        seenSignedIn.add(handler);
        signedInAnswers.get(handler)?.push(observation);
      }
    }
    const withoutSuccess = Object.fromEntries(
      [...signedInAnswers].filter(([, answers]) => !answers.some(isSuccess)).map(([handler, answers]) => [handler, [...new Set(answers.map(describeAnswer))].join(', ')]),
    );
    process.stdout.write(
      `admin-dashboard: ${routes.length} rewritten route files, ${scenarios} scenarios compared, ${differences.length} differences; ` +
        `${signedInAnswers.size - Object.keys(withoutSuccess).length} of ${signedInAnswers.size} rewritten handlers answer a signed-in caller with a 2xx\n`,
    );
    expect({ originalThrowsForSignedInCaller, withoutSuccess, differences }).toEqual({
      originalThrowsForSignedInCaller: {},
      // The answers each one gives instead, which the diff shows for a handler missing from the list.
      withoutSuccess: Object.fromEntries(Object.keys(NO_SUCCESS_FOR_SIGNED_IN_CALLER).map((handler) => [handler, expect.any(String)])),
      differences: [],
    });
  }, RUN_TIMEOUT_MS);

  describe('migrates the handlers that read the session in their own module', () => {
    const handlersLeftAlone = () => report.leftAlone.filter((l) => l.handler !== null);

    it('in these numbers: migrated, wrapped only, left alone, and restored by the project check', () => {
      const restoredFiles = new Set(report.restoredByTypecheck.map((r) => r.file));
      expect({
        filesScanned: report.filesScanned,
        filesChanged: report.filesChanged.length,
        migrated: report.migrated.filter((m) => !m.wrappedOnly).length,
        wrappedOnly: report.migrated.filter((m) => m.wrappedOnly).length,
        leftAlone: handlersLeftAlone().length,
        filesLeftAlone: report.leftAlone.filter((l) => l.handler === null).length,
        restoredByTypecheck: { files: restoredFiles.size, handlers: handlersLeftAlone().filter((l) => restoredFiles.has(l.file)).length },
        internalErrors: report.internalErrors.length,
        // Not counted above: they read the session in a function they import, which the codemod does not rewrite.
        readThroughImports: report.sessionReadsThroughImports.length,
      }).toEqual({
        filesScanned: 86,
        filesChanged: 66,
        migrated: 107,
        wrappedOnly: 1,
        leftAlone: 9,
        filesLeftAlone: 0,
        restoredByTypecheck: { files: 1, handlers: 1 },
        internalErrors: 0,
        readThroughImports: 15,
      });
    });

    it(`migrating at least ${MINIMUM_MIGRATED_SHARE * 100}% of them (a handler only wrapped still reads the session)`, () => {
      const unmigratedBefore = report.migrated.length + handlersLeftAlone().length;
      const migrated = report.migrated.filter((m) => !m.wrappedOnly).length;
      expect(migrated / unmigratedBefore).toBeGreaterThanOrEqual(MINIMUM_MIGRATED_SHARE);
    });
  });
});

describe('the differential harness in the admin dashboard', () => {
  const route = (filePath: string, source: string): RouteModuleUnderTest => ({ filePath, source, app: ADMIN_DASHBOARD_WORLD });

  const before = route(
    'src/app/api/billing/plans/route.ts',
    `
import { getServerSession } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'
import { hasPermission, PERMISSIONS } from '@/lib/permissions'
import { prisma } from '@/lib/prisma'

export async function GET() {
  const session = await getServerSession(authOptions)
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  if (!hasPermission(session.user.role, PERMISSIONS.BILLING_MANAGE)) return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  return NextResponse.json(await prisma.plan.findMany({ where: { tenantId: session.user.tenantId } }))
}
`,
  );
  // The context accessor imported relatively, the wrapper through the alias: one tenant context all the same.
  const after = route(
    'src/app/api/billing/plans/route.ts',
    `
import { NextResponse } from 'next/server'
import { withTenantContext } from '@/lib/api-wrapper'
import { hasPermission, PERMISSIONS } from '../../../../lib/permissions'
import { prisma } from '../../../../lib/prisma'
import { requireTenantContext } from '../../../../lib/tenant-context'

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext()
  if (!hasPermission(ctx.role, PERMISSIONS.BILLING_MANAGE)) return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  return NextResponse.json(await prisma.plan.findMany({ where: { tenantId: ctx.tenantId } }))
})
`,
  );

  it("calls each handler as each of the app's sessions, whose roles take its permission checks both ways", async () => {
    const answers: Record<string, string> = {};
    for (const scenario of scenariosFor(after).filter((s) => s.query === '')) {
      const { outcome, calls } = await observe(after, scenario);
      answers[scenario.name] = 'status' in outcome ? `${outcome.status} ${outcome.body} ${calls.join(', ')}`.trim() : JSON.stringify(outcome);
    }
    const listed = '200 "prisma.plan.findMany()" prisma.plan.findMany({where: {tenantId: "tnt_acme"}})';
    const forbidden = '403 {"error":"Forbidden"}';
    expect(answers).toEqual({
      'GET, anonymous': '401 {"error":"Unauthorized"}',
      'GET, signed in as OWNER (right cookie)': listed,
      'GET, signed in as ADMIN (right cookie)': forbidden,
      'GET, signed in as BILLING (right cookie)': listed,
      'GET, signed in as MEMBER (right cookie)': forbidden,
      'GET, signed in (email and name null, no role, right cookie)': forbidden,
      'GET, signed in as OWNER (cookie for another tenant)': '403 {"error":"Tenant mismatch"}',
      'GET, signed in as OWNER (no tenant cookie)': '403 {"error":"Invalid tenant signature"}',
      'GET, signed in without a tenant (right cookie)': '401 {"error":"Unauthorized"}',
    });
  });

  it("accepts the app's wrapper answering wrong and missing cookies and sessions without a tenant, and nothing else", async () => {
    const result = await compareBehaviour(before, after);
    expect({ scenarios: result.scenarios, differences: result.differences.map((d) => `${d.scenario}: ${d.why}`) }).toEqual({ scenarios: 27, differences: [] });
  });

  it("sends a handler the app's own request once per session, answers its recorded calls as the app says, and runs its after() work once it answered", async () => {
    const filePath = 'src/app/api/teams/route.ts';
    const app = {
      ...ADMIN_DASHBOARD_WORLD,
      handlerFixtures: {
        [filePath]: {
          POST: {
            request: { headers: { 'x-request-id': 'req_1' }, body: { name: 'Design' } },
            answers: { 'prisma.team.findUnique': () => null, 'prisma.team.create': ({ data }: { data: object }) => ({ id: 'team_design', ...data }) },
          },
        },
      },
    };
    const teams: RouteModuleUnderTest = {
      filePath,
      app,
      source: `
import { getServerSession } from 'next-auth'
import { after, NextRequest, NextResponse } from 'next/server'
import { logAudit } from '@/lib/audit'
import { authOptions } from '@/lib/auth'
import { prisma } from '@/lib/prisma'

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions)
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  const { name } = await req.json().catch(() => ({}))
  if (name !== 'Design') return NextResponse.json({ error: 'Unexpected team' }, { status: 400 })
  if (await prisma.team.findUnique({ where: { tenantId_name: { tenantId: session.user.tenantId, name } } })) {
    return NextResponse.json({ error: 'Taken' }, { status: 409 })
  }
  const team = await prisma.team.create({ data: { tenantId: session.user.tenantId, name } })
  after(() => logAudit({ action: 'team.created', entityId: team.id, requestId: req.headers.get('x-request-id') }))
  return NextResponse.json(team, { status: 201 })
}
`,
    };
    const sent = scenariosFor(teams).filter((s) => s.name.includes("the app's request"));
    expect(sent.map((s) => s.name)).toEqual(ADMIN_DASHBOARD_WORLD.sessionCases.map((c) => `POST, the app's request, ${c.label}`));
    const { outcome, calls } = await observe(teams, sent.find((s) => s.name.endsWith('signed in as OWNER (right cookie)'))!);
    expect({ answer: 'status' in outcome ? `${outcome.status} ${outcome.body}` : outcome, calls }).toEqual({
      answer: '201 {"id":"team_design","tenantId":"tnt_acme","name":"Design"}',
      calls: [
        'prisma.team.findUnique({where: {tenantId_name: {name: "Design", tenantId: "tnt_acme"}}})',
        'prisma.team.create({data: {name: "Design", tenantId: "tnt_acme"}})',
        'logAudit({action: "team.created", entityId: "team_design", requestId: "req_1"})',
      ],
    });
  });
});
