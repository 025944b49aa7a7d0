import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseModule, routeModuleFacts } from '@tenant-isolation/core';
import type { Report } from '../src/model';
import { scanProject, scanProjectTrees } from '../src/scan';

const root = path.join(__dirname, '__fixtures__', 'cross-module');

async function scan(): Promise<Awaited<ReturnType<typeof scanProject>>> {
  const { config } = await loadConfig(root);
  return scanProject({ root, config, version: '0.0.0-test' });
}

/** One line per handler: `file#NAME status [definedIn] call@file:line via…`, the whole of what the scan decided. */
function handlerLines(report: Report): string[] {
  return report.routes.flatMap((route) =>
    route.handlers.map((h) =>
      [
        `${route.file}#${h.name}`,
        h.status,
        h.definedIn ? `definedIn=${h.definedIn}` : '',
        ...h.sessionCalls.map((c) => `${c.getter}@${c.file}:${c.line}${c.via.length ? ` via ${c.via.join(' > ')}` : ''}`),
      ]
        .filter(Boolean)
        .join(' | '),
    ),
  );
}

describe('scanProject across modules', () => {
  it('follows imported helpers, barrels with import cycles, namespaces, re-exports and export * to the session reads', async () => {
    const { report } = await scan();
    const viaAuth = 'getCurrentUser (src/lib/auth.ts) > readSession (src/lib/auth.ts)';
    expect(handlerLines(report)).toEqual([
      `src/app/api/barrel/route.ts#GET | unmigrated | getServerSession@src/lib/auth.ts:6 via scopedQuery (src/lib/db.ts) > ${viaAuth}`,
      `src/app/api/barrel/route.ts#PUT | partial | getServerSession@src/lib/auth.ts:6 via ${viaAuth}`,
      'src/app/api/broken-import/route.ts#GET | error',
      'src/app/api/direct/route.ts#GET | unmigrated | getServerSession@src/app/api/direct/route.ts:5',
      'src/app/api/external/route.ts#GET | unwrapped',
      'src/app/api/health/route.ts#GET | public',
      `src/app/api/helper/route.ts#GET | unmigrated | getServerSession@src/lib/auth.ts:6 via ${viaAuth}`,
      'src/app/api/helper/route.ts#POST | unwrapped',
      'src/app/api/migrated/route.ts#GET | migrated',
      'src/app/api/namespace/route.ts#DELETE | unmigrated | getServerSession@src/lib/ns.ts:5 via requireUser (src/lib/ns.ts)',
      'src/app/api/reexport/route.ts#GET | unmigrated | definedIn=src/lib/handlers/projects.ts | getServerSession@src/lib/handlers/projects.ts:7',
      'src/app/api/reexport/route.ts#POST | migrated | definedIn=src/lib/handlers/projects.ts',
      `src/app/api/relative/route.ts#GET | unmigrated | getServerSession@src/lib/auth.ts:6 via loadMe > ${viaAuth}`,
      'src/app/api/service/route.ts#GET | unmigrated | getServerSession@src/lib/auth.ts:21 via sessionService (src/lib/auth.ts)',
      'src/app/api/service/route.ts#POST | unmigrated | getServerSession@src/lib/auth.ts:28 via SessionReader (src/lib/auth.ts)',
      'src/app/api/star/route.ts#GET | unmigrated | definedIn=src/lib/handlers/projects.ts | getServerSession@src/lib/handlers/projects.ts:7',
      'src/app/api/star/route.ts#POST | migrated | definedIn=src/lib/handlers/projects.ts',
      `src/app/api/suppressed/route.ts#GET | suppressed | getServerSession@src/lib/auth.ts:6 via ${viaAuth}`,
      'src/app/api/wrapped-helper/route.ts#GET | unwrapped',
      `src/pages/api/legacy.ts#default | unmigrated | getServerSession@src/lib/auth.ts:6 via ${viaAuth}`,
    ]);
  });

  it('gives the wrapper chain, the URL path and the route kind of each route', async () => {
    const { report } = await scan();
    const byFile = new Map(report.routes.map((r) => [r.file, r]));
    expect(byFile.get('src/app/api/reexport/route.ts')!.handlers.map((h) => [h.name, h.wrapperChain, h.line])).toEqual([
      ['GET', [], 1],
      ['POST', ['withTenantContext'], 1],
    ]);
    expect(byFile.get('src/app/api/barrel/route.ts')!.handlers.map((h) => h.wrapperChain)).toEqual([[], ['withTenantContext']]);
    expect(byFile.get('src/pages/api/legacy.ts')).toMatchObject({ urlPath: '/api/legacy', kind: 'pages-api' });
    expect(byFile.get('src/app/api/star/route.ts')).toMatchObject({ urlPath: '/api/star', kind: 'app-route' });
  });

  it('says why in words: the call path, the suppression, the public reason, the module that does not parse', async () => {
    const { report } = await scan();
    const reason = (file: string, name: string) => report.routes.find((r) => r.file === file)!.handlers.find((h) => h.name === name)!.reason;
    expect(reason('src/app/api/relative/route.ts', 'GET')).toBe(
      'reads the session with getServerSession() through loadMe → getCurrentUser (src/lib/auth.ts) → readSession (src/lib/auth.ts) outside withTenantContext()',
    );
    expect(reason('src/app/api/health/route.ts', 'GET')).toBe('Uptime probes; no tenant data');
    expect(reason('src/app/api/suppressed/route.ts', 'GET')).toMatch(/^an eslint-disable comment for tenant-isolation\/require-tenant-context covers/);
    expect(reason('src/app/api/broken-import/route.ts', 'GET')).toBe(
      'not wrapped, and it uses `src/lib/broken.ts`, which could not be read, parsed or resolved: whether it reads the session is unknown',
    );
    expect(reason('src/app/api/migrated/route.ts', 'GET')).toBeNull();
  });

  it('lists the files that do not parse, route or module, and goes on', async () => {
    const { report } = await scan();
    expect(report.errors).toEqual([
      { file: 'src/app/api/syntax/route.ts', kind: 'route', line: 2, column: 34, message: "',' expected." },
      { file: 'src/lib/broken.ts', kind: 'module', line: 2, column: 0, message: "'}' expected." },
    ]);
    expect(report.routes.some((r) => r.file === 'src/app/api/syntax/route.ts')).toBe(false);
  });

  it('counts the summary as DESIGN section 4 defines it', async () => {
    const { report } = await scan();
    expect(report.summary).toEqual({
      handlers: 20,
      migrated: 3,
      partial: 1,
      unmigrated: 10,
      unwrapped: 3,
      public: 1,
      suppressed: 1,
      errors: 1,
      coverage: { covered: 4, total: 16, percent: 25 },
      wrapperCoverage: { covered: 4, total: 19, percent: 21.05 },
      queryScoping: null,
      queryScopingByModel: {},
    });
    expect(report.thresholds).toEqual({ warnBelow: 90, failBelow: 0, queryScopingFailBelow: 0 });
  });

  it('discovers the imported helpers that read the session, with every specifier routes use for them', async () => {
    const { discoveredGetters } = await scan();
    expect(discoveredGetters).toEqual([
      { name: 'SessionReader', from: ['@/lib/auth'], file: 'src/lib/auth.ts', calledBy: ['src/app/api/service/route.ts#POST'] },
      {
        name: 'getCurrentUser',
        from: ['@/lib', '@/lib/auth'],
        file: 'src/lib/auth.ts',
        calledBy: [
          'src/app/api/barrel/route.ts#PUT',
          'src/app/api/helper/route.ts#GET',
          'src/app/api/relative/route.ts#GET',
          'src/app/api/suppressed/route.ts#GET',
          'src/pages/api/legacy.ts#default',
        ],
      },
      { name: 'sessionService', from: ['@/lib/auth'], file: 'src/lib/auth.ts', calledBy: ['src/app/api/service/route.ts#GET'] },
      { name: 'scopedQuery', from: ['@/lib'], file: 'src/lib/db.ts', calledBy: ['src/app/api/barrel/route.ts#GET'] },
      { name: 'requireUser', from: ['@/lib/ns'], file: 'src/lib/ns.ts', calledBy: ['src/app/api/namespace/route.ts#DELETE'] },
    ]);
  });
});

