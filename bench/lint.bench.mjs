#!/usr/bin/env node
/**
 * Lint benchmark: one ESLint run over a generated corpus of route files with `tenant-isolation/require-tenant-context`
 * and the core `no-unused-vars` side by side, comparing the time ESLint attributes to each rule (`stats: true`).
 * `no-unused-vars` is the yardstick: a well-optimised core rule that, like ours, walks every scope of every file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { buildPackages, machine, median, REPO_ROOT } from './common.mjs';
import { ensureCorpus, parseArgs, UsageError } from './corpus.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RULE = 'tenant-isolation/require-tenant-context';
const BASELINE_RULE = 'no-unused-vars';

const QUERY_RULE = 'tenant-isolation/require-tenant-scoped-query';
/** With the query rule on, the total of a run may be at most this much above the run without it. */
const QUERY_RULE_BUDGET = 1.1;

const USAGE = `Usage: node bench/lint.bench.mjs [--files N] [--seed S] [--runs R] [--also RULES] [--query-scoping] [--check]

Generates (or reuses) a seeded corpus of N route files in bench/.corpus/ and lints it R times, each
time in one ESLint run with two rules on: ${RULE} and the core
${BASELINE_RULE} (@typescript-eslint/parser, no type information, stats: true). Prints the
median time ESLint attributes to each rule and writes bench/results/lint.json.

Options:
  --files N   route files in the corpus                          [default: 2000]
  --seed S    corpus seed                                        [default: 42]
  --runs R    ESLint runs; medians are reported                  [default: 3]
  --also R    also turn on these plugin rules (comma-separated names, or all) and print their times;
              they share the per-file analysis with ${RULE}, so a run with them is not
              the one the target is read from
  --query-scoping
              lint a corpus that also has a Prisma schema (corpus.mjs --prisma), R times without
              ${QUERY_RULE} and R times with it, alternating, and compare the
              median totals; writes bench/results/lint-query-scoping.json
  --check     exit 1 when ${RULE} is slower than ${BASELINE_RULE} (with --query-scoping: when the
              runs with ${QUERY_RULE} take more than ${Math.round((QUERY_RULE_BUDGET - 1) * 100)}% longer)
  --help      show this help

It builds the packages (tsc -b) and lints the built plugin (packages/eslint-plugin/dist).
`;

function eslintConfig(plugin, settings, extraRules) {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      },
      plugins: { 'tenant-isolation': plugin },
      settings: { 'tenant-isolation': settings },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: {
        [RULE]: 'error',
        [BASELINE_RULE]: 'error',
        ...Object.fromEntries(extraRules.map((rule) => [rule, 'error'])),
      },
    },
  ];
}

/** One ESLint run over every route file of the corpus, with the times ESLint attributes to each rule. */
async function lintOnce(plugin, corpusDir, settings, extraRules) {
  const eslint = new ESLint({
    cwd: corpusDir,
    overrideConfigFile: true,
    overrideConfig: eslintConfig(plugin, settings, extraRules),
    stats: true,
    cache: false,
  });
  const started = performance.now();
  const results = await eslint.lintFiles(['app/**/route.ts']);
  const wallMs = performance.now() - started;

  const ruleMs = {};
  let parseMs = 0;
  let fatal = 0;
  const findings = { [RULE]: 0, [BASELINE_RULE]: 0, ...Object.fromEntries(extraRules.map((rule) => [rule, 0])) };
  const reportedLines = new Map();
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [ruleId, { total }] of Object.entries(pass.rules ?? {})) ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + total;
    }
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      if (message.ruleId in findings) findings[message.ruleId]++;
      if (message.ruleId === RULE) {
        const file = path.relative(corpusDir, result.filePath).split(path.sep).join('/');
        if (!reportedLines.has(file)) reportedLines.set(file, new Set());
        reportedLines.get(file).add(message.line);
      }
    }
  }
  return {
    files: results.length,
    wallMs,
    parseMs,
    ruleMs: Object.fromEntries([RULE, BASELINE_RULE, ...extraRules].map((rule) => [rule, ruleMs[rule] ?? 0])),
    findings,
    fatal,
    reportedLines,
  };
}

/** Files where the rule's findings differ from the manifest's session call sites of unmigrated handlers. */
function disagreements(manifest, reportedLines) {
  const out = [];
  for (const route of manifest.routes) {
    const expected = new Set(route.handlers.filter((h) => h.status === 'unmigrated').flatMap((h) => h.sessionCallLines));
    const reported = reportedLines.get(route.file) ?? new Set();
    const missing = [...expected].filter((l) => !reported.has(l));
    const extra = [...reported].filter((l) => !expected.has(l));
    if (missing.length > 0 || extra.length > 0) out.push({ file: route.file, missing, extra });
  }
  return out;
}

const fmtMs = (ms) => `${ms.toFixed(1)} ms`;
const fmtInt = (n) => n.toLocaleString('en-US');

