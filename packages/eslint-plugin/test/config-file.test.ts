import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';
import * as core from '@tenant-isolation/core';

// The loader itself, counted: the cache tests below check how often the plugin reads a config file.
jest.mock('@tenant-isolation/core', () => {
  const actual = jest.requireActual<typeof core>('@tenant-isolation/core');
  return { ...actual, readConfigFileSync: jest.fn(actual.readConfigFileSync) };
});
const readConfigFileSync = jest.mocked(core.readConfigFileSync);

/** A project in a fresh temporary directory, so no config file of this repository is on the way up. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-config-file-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const unwrappedRoute = `export async function GET() {
  return Response.json({});
}
`;

const wrapperConfig = (name: string) => JSON.stringify({ wrappers: [{ name, from: `@/lib/${name}` }] });

/** ESLint with only the plugin's rule turned on, and `settings` only when given. */
function eslintIn(cwd: string, settings?: unknown): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { plugins: { 'tenant-isolation': plugin }, rules: { 'tenant-isolation/require-route-wrapper': 'error' } },
      ...(settings === undefined ? [] : [{ settings: { 'tenant-isolation': settings } }]),
    ],
  });
}

/** Each linted file, project-relative, with the messages of its findings. */
async function findings(eslint: ESLint, cwd: string, patterns: string[]): Promise<[string, string[]][]> {
  const results = await eslint.lintFiles(patterns);
  return results
    .map((r): [string, string[]] => [path.relative(cwd, r.filePath).split(path.sep).join('/'), r.messages.map((m) => m.message)])
    .sort(([a], [b]) => a.localeCompare(b));
}

const unwrappedIn = (wrapper: string, urlPath = '/api/x') =>
  `Route handler 'GET' of ${urlPath} is not wrapped in ${wrapper}() and reads no session here, so nothing in this file stops any caller. Wrap it, or list it in publicRoutes with the reason it is public.`;

describe('the config file, when ESLint settings hold no tenant-isolation config', () => {
  it('is read from the project root for a route file below it', async () => {
    const cwd = project({ 'tenant-isolation.config.json': wrapperConfig('withOrg'), 'app/api/x/route.ts': unwrappedRoute });
    expect(await findings(eslintIn(cwd), cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withOrg')]]]);
  });

  it('is not read when the settings hold the config: the settings win', async () => {
    const cwd = project({ 'tenant-isolation.config.json': '{ not json', 'app/api/x/route.ts': unwrappedRoute });
    const settings = { wrappers: [{ name: 'withTeam', from: '@/lib/team' }] };
    expect(await findings(eslintIn(cwd, settings), cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withTeam')]]]);
  });

  it('is found under the "tenantIsolation" key of package.json', async () => {
    const cwd = project({
      'package.json': JSON.stringify({ name: 'app', tenantIsolation: JSON.parse(wrapperConfig('withOrg')) }),
      'app/api/x/route.ts': unwrappedRoute,
    });
    expect(await findings(eslintIn(cwd), cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withOrg')]]]);
  });

  it('is the nearest one to each linted file when directories nest projects', async () => {
    const cwd = project({
      'tenant-isolation.config.json': wrapperConfig('withOrg'),
      'app/api/x/route.ts': unwrappedRoute,
      'apps/admin/tenant-isolation.config.json': JSON.stringify({
        routes: ['apps/admin/app/**/route.ts'],
        wrappers: [{ name: 'withAdmin', from: '@/lib/admin' }],
      }),
      'apps/admin/app/api/y/route.ts': unwrappedRoute,
    });
    expect(await findings(eslintIn(cwd), cwd, ['.'])).toEqual([
      ['app/api/x/route.ts', [unwrappedIn('withOrg')]],
      // Route globs and paths stay relative to where ESLint runs, as with settings.
      ['apps/admin/app/api/y/route.ts', [unwrappedIn('withAdmin', '/apps/admin/app/api/y')]],
    ]);
  });

  it('gives the defaults when there is none up to the root', async () => {
    const cwd = project({ 'app/api/x/route.ts': unwrappedRoute });
    expect(await findings(eslintIn(cwd), cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withTenantContext')]]]);
  });

  it('is a clear error naming the file when it is not valid JSON, not a stack trace', async () => {
    const cwd = project({ 'tenant-isolation.config.json': '{ "routes": [ }', 'app/api/x/route.ts': unwrappedRoute });
    const file = path.join(cwd, 'tenant-isolation.config.json');
    await expect(eslintIn(cwd).lintFiles(['.'])).rejects.toThrow(
      `Invalid tenant-isolation config in ${file} (1 problem):\n  (root): not valid JSON at line 1, column 15:`,
    );
  });

  it('names the file and the key path when a value is wrong', async () => {
    const cwd = project({
      'tenant-isolation.config.json': JSON.stringify({ publicRoutes: [{ path: '/api/health' }] }),
      'app/api/x/route.ts': unwrappedRoute,
    });
    const file = path.join(cwd, 'tenant-isolation.config.json');
    await expect(eslintIn(cwd).lintFiles(['.'])).rejects.toThrow(
      `Invalid tenant-isolation config in ${file} (1 problem):\n  publicRoutes[0].reason: a public route needs a reason`,
    );
  });

  it('tells the user to pass an ES module config through the settings', async () => {
    const cwd = project({ 'tenant-isolation.config.mjs': 'export default {};', 'app/api/x/route.ts': unwrappedRoute });
    await expect(eslintIn(cwd).lintFiles(['.'])).rejects.toThrow(
      "(root): an ES module config cannot be loaded by ESLint rules, which run synchronously; import it in your ESLint config and pass it as settings['tenant-isolation'], or use a .json/.cjs file",
    );
  });

  it('loads a CommonJS config', async () => {
    const cwd = project({
      'tenant-isolation.config.cjs': `module.exports = ${wrapperConfig('withOrg')};`,
      'app/api/x/route.ts': unwrappedRoute,
    });
    expect(await findings(eslintIn(cwd), cwd, ['app'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withOrg')]]]);
  });

  describe('cache', () => {
    it('reads the file once for the files of one directory, across lint runs', async () => {
      const cwd = project({
        'tenant-isolation.config.json': wrapperConfig('withOrg'),
        'app/api/x/route.ts': unwrappedRoute,
        'app/api/x/other.ts': unwrappedRoute,
      });
      const file = path.join(cwd, 'tenant-isolation.config.json');
      const eslint = eslintIn(cwd);
      await eslint.lintFiles(['app/api/x/route.ts']);
      await eslint.lintFiles(['app/api/x/other.ts']);
      const reads = readConfigFileSync.mock.calls.filter(([found]) => found.file === file);
      expect(reads).toHaveLength(1);
    });

    it('reads the file again once it changed, so an editor session picks up the edit', async () => {
      const cwd = project({ 'tenant-isolation.config.json': wrapperConfig('withOrg'), 'app/api/x/route.ts': unwrappedRoute });
      const eslint = eslintIn(cwd);
      expect(await findings(eslint, cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withOrg')]]]);
      const file = path.join(cwd, 'tenant-isolation.config.json');
      fs.writeFileSync(file, wrapperConfig('withTeamContext'));
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(file, later, later);
      expect(await findings(eslint, cwd, ['.'])).toEqual([['app/api/x/route.ts', [unwrappedIn('withTeamContext')]]]);
    });
  });
});
