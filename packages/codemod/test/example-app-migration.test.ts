import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';
import { NextRequest } from 'next/server';
import ts from 'typescript';
import {
  analyzeModule,
  discoverRouteFiles,
  HTTP_METHODS,
  loadConfig,
  parseModule,
  type HandlerStatus,
  type HttpMethod,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import { runMigration, UsageError, type MigrationReport } from '@tenant-isolation/codemod';
import { scanProject } from '@tenant-isolation/report';
import { deterministicCrypto } from './support/deterministic-crypto';
import {
  ALICE_IN_ACME,
  defaultParams,
  HANDLER_REQUESTS,
  NOW,
  OTHER_TENANT,
  routeParamsOf,
  seedExampleApp,
  urlPathOf,
  type SeededIds,
} from './support/example-app-requests';
import { createAppLoader, type AppModules } from './support/load-app';

/*
 * End to end on fixtures/example-app: a git copy of the app is migrated batch by batch (A, B, C, as a team would,
 * committing after each), then the result is checked the ways a reviewer would: it typechecks, the lint rule only
 * flags what the run says it left alone, a second run is a no-op, the report agrees with the analyzer, and the
 * migrated handlers answer requests exactly as the originals did when run through the app's real withTenantContext.
 */

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(REPO_ROOT, 'fixtures/example-app');
const RULE = 'tenant-isolation/require-tenant-context';

/** Only `Date` is frozen: timers and microtasks stay real so Next's and Node's own scheduling is untouched. */
const EVERY_FAKEABLE_API_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;
const GIT_IDENTITY = ['-c', 'user.name=Example App', '-c', 'user.email=example-app@example.test', '-c', 'commit.gpgsign=false'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

/** A copy of the fixture committed to a fresh git repository, as a project looks before a migration. */
function committedCopy(target: string): string {
  fs.cpSync(FIXTURE, target, { recursive: true });
  git(target, '-c', 'init.defaultBranch=main', 'init', '-q');
  git(target, 'add', '-A');
  git(target, 'commit', '-q', '-m', 'Example app before the migration');
  return target;
}

/** Every file under `root` but git's own, with its bytes. */
function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!relative.startsWith('.git/')) files.set(relative, fs.readFileSync(path.join(root, relative)));
  }
  return files;
}

function changedBetween(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((file) => {
      const [was, is] = [before.get(file), after.get(file)];
      return !was || !is || !was.equals(is);
    })
    .sort();
}

interface HandlerState {
  status: HandlerStatus;
  /** Line of the export that makes it a handler. */
  line: number;
}

const handlerKey = (file: string, handler: string): string => `${file} ${handler}`;

/** What the analyzer says about every handler of every route file under `root`, keyed `file handler`. */
async function analyzeApp(root: string, config: TenantIsolationConfig): Promise<Map<string, HandlerState>> {
  const handlers = new Map<string, HandlerState>();
  for (const file of await discoverRouteFiles(root, config)) {
    const { program, scopeManager } = parseModule(fs.readFileSync(path.join(root, file), 'utf8'), file);
    for (const h of analyzeModule(program, scopeManager, config, { filePath: file }).handlers) {
      handlers.set(handlerKey(file, h.name), { status: h.status, line: h.exportNode.loc.start.line });
    }
  }
  return handlers;
}

interface LintResult {
  /** `file handler` of every handler a require-tenant-context finding names. */
  flagged: string[];
  /** Parse errors, which keep the rule from judging the file at all. */
  fatal: string[];
}

/** Lints one file with the rule alone and reads back the handlers each finding names, as a reviewer would. */
function lintRouteFile(linter: Linter, configs: Linter.Config[], file: string, text: string): LintResult {
  const result: LintResult = { flagged: [], fatal: [] };
  for (const m of linter.verify(text, configs, { filename: file })) {
    if (m.fatal || m.ruleId !== RULE) {
      if (m.fatal) result.fatal.push(`${file}:${m.line}:${m.column} ${m.message}`);
      continue;
    }
    const named = /reads the session in route handlers? (.+?)(?: \(through .+\))? outside /.exec(m.message);
    if (!named) throw new Error(`${file}:${m.line}: unexpected ${RULE} message: ${m.message}`);
    for (const handler of named[1]!.split(/, | and /)) result.flagged.push(handlerKey(file, handler.replace(/^'|'$/g, '')));
  }
  return result;
}

