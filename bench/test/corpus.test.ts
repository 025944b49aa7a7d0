import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeModule, parseModule, resolveConfig } from '@tenant-isolation/core';
import * as tsParser from '@typescript-eslint/parser';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import plugin from 'eslint-plugin-tenant-isolation';

/*
 * The generator is an ES module and these tests run as CommonJS, so they drive it through its command line, which
 * is also what the benchmarks and CI use.
 */
const CORPUS_CLI = path.resolve(__dirname, '../corpus.mjs');
const RULE = 'tenant-isolation/require-tenant-context';
const FILES = 200;

type Status = 'migrated' | 'partial' | 'unmigrated' | 'unwrapped' | 'public';

interface ManifestHandler {
  name: string;
  status: Status;
  style: string;
  sessionCallLines: number[];
}

interface ManifestRoute {
  file: string;
  urlPath: string;
  lines: number;
  idioms: string[];
  handlers: ManifestHandler[];
}

interface Manifest {
  seed: number;
  files: number;
  typed?: boolean;
  typedApp?: { models: number; clientLines: number; libModules: number; tests: number };
  totals: { handlers: number; byStatus: Record<string, number>; byStyle: Record<string, number>; expectedFindings: number };
  routes: ManifestRoute[];
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, [CORPUS_CLI, ...args], { encoding: 'utf8' });
}

function generate(seed: number, files: number, out: string, ...flags: string[]): void {
  const result = runCli(['--seed', String(seed), '--files', String(files), ...flags, '--out', out]);
  if (result.status !== 0) throw new Error(`corpus.mjs failed (${result.status}): ${result.stderr}`);
}