describe('scanProject with server actions and a pages wrapper', () => {
  const actionsRoot = path.join(__dirname, '__fixtures__', 'actions-and-pages');

  it("finds 'use server' files and inline actions outside the route globs, wraps pages/api handlers with pagesWrappers, and follows helpers loaded at run time", async () => {
    const { config } = await loadConfig(actionsRoot);
    const { report } = await scanProject({ root: actionsRoot, config, version: 'test' });
    expect(report.routes.map((r) => [r.file, r.kind])).toEqual([
      ['app/api/loaded/route.ts', 'app-route'],
      ['app/projects/actions.ts', 'server-action'],
      ['app/projects/page.tsx', 'server-action'],
      ['pages/api/legacy.ts', 'pages-api'],
      ['pages/api/old.ts', 'pages-api'],
    ]);
    expect(handlerLines(report)).toEqual([
      // Loaded with require() at module level, and with await import() inside the handler.
      'app/api/loaded/route.ts#GET | unmigrated | getServerSession@lib/auth.ts:4 via getCurrentUser (lib/auth.ts)',
      'app/api/loaded/route.ts#POST | unmigrated | getServerSession@lib/auth.ts:4 via getCurrentUser (lib/auth.ts)',
      'app/projects/actions.ts#archiveProject | unmigrated | getServerSession@lib/auth.ts:4 via getCurrentUser (lib/auth.ts)',
      'app/projects/actions.ts#renameProject | migrated',
      'app/projects/page.tsx#star | unmigrated | getServerSession@app/projects/page.tsx:6',
      'pages/api/legacy.ts#default | migrated',
      'pages/api/old.ts#default | unmigrated | getServerSession@lib/auth.ts:4 via getCurrentUser (lib/auth.ts)',
    ]);
    // lib/vendor.min.js is minified: as a route it would be listed as not scanned, as a mere candidate it is not.
    expect(report.errors).toEqual([]);
    expect(report.routes.find((r) => r.file === 'pages/api/old.ts')!.handlers[0]!.reason).toBe(
      'reads the session with getServerSession() through getCurrentUser (lib/auth.ts) outside withTenantApi()',
    );
  });
});

