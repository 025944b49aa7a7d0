import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeModule, parseModule, resolveConfig } from '@tenant-isolation/core';
import * as tsParser from '@typescript-eslint/parser';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';
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
  totals: { handlers: number; byStatus: Record<string, number>; byStyle: Record<string, number>; expectedFindings: number };
  routes: ManifestRoute[];
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, [CORPUS_CLI, ...args], { encoding: 'utf8' });
}

function generate(seed: number, files: number, out: string): void {
  const result = runCli(['--seed', String(seed), '--files', String(files), '--out', out]);
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
      expect(disagreements).toEqual([]);
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

  describe('command line', () => {
    it('prints its usage for --help', () => {
      const result = runCli(['--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: node bench\/corpus\.mjs/);
      expect(result.stdout).toContain('--seed');
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
