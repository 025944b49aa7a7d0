import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@tenant-isolation/core';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';
import { scanProject } from '../src/scan';

/*
 * One analyzer, three front ends: the handlers the report calls unmigrated because of a session read in their own
 * file (directly or through same-file helpers) must be exactly those the lint rule reports, at the same lines.
 * What the report adds across modules is beyond a per-file rule, and is left out of the comparison.
 */
const RULE = 'tenant-isolation/require-tenant-context';
const EXAMPLE_APP = path.resolve(__dirname, '../../../fixtures/example-app');
const CROSS_MODULE = path.join(__dirname, '__fixtures__', 'cross-module');
const CORPUS_CLI = path.resolve(__dirname, '../../../bench/corpus.mjs');

interface Verdicts {
  /** `file#NAME` of every handler with a session read in its own file outside the wrapper. */
  handlers: string[];
  /** `file:line` of every such read. */
  calls: string[];
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

/** One rule of the plugin on every source file, with the project's own tenant-isolation.config.json as settings. */
function lintConfig(root: string, rule: string): Linter.Config[] {
  return [
    {
      files: ['**/*.{ts,tsx,js,jsx}'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      plugins: { 'tenant-isolation': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      settings: { 'tenant-isolation': JSON.parse(fs.readFileSync(path.join(root, 'tenant-isolation.config.json'), 'utf8')) },
      rules: { [rule]: 'error' },
    },
  ];
}

async function reportVerdicts(root: string): Promise<Verdicts> {
  const { config } = await loadConfig(root);
  const { report } = await scanProject({ root, config, version: 'test' });
  const handlers: string[] = [];
  const calls: string[] = [];
  for (const route of report.routes) {
    for (const handler of route.handlers) {
      const own = handler.sessionCalls.filter((call) => call.file === route.file);
      if (handler.status !== 'unmigrated' || own.length === 0) continue;
      handlers.push(`${route.file}#${handler.name}`);
      calls.push(...own.map((call) => `${call.file}:${call.line}`));
    }
  }
  return { handlers: sorted(handlers), calls: sorted(calls) };
}

async function lintVerdicts(root: string): Promise<Verdicts> {
  const { config } = await loadConfig(root);
  const { report } = await scanProject({ root, config, version: 'test' });
  const linter = new Linter({ cwd: root });
  const eslintConfig = lintConfig(root, RULE);
  const handlers: string[] = [];
  const calls: string[] = [];
  // Every route file the scan found, the unparseable ones included: the rule must have nothing to say there either.
  const files = [...report.routes.map((r) => r.file), ...report.errors.filter((e) => e.kind === 'route').map((e) => e.file)];
  for (const file of files) {
    const messages = linter.verify(fs.readFileSync(path.join(root, file), 'utf8'), eslintConfig, { filename: path.join(root, file) });
    for (const message of messages.filter((m) => m.ruleId === RULE)) {
      const named = /reads the session in (?:route handlers?|server actions?|handlers) (.+?)(?: \(through .+\))? outside /.exec(message.message);
      if (!named) throw new Error(`unexpected message at ${file}:${message.line}: ${message.message}`);
      for (const name of named[1]!.split(/, | and /)) handlers.push(`${file}#${name.replace(/^'|'$/g, '')}`);
      calls.push(`${file}:${message.line}`);
    }
  }
  return { handlers: sorted(handlers), calls: sorted(calls) };
}

describe('the report and the lint rule agree', () => {
  it.each([
    ['the example app', EXAMPLE_APP],
    ['the cross-module fixture', CROSS_MODULE],
    ['the fixture with server actions and a pages wrapper', path.join(__dirname, '__fixtures__', 'actions-and-pages')],
  ])('on %s', async (_, root) => {
    const fromReport = await reportVerdicts(root);
    expect(fromReport.handlers.length).toBeGreaterThan(0);
    expect(fromReport).toEqual(await lintVerdicts(root));
  });

  describe('on generated corpora', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-agreement-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it.each([3, 19])('seed %i, 150 files', async (seed) => {
      const corpus = path.join(dir, `seed-${seed}`);
      const result = spawnSync(process.execPath, [CORPUS_CLI, '--seed', String(seed), '--files', '150', '--out', corpus], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`corpus.mjs failed: ${result.stderr}`);
      const fromReport = await reportVerdicts(corpus);
      expect(fromReport.handlers.length).toBeGreaterThan(100);
      expect(fromReport).toEqual(await lintVerdicts(corpus));
    });
  });
});

/*
 * Default deny, counted twice: the handlers the report leaves out of wrapper coverage's numerator (neither wrapped nor
 * public) must be exactly those require-route-wrapper reports. Handlers whose code is in another module are left out
 * on both sides: the report follows them, the rule reports them as not visible from their route file.
 */
const WRAPPER_RULE = 'tenant-isolation/require-route-wrapper';
// `error`: not wrapped, and what it reads could not be told (a module it uses does not parse or resolve).
const NOT_WRAPPED = new Set(['unmigrated', 'unwrapped', 'suppressed', 'error']);
const HANDLER_NAMED = /^(?:Route handler '([^']+)' of \S+|API route \S+ \(default export\)|Server action '([^']+)' in \S+) /;

async function unwrappedByReport(root: string): Promise<{ handlers: string[]; wrapperCoverageGap: number }> {
  const { config } = await loadConfig(root);
  const { report } = await scanProject({ root, config, version: 'test' });
  const handlers = report.routes.flatMap((route) =>
    route.handlers.filter((h) => h.definedIn === null && NOT_WRAPPED.has(h.status)).map((h) => `${route.file}#${h.name}`),
  );
  const { wrapperCoverage } = report.summary;
  return { handlers: sorted(handlers), wrapperCoverageGap: wrapperCoverage.total - wrapperCoverage.covered };
}

async function unwrappedByRule(root: string): Promise<string[]> {
  const { config } = await loadConfig(root);
  const { report } = await scanProject({ root, config, version: 'test' });
  const linter = new Linter({ cwd: root });
  const eslintConfig = lintConfig(root, WRAPPER_RULE);
  const handlers: string[] = [];
  for (const { file } of report.routes) {
    const messages = linter.verify(fs.readFileSync(path.join(root, file), 'utf8'), eslintConfig, { filename: path.join(root, file) });
    for (const message of messages) {
      if (message.ruleId !== WRAPPER_RULE || message.messageId === 'handlerFromElsewhere' || message.messageId === 'exportAll') continue;
      const named = HANDLER_NAMED.exec(message.message);
      if (!named) throw new Error(`unexpected message at ${file}:${message.line}: ${message.message}`);
      handlers.push(`${file}#${named[1] ?? named[2] ?? 'default'}`);
    }
  }
  return sorted(handlers);
}

describe("the report's wrapper coverage and require-route-wrapper agree", () => {
  it.each([
    ['the example app', EXAMPLE_APP],
    ['the cross-module fixture', CROSS_MODULE],
  ])('on %s', async (_, root) => {
    const fromReport = await unwrappedByReport(root);
    expect(fromReport.handlers.length).toBeGreaterThan(0);
    expect(fromReport.handlers).toEqual(await unwrappedByRule(root));
  });

  it('on a generated corpus', async () => {
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-wrapper-agreement-'));
    try {
      const result = spawnSync(process.execPath, [CORPUS_CLI, '--seed', '7', '--files', '150', '--out', corpus], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`corpus.mjs failed: ${result.stderr}`);
      const fromReport = await unwrappedByReport(corpus);
      expect(fromReport.handlers.length).toBeGreaterThan(50);
      expect(fromReport.handlers).toEqual(await unwrappedByRule(corpus));
    } finally {
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });

  it('on the example app, every handler outside wrapper coverage is one the rule reports', async () => {
    const { handlers, wrapperCoverageGap } = await unwrappedByReport(EXAMPLE_APP);
    expect(handlers.length).toBe(wrapperCoverageGap);
  });
});

/*
 * The second figure, counted twice: the queries the report counts as not scoped to the tenant must be exactly those
 * require-tenant-scoped-query reports, at the same place and for the same reason, and the report's figure must be the
 * queries it lists minus those findings.
 */
const QUERY_RULE = 'tenant-isolation/require-tenant-scoped-query';

async function queriesByReport(root: string): Promise<{ findings: string[]; scoped: number; total: number }> {
  const { config } = await loadConfig(root);
  const { report } = await scanProject({ root, config, version: 'test' });
  const findings = report.routes.flatMap((route) =>
    route.queries.filter((q) => q.status === 'unscoped').map((q) => `${route.file}:${q.line}:${q.column + 1} ${q.finding}`),
  );
  const { covered, total } = report.summary.queryScoping!;
  return { findings: sorted(findings), scoped: covered, total };
}

function queriesByRule(root: string, files: readonly string[]): string[] {
  const linter = new Linter({ cwd: root });
  const eslintConfig = lintConfig(root, QUERY_RULE);
  const findings: string[] = [];
  for (const file of files) {
    const messages = linter.verify(fs.readFileSync(path.join(root, file), 'utf8'), eslintConfig, { filename: path.join(root, file) });
    for (const m of messages.filter((message) => message.ruleId === QUERY_RULE)) findings.push(`${file}:${m.line}:${m.column} ${m.messageId}`);
  }
  return sorted(findings);
}

describe("the report's query figure and require-tenant-scoped-query agree", () => {
  it('on the example app, whose hand-written list they both equal', async () => {
    const { findings, scoped, total } = await queriesByReport(EXAMPLE_APP);
    const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLE_APP, 'expected-query-findings.json'), 'utf8')) as {
      queries: number;
      scoped: number;
      findings: Array<{ file: string; line: number; column: number; messageId: string }>;
    };
    expect({ scoped, total }).toEqual({ scoped: expected.scoped, total: expected.queries });
    expect(findings).toEqual(sorted(expected.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.messageId}`)));
    const routeFiles = sorted(findings.map((f) => f.slice(0, f.indexOf(':'))));
    expect(queriesByRule(EXAMPLE_APP, routeFiles)).toEqual(findings);
  });

  describe('on generated corpora with a Prisma schema', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-query-agreement-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it.each([3, 19])('seed %i, 150 files', async (seed) => {
      const corpus = path.join(dir, `seed-${seed}`);
      const result = spawnSync(process.execPath, [CORPUS_CLI, '--seed', String(seed), '--files', '150', '--prisma', '--out', corpus], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`corpus.mjs failed: ${result.stderr}`);
      const { findings, scoped, total } = await queriesByReport(corpus);
      expect(total).toBeGreaterThan(500);
      expect(scoped).toBeGreaterThan(50);
      expect(total - scoped).toBe(findings.length);
      const { config } = await loadConfig(corpus);
      const { report } = await scanProject({ root: corpus, config, version: 'test' });
      expect(queriesByRule(corpus, report.routes.map((r) => r.file))).toEqual(findings);
    });
  });
});