/** Every file under `dir`, project-relative with forward slashes, sorted. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const readConfigJson = (dir: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(dir, 'tenant-isolation.config.json'), 'utf8'));
const uniqueSorted = (lines: number[]): number[] => [...new Set(lines)].sort((a, b) => a - b);

/** Where the analyzer's statuses and session call lines differ from the manifest's, one entry per route file. */
function analyzerDisagreements(corpus: string, manifest: Manifest): string[] {
  const config = resolveConfig(readConfigJson(corpus), 'tenant-isolation.config.json');
  const disagreements: string[] = [];
  for (const route of manifest.routes) {
    const { program, scopeManager } = parseModule(fs.readFileSync(path.join(corpus, route.file), 'utf8'), route.file);
    const analysis = analyzeModule(program, scopeManager, config, { filePath: route.file, routePath: route.file });
    const actual = analysis.handlers
      .map((h) => ({
        name: h.name,
        status: h.status,
        sessionCallLines: uniqueSorted(h.sessionCalls.map((c) => c.site.loc.start.line)),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const expected = route.handlers
      .map(({ name, status, sessionCallLines }) => ({ name, status, sessionCallLines }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      disagreements.push(`${route.file}\n  analyzer: ${JSON.stringify(actual)}\n  manifest: ${JSON.stringify(expected)}`);
    }
  }
  return disagreements;
}

describe('bench/corpus.mjs', () => {
  let tmp: string;
  let corpus: string;
  let manifest: Manifest;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-corpus-'));
    corpus = path.join(tmp, 'seed-7');
    generate(7, FILES, corpus);
    manifest = readManifest(corpus);
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('determinism', () => {
    it('gives byte-identical corpora for the same seed and file count', () => {
      const again = path.join(tmp, 'seed-7-again');
      generate(7, FILES, again);
      const files = listFiles(corpus);
      expect(listFiles(again)).toEqual(files);
      const differing = files.filter((f) => !fs.readFileSync(path.join(corpus, f)).equals(fs.readFileSync(path.join(again, f))));
      expect(differing).toEqual([]);
    });

    it('gives a different corpus for a different seed', () => {
      const other = path.join(tmp, 'seed-8');
      generate(8, FILES, other);
      const otherManifest = readManifest(other);
      const sameRoute = manifest.routes.filter((route, i) => {
        const twin = otherManifest.routes[i]!;
        return twin.file === route.file && fs.readFileSync(path.join(other, twin.file), 'utf8') === fs.readFileSync(path.join(corpus, route.file), 'utf8');
      });
      // Only index 0, NextAuth's own route, is the same in every corpus.
      expect(sameRoute.map((r) => r.file)).toEqual(['app/api/auth/[...nextauth]/route.ts']);
    });

    it('makes a smaller corpus the prefix of a larger one with the same seed', () => {
      const larger = path.join(tmp, 'seed-7-larger');
      generate(7, FILES + 50, larger);
      const largerManifest = readManifest(larger);
      expect(largerManifest.routes.slice(0, FILES)).toEqual(manifest.routes);
    });
  });

  describe('layout', () => {
    it('writes exactly the requested number of route files, each 30 to 250 lines long', () => {
      const routes = listFiles(corpus).filter((f) => /^app\/.*\/route\.ts$/.test(f));
      expect(routes).toHaveLength(FILES);
      expect(manifest.routes.map((r) => r.file).sort()).toEqual(routes);
      const outOfRange = manifest.routes.filter((r) => r.lines < 30 || r.lines > 250).map((r) => `${r.file}: ${r.lines}`);
      expect(outOfRange).toEqual([]);
      const actualLines = manifest.routes.filter(
        (r) => fs.readFileSync(path.join(corpus, r.file), 'utf8').split('\n').length - 1 !== r.lines,
      );
      expect(actualLines).toEqual([]);
    });

    it('writes the project around the routes: lib stubs, tsconfig paths and the tenant-isolation config', () => {
      const files = listFiles(corpus);
      for (const lib of ['auth', 'api-wrapper', 'tenant-utils', 'auth-middleware', 'db']) expect(files).toContain(`lib/${lib}.ts`);
      const tsconfig = JSON.parse(fs.readFileSync(path.join(corpus, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.compilerOptions.paths).toEqual({ '@/*': ['./*'] });
      const config = resolveConfig(readConfigJson(corpus), 'tenant-isolation.config.json');
      expect(config.indirectSessionGetters).toEqual([{ name: 'requireAdmin', from: '@/lib/auth-middleware' }]);
      expect(config.publicRoutes.length).toBeGreaterThanOrEqual(2);
      for (const route of config.publicRoutes) expect(route.reason.length).toBeGreaterThan(10);
    });

    it('generates TypeScript that parses, every file of it', () => {
      const failures: string[] = [];
      for (const file of listFiles(corpus).filter((f) => f.endsWith('.ts'))) {
        try {
          parse(fs.readFileSync(path.join(corpus, file), 'utf8'), { filePath: file, range: true, loc: true });
        } catch (error) {
          failures.push(`${file}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('realism', () => {
    it('mixes handler styles in the proportions of a codebase early in its migration', () => {
      const { handlers, byStyle } = manifest.totals;
      const share = (style: string) => (byStyle[style] ?? 0) / handlers;
      expect(share('direct')).toBeGreaterThan(0.5);
      expect(share('direct')).toBeLessThan(0.7);
      expect(share('helper')).toBeGreaterThan(0.05);
      expect(share('helper')).toBeLessThan(0.15);
      expect(share('admin')).toBeGreaterThan(0.04);
      expect(share('admin')).toBeLessThan(0.13);
      expect(share('migrated')).toBeGreaterThan(0.05);
      expect(share('migrated')).toBeLessThan(0.15);
      expect(share('partial')).toBeGreaterThan(0);
      expect(share('partial')).toBeLessThan(0.05);
      expect(share('public') + share('nextauth')).toBeGreaterThan(0.02);
      expect(share('public') + share('nextauth')).toBeLessThan(0.1);
    });

    it('uses each of the idioms the analyzers must see through', () => {
      const seen = new Set(manifest.routes.flatMap((r) => r.idioms));
      const idioms = [
        'aliased-import',
        'namespace-import',
        'next-auth-next',
        'export-specifiers',
        'function-expression',
        'arrow-const',
        'try-catch-session',
        'as-any-tenant',
        'params-promise',
        'segment-config',
        'helper-chain-1',
        'helper-chain-2',
        'composed-wrapper',
        'relative-import',
        'second-session-read',
      ];
      expect(idioms.filter((idiom) => !seen.has(idiom))).toEqual([]);
    });
  });

  describe('agreement with the analyzer', () => {
    it('gives every handler the status and session call lines the manifest intends', () => {
      expect(analyzerDisagreements(corpus, manifest)).toEqual([]);
    });

    it('reports every session call an unmigrated handler reaches, and nothing else', () => {
      const linter = new Linter({ cwd: corpus });
      const config: Linter.Config[] = [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as unknown as Linter.Parser },
          plugins: { 'tenant-isolation': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
          settings: { 'tenant-isolation': readConfigJson(corpus) },
          rules: { [RULE]: 'error' },
        },
      ];
      const disagreements: Array<{ file: string; missing: number[]; unexpected: number[] }> = [];
      let reportedTotal = 0;
      for (const route of manifest.routes) {
        const messages = linter.verify(fs.readFileSync(path.join(corpus, route.file), 'utf8'), config, {
          filename: path.join(corpus, route.file),
        });
        const fatal = messages.filter((m) => m.fatal);
        if (fatal.length > 0) throw new Error(`${route.file} did not parse: ${fatal[0]!.message}`);
        const reported = uniqueSorted(messages.filter((m) => m.ruleId === RULE).map((m) => m.line));
        const expected = uniqueSorted(route.handlers.filter((h) => h.status === 'unmigrated').flatMap((h) => h.sessionCallLines));
        reportedTotal += reported.length;
        const missing = expected.filter((l) => !reported.includes(l));
        const unexpected = reported.filter((l) => !expected.includes(l));
        if (missing.length > 0 || unexpected.length > 0) disagreements.push({ file: route.file, missing, unexpected });
      }
      expect(disagreements).toEqual([]);
      expect(reportedTotal).toBe(manifest.totals.expectedFindings);
    });
  });

  describe('the typed app (--typed)', () => {
    const PUBLIC_URL = /^\/api\/(public|webhooks|auth)\//;
    const TYPED_DOMAINS = ['billing', 'payments', 'projects', 'teams', 'admin', 'reports', 'customers', 'integrations', 'notifications', 'inventory', 'support', 'documents'];
    let typed: string;
    let typedManifest: Manifest;

    beforeAll(() => {
      typed = path.join(tmp, 'seed-7-typed');
      generate(7, FILES, typed, '--typed');
      typedManifest = readManifest(typed);
    });

    it('leaves a corpus without --typed as it was: no client, no tests, no lib module imports', () => {
      expect(manifest).not.toHaveProperty('typed');
      expect(listFiles(corpus).filter((f) => /^(node_modules|tests|prisma)\//.test(f) || f === 'next-env.d.ts')).toEqual([]);
      const importing = manifest.routes.filter((r) => /Policy } from/.test(fs.readFileSync(path.join(corpus, r.file), 'utf8')));
      expect(importing).toEqual([]);
    });

    it('gives the app a Prisma client of 60 to 80 models behind lib/db.ts, and says how large it is', () => {
      const { typedApp } = typedManifest;
      expect(typedManifest.typed).toBe(true);
      expect(typedApp!.models).toBeGreaterThanOrEqual(60);
      expect(typedApp!.models).toBeLessThanOrEqual(80);
      const client = fs.readFileSync(path.join(typed, 'node_modules/.prisma/client/index.d.ts'), 'utf8');
      expect(client.split('\n').length - 1).toBe(typedApp!.clientLines);
      expect(typedApp!.clientLines).toBeGreaterThan(50_000);
      expect(fs.readFileSync(path.join(typed, 'node_modules/@prisma/client/index.d.ts'), 'utf8')).toBe("export * from '.prisma/client'\n");
      expect(fs.readFileSync(path.join(typed, 'lib/db.ts'), 'utf8')).toContain("import { PrismaClient } from '@prisma/client'");
    });

    it('declares every type family of a Prisma client for every model of the schema', () => {
      const client = fs.readFileSync(path.join(typed, 'node_modules/.prisma/client/index.d.ts'), 'utf8');
      const models = [...fs.readFileSync(path.join(typed, 'prisma/schema.prisma'), 'utf8').matchAll(/^model (\w+) \{$/gm)].map((m) => m[1]!);
      expect(models).toHaveLength(typedManifest.typedApp!.models);
      const missing = models.flatMap((M) => {
        const delegate = M.charAt(0).toLowerCase() + M.slice(1);
        const expected = [
          `export type ${M} = {`,
          ...['WhereInput', 'WhereUniqueInput', 'Select', 'Include', 'OrderByWithRelationInput', 'CreateInput', 'UncheckedCreateInput', 'UpdateInput'].map(
            (family) => `export type ${M}${family} = `,
          ),
          `export type ${M}GetPayload<S extends boolean | null | undefined | ${M}DefaultArgs> =`,
          `findMany<T extends ${M}FindManyArgs>(args?: SelectSubset<T, ${M}FindManyArgs>): PrismaPromise<Array<${M}GetPayload<T>>>`,
          `get ${delegate}(): Prisma.${M}Delegate`,
        ];
        return expected.filter((text) => !client.includes(text)).map((text) => `${M}: ${text}`);
      });
      expect(missing).toEqual([]);
    });

    it('routes only the twelve typed domains, each app route importing the policy of its lib module', () => {
      const problems: string[] = [];
      for (const route of typedManifest.routes.filter((r) => !PUBLIC_URL.test(r.urlPath))) {
        const domain = route.urlPath.replace(/^\/api\/(v\d+\/)?/, '').split('/')[0]!;
        const code = fs.readFileSync(path.join(typed, route.file), 'utf8');
        const lib = /import \{ \w+Policy \} from '(?:@\/|(?:\.\.\/)+)(lib\/[\w-]+\/[\w-]+)'/.exec(code)?.[1];
        if (!TYPED_DOMAINS.includes(domain)) problems.push(`${route.file}: domain ${domain}`);
        else if (!lib || !lib.startsWith(`lib/${domain}/`) || !fs.existsSync(path.join(typed, `${lib}.ts`))) problems.push(`${route.file}: imports ${lib}`);
      }
      expect(problems).toEqual([]);
      expect(typedManifest.typedApp!.libModules).toBe(listFiles(typed).filter((f) => f.startsWith('lib/')).length);
      expect(typedManifest.typedApp!.libModules).toBeGreaterThanOrEqual(40);
    });

    it('tests every third app route by calling its handlers directly', () => {
      const expected = typedManifest.routes
        .filter((r, index) => index % 3 === 1 && !PUBLIC_URL.test(r.urlPath))
        .map((r) => `tests/${r.file.replace(/^app\//, '').replace(/\.ts$/, '.test.ts')}`);
      const tests = listFiles(typed).filter((f) => f.endsWith('.test.ts'));
      expect(tests).toEqual(expected.sort());
      expect(tests).toHaveLength(typedManifest.typedApp!.tests);
      expect(tests.length).toBeGreaterThanOrEqual(50);
      const route = typedManifest.routes.find((r, index) => index % 3 === 1 && !PUBLIC_URL.test(r.urlPath))!;
      const test = fs.readFileSync(path.join(typed, `tests/${route.file.replace(/^app\//, '').replace(/\.ts$/, '.test.ts')}`), 'utf8');
      expect(test).toContain(`import { ${route.handlers.map((h) => h.name).join(', ')} } from '@/${route.file.replace(/\.ts$/, '')}'`);
      for (const handler of route.handlers) expect(test).toMatch(new RegExp(`await ${handler.name}\\(`));
    });

    it('keeps the manifest true: the analyzer agrees with every handler of the typed routes', () => {
      expect(analyzerDisagreements(typed, typedManifest)).toEqual([]);
    });

    it('generates TypeScript that parses, every file of it, the client included', () => {
      const CLIENT = 'node_modules/.prisma/client/index.d.ts';
      const failures: string[] = [];
      for (const file of listFiles(typed).filter((f) => f.endsWith('.ts') && f !== CLIENT)) {
        try {
          parse(fs.readFileSync(path.join(typed, file), 'utf8'), { filePath: file });
        } catch (error) {
          failures.push(`${file}: ${(error as Error).message}`);
        }
      }
      // TypeScript's own parser for the client: typescript-estree takes seconds to convert 100,000 lines.
      const client = ts.createProgram([path.join(typed, CLIENT)], { noResolve: true, noLib: true, types: [] });
      failures.push(...client.getSyntacticDiagnostics().map((d) => `${CLIENT}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`));
      expect(failures).toEqual([]);
    });
  });

  describe('command line', () => {
    it('prints its usage for --help', () => {
      const result = runCli(['--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: node bench\/corpus\.mjs/);
      expect(result.stdout).toContain('--seed');
      expect(result.stdout).toContain('--typed');
    });

    it('exits 2 with the reason and the usage for a bad option', () => {
      const result = runCli(['--files', 'many', '--out', path.join(tmp, 'never')]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--files must be a positive integer, got many');
      expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
    });

    it('refuses to write into a non-empty directory that holds no corpus', () => {
      const occupied = path.join(tmp, 'occupied');
      fs.mkdirSync(occupied);
      fs.writeFileSync(path.join(occupied, 'notes.txt'), 'keep me');
      const result = runCli(['--files', '3', '--out', occupied]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('is not empty and holds no generated corpus');
      expect(listFiles(occupied)).toEqual(['notes.txt']);
    });
  });
});