describe('scanProject in a monorepo scanned from its root', () => {
  let monorepo: string;
  beforeAll(() => {
    // A copy, to link the workspace package into node_modules as npm does (git keeps no node_modules).
    monorepo = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-monorepo-'));
    fs.cpSync(path.join(__dirname, '__fixtures__', 'monorepo'), monorepo, { recursive: true });
    fs.mkdirSync(path.join(monorepo, 'node_modules', '@acme'), { recursive: true });
    fs.symlinkSync(path.join('..', '..', 'packages', 'auth'), path.join(monorepo, 'node_modules', '@acme', 'auth'));
  });
  afterAll(() => fs.rmSync(monorepo, { recursive: true, force: true }));

  it("resolves each app's imports with its own nearest tsconfig.json or jsconfig.json, and says which config it could not use", async () => {
    const { config } = await loadConfig(monorepo);
    const { report, warnings } = await scanProject({ root: monorepo, config, version: 'test' });
    expect(handlerLines(report)).toEqual([
      'apps/admin/app/api/audit/route.js#GET | unmigrated | getServerSession@apps/admin/src/session.js:3 via readSession (apps/admin/src/session.js)',
      'apps/broken/app/api/y/route.ts#GET | unwrapped',
      'apps/web/app/api/me/route.ts#GET | unmigrated | getServerSession@apps/web/lib/auth.ts:4 via getCurrentUser (apps/web/lib/auth.ts)',
      // A workspace package linked into node_modules is a project file.
      'apps/web/app/api/pkg/route.ts#GET | unmigrated | getServerSession@packages/auth/src/index.ts:4 via currentMember (packages/auth/src/index.ts)',
      // `../../../lib/api-wrapper` from the app's own root is the configured `@/lib/api-wrapper`.
      'apps/web/app/api/wrapped/route.ts#GET | migrated',
    ]);
    // URL paths are the app's own.
    expect(report.routes.map((r) => r.urlPath)).toEqual(['/api/audit', '/api/y', '/api/me', '/api/pkg', '/api/wrapped']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^apps\/broken\/tsconfig\.json: Cannot read file '.*does-not-exist\.json'/);
  });

  it('uses one tsconfig for every file when it is given, and refuses one with problems', async () => {
    const { config } = await loadConfig(monorepo);
    const forced = await scanProject({ root: monorepo, config, version: 'test', tsconfig: 'apps/web/tsconfig.json' });
    // The admin app's `~/session` means nothing under the web app's config: what it reads cannot be told.
    expect(handlerLines(forced.report)[0]).toBe('apps/admin/app/api/audit/route.js#GET | error');
    await expect(scanProject({ root: monorepo, config, version: 'test', tsconfig: 'apps/broken/tsconfig.json' })).rejects.toThrow(
      /^the tsconfig .*apps\/broken\/tsconfig\.json has problems: Cannot read file/,
    );
  });
});