function printTable(report) {
  const { median: m, corpus, options } = report;
  const rows = [
    [RULE, fmtMs(m.ruleMs[RULE])],
    [BASELINE_RULE, fmtMs(m.ruleMs[BASELINE_RULE])],
    ...options.also.map((rule) => [`${rule} (${fmtInt(report.findings[rule])} findings)`, fmtMs(m.ruleMs[rule])]),
    ['parse (typescript-estree + scope analysis)', fmtMs(m.parseMs)],
    ['total wall time (one ESLint run)', fmtMs(m.wallMs)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `Lint benchmark: ${fmtInt(corpus.files)} route files, ${fmtInt(corpus.handlers)} handlers (seed ${corpus.seed}), ` +
      `median of ${options.runs} run${options.runs === 1 ? '' : 's'}`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(12)}`),
    '',
    `  findings: ${fmtInt(report.findings[RULE])} from ${RULE} (manifest expects ${fmtInt(corpus.expectedFindings)}), ` +
      `${fmtInt(report.findings[BASELINE_RULE])} from ${BASELINE_RULE}`,
    `  target: ${RULE} ≤ ${BASELINE_RULE}: ${report.target.met ? 'met' : 'MISSED'} ` +
      `(${report.target.ratio.toFixed(2)}× the time of ${BASELINE_RULE}; per run ` +
      `${Math.min(...report.target.ratioPerRun).toFixed(2)}–${Math.max(...report.target.ratioPerRun).toFixed(2)}×)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv, { files: 'count', seed: 'string', runs: 'count', also: 'string', 'query-scoping': 'flag', check: 'flag' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`lint.bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  buildPackages('core', 'eslint-plugin');
  const { default: plugin } = await import('eslint-plugin-tenant-isolation');
  const pluginRules = Object.keys(plugin.rules).map((name) => `tenant-isolation/${name}`).filter((rule) => rule !== RULE);
  const also = !args.also ? [] : args.also === 'all' ? pluginRules : args.also.split(',').map((name) => `tenant-isolation/${name.trim().replace(/^tenant-isolation\//, '')}`);
  const unknown = also.filter((rule) => !pluginRules.includes(rule));
  if (unknown.length > 0) {
    process.stderr.write(`lint.bench: unknown rule ${unknown.join(', ')}; the plugin has ${pluginRules.join(', ')}\n`);
    return 2;
  }
  const options = { files: args.files ?? 2000, seed: args.seed ?? '42', runs: args.runs ?? 3, also };
  if (args['query-scoping']) return queryScopingBench(plugin, options, args.check ?? false);

  const corpus = ensureCorpus({ seed: options.seed, files: options.files, root: path.join(BENCH_DIR, '.corpus') });
  process.stderr.write(`${corpus.reused ? 'Reusing' : 'Generated'} corpus ${path.relative(REPO_ROOT, corpus.dir)}\n`);
  const settings = JSON.parse(fs.readFileSync(path.join(corpus.dir, 'tenant-isolation.config.json'), 'utf8'));

  const runs = [];
  for (let i = 0; i < options.runs; i++) {
    const run = await lintOnce(plugin, corpus.dir, settings, also);
    if (run.fatal > 0) {
      process.stderr.write(`lint.bench: ${run.fatal} file(s) failed to parse; the corpus generator is broken\n`);
      return 1;
    }
    process.stderr.write(
      `  run ${i + 1}/${options.runs}: ${RULE} ${fmtMs(run.ruleMs[RULE])}, ${BASELINE_RULE} ${fmtMs(run.ruleMs[BASELINE_RULE])}, ` +
        `wall ${fmtMs(run.wallMs)}\n`,
    );
    runs.push(run);
  }

  const { manifest } = corpus;
  const last = runs[runs.length - 1];
  const mismatches = disagreements(manifest, last.reportedLines);
  const medianRuleMs = Object.fromEntries(Object.keys(last.ruleMs).map((rule) => [rule, median(runs.map((r) => r.ruleMs[rule]))]));
  const report = {
    benchmark: 'lint',
    date: new Date().toISOString(),
    machine: machine(),
    options,
    corpus: {
      dir: path.relative(REPO_ROOT, corpus.dir),
      seed: manifest.seed,
      generatorHash: manifest.generatorHash,
      files: last.files,
      handlers: manifest.totals.handlers,
      byStatus: manifest.totals.byStatus,
      expectedFindings: manifest.totals.expectedFindings,
    },
    median: {
      ruleMs: medianRuleMs,
      parseMs: median(runs.map((r) => r.parseMs)),
      wallMs: median(runs.map((r) => r.wallMs)),
    },
    findings: last.findings,
    manifestDisagreements: mismatches.slice(0, 50),
    target: {
      rule: RULE,
      baseline: BASELINE_RULE,
      met: medianRuleMs[RULE] <= medianRuleMs[BASELINE_RULE],
      ratio: medianRuleMs[RULE] / medianRuleMs[BASELINE_RULE],
      // Both rules run in the same ESLint run, so the per-run ratio is steadier than either time on a busy machine.
      ratioPerRun: runs.map((r) => r.ruleMs[RULE] / r.ruleMs[BASELINE_RULE]),
    },
    runs: runs.map(({ reportedLines: _lines, ...run }) => run),
  };

  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'lint.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
  if (mismatches.length > 0) {
    process.stdout.write(
      `  warning: the rule and the manifest disagree on ${mismatches.length} file(s), e.g. ${mismatches[0].file}\n`,
    );
  }
  process.stdout.write(`  wrote ${path.relative(REPO_ROOT, path.join(resultsDir, 'lint.json'))}\n`);
  return args.check && !report.target.met ? 1 : 0;
}

/**
 * The cost of the query rule: the same ESLint run (the rule of the lint benchmark and its yardstick) without and with
 * require-tenant-scoped-query, on a corpus whose Prisma schema makes every route's queries subject to it. Runs
 * alternate, so a machine that slows down weighs on both alike.
 */
async function queryScopingBench(plugin, options, check) {
  const corpus = ensureCorpus({ seed: options.seed, files: options.files, prisma: true, root: path.join(BENCH_DIR, '.corpus') });
  process.stderr.write(`${corpus.reused ? 'Reusing' : 'Generated'} corpus ${path.relative(REPO_ROOT, corpus.dir)}\n`);
  const settings = JSON.parse(fs.readFileSync(path.join(corpus.dir, 'tenant-isolation.config.json'), 'utf8'));
  // One run first that is not counted: the JIT warms up on it, not on the first run of either side.
  await lintOnce(plugin, corpus.dir, settings, [...options.also, QUERY_RULE]);
  const without = [];
  const withRule = [];
  for (let i = 0; i < options.runs; i++) {
    for (const [label, rules, runs] of [
      ['without', options.also, without],
      ['with', [...options.also, QUERY_RULE], withRule],
    ]) {
      const run = await lintOnce(plugin, corpus.dir, settings, rules);
      if (run.fatal > 0) {
        process.stderr.write(`lint.bench: ${run.fatal} file(s) failed to parse; the corpus generator is broken\n`);
        return 1;
      }
      process.stderr.write(`  run ${i + 1}/${options.runs} ${label} ${QUERY_RULE}: wall ${fmtMs(run.wallMs)}\n`);
      runs.push(run);
    }
  }
  const wallWithout = median(without.map((r) => r.wallMs));
  const wallWith = median(withRule.map((r) => r.wallMs));
  const ratio = wallWith / wallWithout;
  const last = withRule[withRule.length - 1];
  const report = {
    benchmark: 'lint-query-scoping',
    date: new Date().toISOString(),
    machine: machine(),
    options,
    corpus: { dir: path.relative(REPO_ROOT, corpus.dir), seed: corpus.manifest.seed, files: last.files, handlers: corpus.manifest.totals.handlers },
    median: {
      wallMsWithout: wallWithout,
      wallMsWith: wallWith,
      queryRuleMs: median(withRule.map((r) => r.ruleMs[QUERY_RULE])),
    },
    findings: last.findings[QUERY_RULE],
    target: { budget: QUERY_RULE_BUDGET, ratio, met: ratio <= QUERY_RULE_BUDGET, ratioPerRun: withRule.map((r, i) => r.wallMs / without[i].wallMs) },
    runs: { without: without.map(({ reportedLines: _l, ...run }) => run), with: withRule.map(({ reportedLines: _l, ...run }) => run) },
  };
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'lint-query-scoping.json'), `${JSON.stringify(report, null, 2)}\n`);
  const perRun = report.target.ratioPerRun;
  process.stdout.write(
    [
      `Lint benchmark with ${QUERY_RULE}: ${fmtInt(last.files)} route files with a Prisma schema (seed ${report.corpus.seed}), median of ${options.runs} runs each`,
      '',
      `  total without the rule  ${fmtMs(wallWithout).padStart(12)}`,
      `  total with the rule     ${fmtMs(wallWith).padStart(12)}   (${QUERY_RULE}: ${fmtMs(report.median.queryRuleMs)}, ${fmtInt(report.findings)} findings)`,
      '',
      `  target: at most ${QUERY_RULE_BUDGET.toFixed(2)}× the total without it: ${report.target.met ? 'met' : 'MISSED'} ` +
        `(${ratio.toFixed(3)}×; per run ${Math.min(...perRun).toFixed(3)}–${Math.max(...perRun).toFixed(3)}×)`,
      `  wrote ${path.relative(REPO_ROOT, path.join(resultsDir, 'lint-query-scoping.json'))}`,
      '',
    ].join('\n'),
  );
  return check && !report.target.met ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
