import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, DEFAULT_ROUTES, findNearestConfigFile, loadConfig, loadConfigSync, resolveConfig } from '@tenant-isolation/core';

function projectWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-config-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function problemsOf(run: () => unknown): Array<{ keyPath: string; message: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('fills every default of a stock NextAuth v4 app from an empty object', () => {
    expect(resolveConfig({})).toEqual({
      routes: DEFAULT_ROUTES,
      ignore: expect.arrayContaining(['**/node_modules/**', '**/.next/**', '**/*.test.*']),
      sessionGetters: [
        { name: 'getServerSession', from: ['next-auth', 'next-auth/next'] },
        { name: 'unstable_getServerSession', from: ['next-auth', 'next-auth/next'] },
      ],
      indirectSessionGetters: [],
      wrappers: [{ name: 'withTenantContext', from: '@/lib/api-wrapper' }],
      pagesWrappers: [],
      contextAccessor: { name: 'requireTenantContext', from: '@/lib/tenant-utils', guarantees: ['userId', 'tenantId'] },
      sessionMapping: {
        'user.id': 'userId',
        'user.tenantId': 'tenantId',
        'user.role': 'role',
        'user.email': 'userEmail',
        'user.name': 'userName',
        'user.tenantRole': 'tenantRole',
      },
      contextUndefinedForNull: ['userEmail', 'userName'],
      authOptions: { name: 'authOptions' },
      anonymousResponse: { status: 401, json: { error: 'Unauthorized' } },
      publicRoutes: [],
      batches: {},
      serverActions: false,
      tenantCookie: { name: 'tenant_sig', secretEnv: 'TENANT_SIG_SECRET' },
      prisma: {
        tenantField: 'tenantId',
        tenantScopedModels: [],
        globalModels: [],
        clients: ['prisma', 'db', 'default'].map((name) => ({ name, from: ['@/lib/prisma', '@/lib/db', '@/server/db', '~/server/db', '@/lib/prisma-client'] })),
        scopedClients: [],
        tenantFilters: [],
        relations: {},
      },
      report: { warnBelow: 100, failBelow: 0, queryScopingFailBelow: 0 },
    });
  });

  it('keeps what the user set and replaces a list default as a whole', () => {
    const config = resolveConfig({ sessionGetters: [{ name: 'auth', from: '@/auth' }], report: { failBelow: 80 } });
    expect(config.sessionGetters).toEqual([{ name: 'auth', from: '@/auth' }]);
    expect(config.report).toEqual({ warnBelow: 100, failBelow: 80, queryScopingFailBelow: 0 });
  });

  it('reports one problem per mistake, each with its key path and what was expected', () => {
    const problems = problemsOf(() =>
      resolveConfig({
        routes: 'app/**/route.ts',
        sessionGetters: [{ name: 'getServerSession', from: 3 }],
        publicRoutes: [{ path: '/api/health' }, { path: '/api/ping', reason: '  ' }],
        report: { failBelow: 140 },
        wrapper: [],
      }),
    );
    expect(problems.map((p) => p.keyPath)).toEqual([
      'routes',
      'sessionGetters[0].from',
      'publicRoutes[0].reason',
      'publicRoutes[1].reason',
      'report.failBelow',
      'wrapper',
    ]);
    expect(problems.find((p) => p.keyPath === 'routes')!.message).toMatch(/expected array/);
    expect(problems.find((p) => p.keyPath === 'publicRoutes[0].reason')!.message).toMatch(/needs a reason/);
    expect(problems.find((p) => p.keyPath === 'report.failBelow')!.message).toMatch(/percentage from 0 to 100/);
    expect(problems.find((p) => p.keyPath === 'wrapper')!.message).toMatch(/unknown key/);
  });

  it('names the source and lists each problem on its own line in the error message', () => {
    expect(() => resolveConfig({ serverActions: 'yes' }, 'tenant-isolation.config.json')).toThrow(
      /^Invalid tenant-isolation config in tenant-isolation\.config\.json \(1 problem\):\n {2}serverActions: .*expected boolean/,
    );
  });

  it('rejects a public route method that is not an HTTP method', () => {
    const problems = problemsOf(() =>
      resolveConfig({ publicRoutes: [{ path: '/api/x', methods: ['FETCH'], reason: 'probe' }] }),
    );
    expect(problems.map((p) => p.keyPath)).toEqual(['publicRoutes[0].methods[0]']);
  });

  it('takes an accessor that is a method of an exported object, and rejects a name the codemod cannot call', () => {
    const config = resolveConfig({ optionalContextAccessor: { name: 'tenantContext.getContextOrNull', from: '@/lib/tenant-context' } });
    expect(config.optionalContextAccessor).toEqual({ name: 'tenantContext.getContextOrNull', from: '@/lib/tenant-context' });
    const expected = 'expected an exported function name or object.method, e.g. "requireTenantContext" or "tenantContext.getContextOrNull"';
    expect(
      problemsOf(() =>
        resolveConfig({
          contextAccessor: { name: 'tenant.context.require', from: '@/lib/t' },
          optionalContextAccessor: { name: 'getTenantContext()', from: '@/lib/t' },
        }),
      ),
    ).toEqual([
      { keyPath: 'contextAccessor.name', message: expected },
      { keyPath: 'optionalContextAccessor.name', message: expected },
    ]);
  });
});