describe('migrating fixtures/example-app batch by batch', () => {
  let tmp: string;
  let appRoot: string;
  let config: TenantIsolationConfig;
  const reports: MigrationReport[] = [];
  let routeFiles: string[];
  let changedFiles: string[];
  let before: Map<string, HandlerState>;
  let after: Map<string, HandlerState>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-example-app-'));
    // next, next-auth and @types resolve from the repository's node_modules, found by walking up from the copy.
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    appRoot = committedCopy(path.join(tmp, 'app'));
    ({ config } = await loadConfig(appRoot));
    before = await analyzeApp(FIXTURE, config);

    expect(Object.keys(config.batches)).toEqual(['A', 'B', 'C']);
    for (const batch of Object.keys(config.batches)) {
      const { report } = await runMigration({ root: appRoot, config, batch });
      reports.push(report);
      git(appRoot, 'add', '-A');
      git(appRoot, 'commit', '-q', '--allow-empty', '-m', `Migrate batch ${batch} to withTenantContext`);
    }
    changedFiles = reports.flatMap((r) => r.filesChanged).sort();
    routeFiles = await discoverRouteFiles(appRoot, config);
    after = await analyzeApp(appRoot, config);
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves an app that typechecks with zero errors against the real next and next-auth types', () => {
    const configPath = path.join(appRoot, 'tsconfig.json');
    const { config: tsconfig } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(tsconfig, ts.sys, appRoot, undefined, configPath);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(appRoot, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
    });
    expect(diagnostics).toEqual([]);
    // Guards against a tsconfig that silently checks nothing.
    expect(parsed.fileNames.filter((f) => f.endsWith('/route.ts'))).toHaveLength(routeFiles.length);
  });

  it('leaves require-tenant-context findings in the files it changed only for the handlers it left alone', () => {
    const appConfig: unknown = JSON.parse(fs.readFileSync(path.join(appRoot, 'tenant-isolation.config.json'), 'utf8'));
    const linter = new Linter({ cwd: appRoot });
    const configs: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'tenant-isolation': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { [RULE]: 'error' },
        settings: { 'tenant-isolation': appConfig },
      },
    ];
    const lint = (root: string) => changedFiles.map((f) => lintRouteFile(linter, configs, f, fs.readFileSync(path.join(root, f), 'utf8')));
    const unique = (keys: string[]) => [...new Set(keys)].sort();

    const afterRun = lint(appRoot);
    const leftAloneThere = reports.flatMap((r) => r.leftAlone).filter((l) => changedFiles.includes(l.file));
    expect({ fatal: afterRun.flatMap((r) => r.fatal), flagged: unique(afterRun.flatMap((r) => r.flagged)) }).toEqual({
      fatal: [],
      flagged: unique(leftAloneThere.map((l) => handlerKey(l.file, l.handler ?? ''))),
    });
    // Every handler the run migrated was flagged before it, so the rule and config above can see what it fixed.
    const beforeRun = unique(lint(FIXTURE).flatMap((r) => r.flagged));
    const migrated = reports.flatMap((r) => r.migrated.map((m) => handlerKey(m.file, m.handler)));
    expect(migrated.filter((key) => !beforeRun.includes(key))).toEqual([]);
  });

  it('changes zero bytes when run again over every route file', async () => {
    const treeBefore = readTree(appRoot);
    try {
      const { report, changes } = await runMigration({ root: appRoot, config });
      expect(changedBetween(treeBefore, readTree(appRoot))).toEqual([]);
      expect({ filesChanged: report.filesChanged, migrated: report.migrated, changes }).toEqual({ filesChanged: [], migrated: [], changes: [] });
      expect(report.filesScanned).toBe(routeFiles.length);
    } finally {
      git(appRoot, 'checkout', '-q', '--', '.');
    }
  });

  it('lists every handler it did not migrate under leftAlone, with its file, line and a reason', () => {
    const notMigrated = [...before]
      .filter(([key, was]) => was.status === 'unmigrated' && after.get(key)?.status !== 'migrated')
      .map(([key, was]) => {
        const [file, handler] = key.split(' ') as [string, string];
        return { file, handler, line: was.line, reason: expect.stringMatching(/\S/) as unknown as string };
      })
      .sort((a, b) => handlerKey(a.file, a.handler).localeCompare(handlerKey(b.file, b.handler)));
    const leftAlone = reports
      .flatMap((r) => r.leftAlone)
      .sort((a, b) => handlerKey(a.file, a.handler ?? '').localeCompare(handlerKey(b.file, b.handler ?? '')));
    expect(leftAlone).toEqual(notMigrated);
  });

  it('reports the coverage `tenant-isolation report` gives, and the counts the analyzer computes, before and after', async () => {
    const count = (states: Map<string, HandlerState>, status: HandlerStatus) => [...states.values()].filter((s) => s.status === status).length;
    const went = (from: HandlerStatus, to: (s: HandlerStatus | undefined) => boolean) =>
      [...before].filter(([key, was]) => was.status === from && to(after.get(key)?.status)).length;
    const first = reports[0]!;
    const last = reports[reports.length - 1]!;
    expect({
      unmigratedBefore: first.coverage.before.unmigrated,
      unmigratedAfter: last.coverage.after.unmigrated,
      migrated: reports.reduce((n, r) => n + r.migrated.length, 0),
      leftAlone: reports.reduce((n, r) => n + r.leftAlone.length, 0),
    }).toEqual({
      unmigratedBefore: count(before, 'unmigrated'),
      unmigratedAfter: count(after, 'unmigrated'),
      migrated: went('unmigrated', (s) => s === 'migrated'),
      leftAlone: went('unmigrated', (s) => s !== 'migrated'),
    });
    // The report's own scan of the app as it was, and as the last batch left it.
    const reportOf = async (root: string) => (await scanProject({ root, config, version: 'test' })).report.summary;
    expect(first.coverage.before).toEqual(await reportOf(FIXTURE));
    expect(last.coverage.after).toEqual(await reportOf(appRoot));
    // Each batch starts where the previous one ended.
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.coverage.before).toEqual(reports[i - 1]!.coverage.after);
  });

  describe('the migrated handlers, run through the fixture\'s real withTenantContext with only the session source mocked', () => {
    type Scenario = 'signed in with the right tenant cookie' | 'anonymous' | 'signed in with a cookie signed for another tenant';
    interface Observed {
      status: number | 'threw';
      body: unknown;
    }
    interface Exchange {
      file: string;
      method: HttpMethod;
      scenario: Scenario;
      original: Observed | null;
      migrated: Observed;
    }
    const exchanges: Exchange[] = [];
    const noRequestDefined: string[] = [];
    let migratedByCodemod: Set<string>;

    const describeObserved = (o: Observed | null) => (o === null ? 'not called' : `${o.status} ${JSON.stringify(o.body)}`);

    async function observe(app: AppModules, file: string, method: HttpMethod, request: () => NextRequest, params: Record<string, unknown>): Promise<Observed> {
      try {
        const handler = app.load<Record<string, unknown>>(file)[method];
        if (typeof handler !== 'function') return { status: 'threw', body: `${method} is not exported as a function` };
        const res = (await handler(request(), { params: Promise.resolve(params) })) as Response;
        const text = await res.text();
        const json = (res.headers.get('content-type') ?? '').includes('application/json') && text !== '';
        return { status: res.status, body: json ? JSON.parse(text) : text };
      } catch (error) {
        return { status: 'threw', body: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    }

    beforeAll(async () => {
      migratedByCodemod = new Set(reports.flatMap((r) => r.migrated.map((m) => handlerKey(m.file, m.handler))));
      const secret = process.env.TENANT_SIG_SECRET;
      const quiet = [jest.spyOn(console, 'info').mockImplementation(() => undefined), jest.spyOn(console, 'error').mockImplementation(() => undefined)];
      jest.useFakeTimers({ now: NOW, doNotFake: [...EVERY_FAKEABLE_API_BUT_DATE] });
      process.env.TENANT_SIG_SECRET = 'example-app-tenant-cookie-secret';
      try {
        let session: { user: typeof ALICE_IN_ACME; expires: string } | null = null;
        const aliceSignedIn = () => ({ user: ALICE_IN_ACME, expires: '2025-06-15T17:00:00.000Z' });
        const readSession = async () => (session === null ? null : structuredClone(session));
        const sessionSource = { __esModule: true, getServerSession: readSession, unstable_getServerSession: readSession };
        const loadApp = (root: string): AppModules => {
          const crypto = deterministicCrypto();
          return createAppLoader({
            root,
            stubs: { 'next-auth': sessionSource, 'next-auth/next': sessionSource, 'node:crypto': crypto, crypto },
            requireExternal: (specifier) => require(specifier) as unknown,
          });
        };
        const original = loadApp(FIXTURE);
        const migrated = loadApp(appRoot);
        const seeded = await seedExampleApp(original.load('lib/db.ts'));
        expect(await seedExampleApp(migrated.load('lib/db.ts'))).toEqual<SeededIds>(seeded);
        const { signTenantId } = original.load<{ signTenantId: (tenantId: string) => string }>('lib/api-wrapper.ts');
        const rightTenant = `tenant_sig=${signTenantId(ALICE_IN_ACME.tenantId)}`;
        const otherTenant = `tenant_sig=${signTenantId(OTHER_TENANT)}`;

        // Every handler of every file the codemod changed, so a rewritten shared helper shows up in its siblings
        // too; DELETEs last so the rows other requests need are still there.
        const calls = changedFiles
          .flatMap((file) =>
            [...after]
              .filter(([key, state]) => key.startsWith(`${file} `) && state.status !== 'public')
              .map(([key]) => ({ file, method: key.slice(file.length + 1) as HttpMethod })),
          )
          .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE') || a.file.localeCompare(b.file) || HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method));

        for (const { file, method } of calls) {
          const spec = HANDLER_REQUESTS[file]?.[method];
          if (!spec) {
            noRequestDefined.push(handlerKey(file, method));
            continue;
          }
          const params = routeParamsOf(file, { ...defaultParams(seeded), ...spec.params });
          const url = `http://localhost:3000${urlPathOf(file, params)}${spec.query ?? ''}`;
          const request = (cookie: string | null) => () =>
            new NextRequest(url, {
              method,
              headers: {
                ...spec.headers,
                ...(cookie === null ? {} : { cookie }),
                ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
            });
          const both = async (scenario: Scenario, cookie: string | null) => {
            const fromOriginal = await observe(original, file, method, request(cookie), params);
            exchanges.push({ file, method, scenario, original: fromOriginal, migrated: await observe(migrated, file, method, request(cookie), params) });
          };

          session = aliceSignedIn();
          await both('signed in with the right tenant cookie', rightTenant);
          session = null;
          await both('anonymous', null);
          if (migratedByCodemod.has(handlerKey(file, method))) {
            session = aliceSignedIn();
            const scenario = 'signed in with a cookie signed for another tenant';
            exchanges.push({ file, method, scenario, original: null, migrated: await observe(migrated, file, method, request(otherTenant), params) });
          }
        }
      } finally {
        jest.useRealTimers();
        quiet.forEach((spy) => spy.mockRestore());
        if (secret === undefined) delete process.env.TENANT_SIG_SECRET;
        else process.env.TENANT_SIG_SECRET = secret;
      }
    });

    const inScenario = (scenario: Scenario) => exchanges.filter((e) => e.scenario === scenario);
    const explain = (e: Exchange) => `${e.file} ${e.method} (${e.scenario}): original ${describeObserved(e.original)}, migrated ${describeObserved(e.migrated)}`;

    it('include every handler of every file the run changed, each with a request defined', () => {
      expect(noRequestDefined).toEqual([]);
      const called = new Set(inScenario('signed in with the right tenant cookie').map((e) => handlerKey(e.file, e.method)));
      expect([...migratedByCodemod].filter((key) => !called.has(key))).toEqual([]);
    });

    it('answer a signed-in caller of the right tenant with the same status and JSON body as the original, which succeeds', () => {
      const signedIn = inScenario('signed in with the right tenant cookie');
      expect(signedIn.filter((e) => !isDeepStrictEqual(e.original, e.migrated)).map(explain)).toEqual([]);
      // The comparison only means something if the requests reach the handlers' success paths.
      expect(signedIn.filter((e) => typeof e.original?.status !== 'number' || e.original.status >= 300).map(explain)).toEqual([]);
    });

    it('answer an anonymous caller with the same status as the original', () => {
      expect(inScenario('anonymous').filter((e) => e.original?.status !== e.migrated.status).map(explain)).toEqual([]);
    });

    it('answer 403 to a signed-in caller whose tenant_sig cookie is signed for another tenant', () => {
      const otherTenant = inScenario('signed in with a cookie signed for another tenant');
      expect(otherTenant.length).toBe(migratedByCodemod.size);
      expect(otherTenant.filter((e) => e.migrated.status !== 403).map(explain)).toEqual([]);
    });
  });

  it('refuses to rewrite a selected file with uncommitted changes, naming it; --dry writes nothing but returns the changes', async () => {
    const root = committedCopy(path.join(tmp, 'dirty-app'));
    const { config: dirtyConfig } = await loadConfig(root);
    const dirtyFile = 'app/api/payments/route.ts';
    fs.appendFileSync(path.join(root, dirtyFile), '\n// TODO: accept cheques once the bank integration ships\n');
    const untouched = readTree(root);

    const refusal = await runMigration({ root, config: dirtyConfig, batch: 'A' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as UsageError).message).toContain(`  ${dirtyFile}\n`);
    expect(changedBetween(untouched, readTree(root))).toEqual([]);

    const { report, changes } = await runMigration({ root, config: dirtyConfig, batch: 'A', dry: true });
    expect(changedBetween(untouched, readTree(root))).toEqual([]);
    expect(report.options.dry).toBe(true);
    expect(changes.map((c) => c.file)).toEqual(report.filesChanged);
    expect(changes.map((c) => c.file)).toContain(dirtyFile);
    for (const change of changes) {
      expect(change.before).toBe(fs.readFileSync(path.join(root, change.file), 'utf8'));
      expect(change.after).not.toBe(change.before);
    }
  });
});