describe('scanProject of a tree not written yet', () => {
  const WRAPPED_PROFILE_ROUTE = `import { withTenantContext } from '@/lib/api-wrapper';
import { loadProfile } from '@/lib/profile';

export const GET = withTenantContext(async () => Response.json(await loadProfile()));
`;
  const PROFILE = `import { getCurrentUser } from '@/lib/auth';

export async function loadProfile() {
  return getCurrentUser();
}
`;
  let copy: string;
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-overlay-'));
    fs.cpSync(root, copy, { recursive: true });
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('reads the overlay in place of the files, resolves imports to a file only the overlay has, and finds what the written tree holds', async () => {
    const { config } = await loadConfig(copy);
    const overlay = new Map([
      ['src/app/api/helper/route.ts', WRAPPED_PROFILE_ROUTE],
      [path.join(copy, 'src/lib/profile.ts'), PROFILE],
    ]);
    const overlaid = await scanProject({ root: copy, config, version: 'test', overlay });
    expect(fs.existsSync(path.join(copy, 'src/lib/profile.ts'))).toBe(false);
    expect(handlerLines(overlaid.report).filter((line) => line.startsWith('src/app/api/helper/'))).toEqual([
      'src/app/api/helper/route.ts#GET | partial | getServerSession@src/lib/auth.ts:6 via loadProfile (src/lib/profile.ts) > getCurrentUser (src/lib/auth.ts) > readSession (src/lib/auth.ts)',
    ]);
    fs.writeFileSync(path.join(copy, 'src/app/api/helper/route.ts'), WRAPPED_PROFILE_ROUTE);
    fs.writeFileSync(path.join(copy, 'src/lib/profile.ts'), PROFILE);
    expect(overlaid).toEqual(await scanProject({ root: copy, config, version: 'test' }));
  });
});

describe('scanProjectTrees', () => {
  const WRAPPED = `import { withTenantContext } from '@/lib/api-wrapper';
import { getCurrentUser } from '@/lib/auth';

export const GET = withTenantContext(async () => Response.json(await getCurrentUser()));
`;

  it('gives of each tree what a scan of that tree alone gives, the modules that do not parse listed in each', async () => {
    const { config } = await loadConfig(root);
    const overlay = new Map([['src/app/api/helper/route.ts', WRAPPED]]);
    const [asIs, rewritten] = await scanProjectTrees({ root, config, version: 'test' }, [new Map(), overlay]);
    expect(asIs).toEqual(await scanProject({ root, config, version: 'test' }));
    expect(rewritten).toEqual(await scanProject({ root, config, version: 'test', overlay }));
    expect(rewritten!.report.errors.map((e) => e.file)).toEqual(['src/app/api/syntax/route.ts', 'src/lib/broken.ts']);
    expect(handlerLines(rewritten!.report).filter((line) => line.startsWith('src/app/api/helper/'))).toEqual([
      'src/app/api/helper/route.ts#GET | partial | getServerSession@src/lib/auth.ts:6 via getCurrentUser (src/lib/auth.ts) > readSession (src/lib/auth.ts)',
    ]);
  });
});

describe('scanProject with the facts of route modules analyzed elsewhere', () => {
  const file = 'src/app/api/direct/route.ts';

  it('uses the facts handed in for the text it read, which give the scan its own reading gives', async () => {
    const { config } = await loadConfig(root);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const facts = routeModuleFacts(parseModule(text, file), text, config, { analyzedAs: file });
    const asked: string[] = [];
    const routeFacts = (f: string, t: string) => {
      asked.push(f);
      return f === file && t === text ? facts : undefined;
    };
    expect(await scanProject({ root, config, version: '0.0.0-test', routeFacts })).toEqual(await scan());
    // Asked for route files only, each once.
    expect(asked).toEqual([...new Set(asked)].filter((f) => f.includes('/app/api/') || f.includes('/pages/api/')));
    expect(asked).toContain(file);
  });

  it('takes the facts as they are, but not those of a module analyzed as another path', async () => {
    const { config } = await loadConfig(root);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const facts = routeModuleFacts(parseModule(text, file), text, config, { analyzedAs: file });
    const withoutHandlers = { ...facts, analysis: { ...facts.analysis, handlers: [] } };
    const used = await scanProject({ root, config, version: 'test', routeFacts: (f) => (f === file ? withoutHandlers : undefined) });
    expect(used.report.routes.find((r) => r.file === file)?.handlers).toEqual([]);
    const misplaced = { ...withoutHandlers, analyzedAs: 'app/api/direct/route.ts' };
    const ignored = await scanProject({ root, config, version: '0.0.0-test', routeFacts: (f) => (f === file ? misplaced : undefined) });
    expect(ignored).toEqual(await scan());
  });
});