describe('loadConfig', () => {
  it('uses the defaults and says so when the project has no config', async () => {
    const dir = projectWith({});
    await expect(loadConfig(dir)).resolves.toEqual({ config: resolveConfig({}), file: null });
  });

  it('reads tenant-isolation.config.json, a byte-order mark included', async () => {
    const dir = projectWith({ 'tenant-isolation.config.json': '\uFEFF{ "serverActions": true }' });
    const loaded = await loadConfig(dir);
    expect(loaded.file).toBe(path.join(dir, 'tenant-isolation.config.json'));
    expect(loaded.config.serverActions).toBe(true);
  });

  it.each([
    ['tenant-isolation.config.js', 'module.exports = { serverActions: true };'],
    ['tenant-isolation.config.cjs', 'module.exports = { serverActions: true };'],
  ])('reads %s', async (name, text) => {
    const dir = projectWith({ [name]: text });
    const loaded = await loadConfig(dir);
    expect(loaded).toEqual({ config: resolveConfig({ serverActions: true }), file: path.join(dir, name) });
  });

  it('reads tenant-isolation.config.mjs, an ES module, through import()', () => {
    // Jest's module sandbox has no import(); the built package is what users run, in a plain Node process.
    const dir = projectWith({ 'tenant-isolation.config.mjs': 'export default { serverActions: true };' });
    const core = path.resolve(__dirname, '../dist/index.js');
    const script = `require(${JSON.stringify(core)}).loadConfig(${JSON.stringify(dir)}).then((c) => process.stdout.write(JSON.stringify(c)))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(loaded).toEqual({ config: resolveConfig({ serverActions: true }), file: path.join(dir, 'tenant-isolation.config.mjs') });
  });

  it('reads the tenantIsolation key of package.json and ignores a package.json without it', async () => {
    const withKey = projectWith({ 'package.json': JSON.stringify({ name: 'app', tenantIsolation: { serverActions: true } }) });
    expect((await loadConfig(withKey)).config.serverActions).toBe(true);
    const withoutKey = projectWith({ 'package.json': JSON.stringify({ name: 'app' }) });
    expect((await loadConfig(withoutKey)).file).toBeNull();
  });

  it('names package.json and the key when the embedded config is wrong', async () => {
    const dir = projectWith({ 'package.json': JSON.stringify({ tenantIsolation: { routes: [] } }) });
    await expect(loadConfig(dir)).rejects.toThrow(/package\.json \("tenantIsolation" key\)[\s\S]*routes: expected at least one glob/);
  });

  it('turns malformed JSON into a config error naming the file, not a stack trace', async () => {
    const dir = projectWith({ 'tenant-isolation.config.json': '{ "routes": [ }' });
    await expect(loadConfig(dir)).rejects.toThrow(ConfigError);
    await expect(loadConfig(dir)).rejects.toThrow(/tenant-isolation\.config\.json[\s\S]*not valid JSON/);
  });

  it('says where malformed JSON fails by line and column, as an editor shows it', async () => {
    const dir = projectWith({ 'tenant-isolation.config.json': '{\n  "routes": ["app/**/route.ts"],\n  batches: {}\n}\n' });
    await expect(loadConfig(dir)).rejects.toThrow(/\(root\): not valid JSON at line 3, column 3: Expected double-quoted property name$/m);
    const truncated = projectWith({ 'tenant-isolation.config.json': '{\n  "routes": [' });
    await expect(loadConfig(truncated)).rejects.toThrow(/not valid JSON at line 2, column 14: Unexpected end of JSON input$/m);
  });

  it('loads JSON and CommonJS synchronously, and explains why an ES module cannot be', () => {
    expect(loadConfigSync(projectWith({ 'tenant-isolation.config.json': '{"serverActions":true}' })).config.serverActions).toBe(true);
    expect(loadConfigSync(projectWith({ 'tenant-isolation.config.cjs': 'module.exports={serverActions:true}' })).config.serverActions).toBe(true);
    expect(() => loadConfigSync(projectWith({ 'tenant-isolation.config.mjs': 'export default {}' }))).toThrow(
      /cannot be loaded synchronously/,
    );
  });
});

describe('findNearestConfigFile', () => {
  it('walks up from a directory to the nearest config file, past a package.json without the key', () => {
    const root = projectWith({ 'tenant-isolation.config.json': '{}' });
    const app = path.join(root, 'apps', 'web');
    fs.mkdirSync(path.join(app, 'app', 'api'), { recursive: true });
    fs.writeFileSync(path.join(app, 'package.json'), '{"name":"web"}');
    const searched: string[] = [];
    expect(findNearestConfigFile(path.join(app, 'app', 'api'), (dir) => searched.push(dir))).toEqual({
      file: path.join(root, 'tenant-isolation.config.json'),
      fromPackageJson: false,
    });
    expect(searched).toEqual([path.join(app, 'app', 'api'), path.join(app, 'app'), app, path.join(root, 'apps'), root]);
  });

  it('prefers the package.json key of a nearer directory to a config file further up', () => {
    const root = projectWith({ 'tenant-isolation.config.json': '{}' });
    const app = path.join(root, 'web');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"tenantIsolation":{}}');
    expect(findNearestConfigFile(app)).toEqual({ file: path.join(app, 'package.json'), fromPackageJson: true });
  });
});
