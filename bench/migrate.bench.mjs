#!/usr/bin/env node
/**
 * Codemod benchmark: a dry run of the codemod (`runMigration`) over a generated corpus of route files, against a
 * jscodeshift identity transform (parse with the `tsx` parser, print back) under jscodeshift's own runner, over
 * the same files with the same number of workers, in the same process. The identity transform is the floor of any
 * jscodeshift transform: what a run costs before the transform does anything.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages, machine, median, REPO_ROOT } from './common.mjs';
import { ensureCorpus, parseArgs, UsageError } from './corpus.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const IDENTITY_TRANSFORM = path.join(BENCH_DIR, 'jscodeshift-identity.cjs');
const TARGET_RATIO = 1.5;
const require = createRequire(import.meta.url);

const defaultWorkers = () => os.availableParallelism?.() ?? os.cpus().length;

const USAGE = `Usage: node bench/migrate.bench.mjs [--files N] [--seed S] [--runs R] [--workers W] [--check]

Generates (or reuses) a seeded corpus of N route files in bench/.corpus/ and, R times in one process,
alternating which goes first, times two runs over its route files with W workers each:
  - the codemod's dry run: runMigration({ dry: true, force: true, workers: W }) from @tenant-isolation/codemod
    (selects the route files, migrates them in worker threads, scans the project before and after as
    \`tenant-isolation report\` does for coverage, builds the report; writes nothing), and
  - a jscodeshift identity transform (bench/jscodeshift-identity.cjs: j(file.source).toSource(), tsx
    parser) under jscodeshift's own runner (W worker processes, dry), the least any transform costs.
Prints the median wall time of each and their ratio (the target), the CPU time of each (Linux; steadier
on a shared machine), what the codemod would change against the manifest, and writes
bench/results/migrate.json.

Options:
  --files N     route files in the corpus                               [default: 2000]
  --seed S      corpus seed                                             [default: 42]
  --runs R      runs of each side; medians are reported                 [default: 3]
  --workers W   workers for both sides                                  [default: ${defaultWorkers()}, the CPUs]
  --check       exit 1 when the codemod takes more than ${TARGET_RATIO}× the identity time,
                or migrates fewer than half the handlers the manifest marks unmigrated
  --help        show this help

It builds the packages (tsc -b) and runs the built codemod (packages/codemod/dist).
`;

/**
 * jscodeshift's runner, with its cap lifted: it never starts more than (CPUs − 1) processes, read from
 * `os.cpus()` when the module loads, which on a 2-CPU machine would give the identity side one worker against
 * the codemod's two. `cpus` still decides how many it starts, so both sides get the same count.
 */
function loadJscodeshiftRunner() {
  const nodeOs = require('node:os');
  const cpus = nodeOs.cpus;
  const [cpu] = cpus();
  nodeOs.cpus = () => Array.from({ length: 1025 }, () => cpu);
  try {
    return require('jscodeshift/src/Runner');
  } finally {
    nodeOs.cpus = cpus;
  }
}

const cpuMsOf = ({ user, system }) => (user + system) / 1000;

/** Linux's clock ticks per second, the unit of /proc/self/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU time of the child processes this process has reaped, in ms (Linux: /proc/self/stat); null elsewhere. */
function childrenCpuMs() {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Waits until the children's CPU time stops growing: jscodeshift's workers exit just after the run resolves. */
async function settledChildrenCpuMs() {
  let last = childrenCpuMs();
  for (let i = 0; i < 20 && last !== null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = childrenCpuMs();
    if (now === last) break;
    last = now;
  }
  return last;
}

/** CPU time counts every thread of this process: the codemod's workers and V8's helper threads too. */
async function codemodOnce(codemod, corpusDir, config, workers) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { report } = await codemod.runMigration({ root: corpusDir, config, dry: true, force: true, workers });
  const wallMs = performance.now() - started;
  return { wallMs, cpuMs: cpuMsOf(process.cpuUsage(cpuBefore)), report };
}

/** CPU time counts the runner in this process and its worker processes. */
async function identityOnce(runner, paths, workers) {
  const childrenBefore = await settledChildrenCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const stats = await runner.run(IDENTITY_TRANSFORM, paths, {
    dry: true,
    silent: true,
    verbose: 0,
    runInBand: workers === 1,
    cpus: workers,
    parser: 'tsx',
    babel: false,
    extensions: 'ts,tsx',
  });
  const wallMs = performance.now() - started;
  const ownCpuMs = cpuMsOf(process.cpuUsage(cpuBefore));
  const childrenAfter = await settledChildrenCpuMs();
  const cpuMs = childrenBefore === null || childrenAfter === null ? null : ownCpuMs + childrenAfter - childrenBefore;
  return { wallMs, cpuMs, stats: { ok: stats.ok, nochange: stats.nochange, skip: stats.skip, error: stats.error } };
}

/** What the codemod would do, in numbers that can be held against the manifest. */
function codemodSummary(report) {
  const reasons = new Map();
  for (const { reason } of report.leftAlone) {
    // One row per kind of reason: names, lines and counts vary from file to file.
    const kind = reason.replace(/`[^`]*`/g, '`…`').replace(/\(line \d+\)/g, '(line …)').replace(/\b\w+\(\)/g, '…()');
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  return {
    filesScanned: report.filesScanned,
    filesChanged: report.filesChanged.length,
    handlersMigrated: report.migrated.filter((m) => !m.wrappedOnly).length,
    handlersWrappedOnly: report.migrated.filter((m) => m.wrappedOnly).length,
    handlersWithoutAuth: report.migrated.filter((m) => !m.requireAuth).length,
    handlersLeftAlone: report.leftAlone.filter((l) => l.handler !== null).length,
    filesNotOpened: report.leftAlone.filter((l) => l.handler === null).length,
    leftAloneBecause: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, handlers]) => ({ reason, handlers })),
    // The summaries `tenant-isolation report` would give before and after the run.
    coverage: { before: report.coverage.before, after: report.coverage.after },
    handlersReadingThroughImports: report.sessionReadsThroughImports.length,
  };
}

/** Where the codemod's view of the corpus before the run (the report's summary) differs from the manifest's statuses. */
function statusDisagreements(manifest, coverageBefore) {
  return Object.entries(manifest.totals.byStatus)
    .filter(([status, count]) => coverageBefore[status] !== count)
    .map(([status, count]) => ({ status, manifest: count, codemod: coverageBefore[status] ?? 0 }));
}

const fmtMs = (ms) => `${ms.toFixed(1)} ms`;
const fmtInt = (n) => n.toLocaleString('en-US');
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

function printTable(report) {
  const { median: m, medianCpu: cpu, corpus, options, codemod, target } = report;
  const rows = [
    ['', 'wall', cpu ? 'CPU' : ''],
    ['codemod dry run (runMigration)', fmtMs(m.codemodMs), cpu ? fmtMs(cpu.codemodMs) : ''],
    ['jscodeshift identity transform (tsx)', fmtMs(m.identityMs), cpu ? fmtMs(cpu.identityMs) : ''],
    ['ratio', `${target.ratio.toFixed(2)}×`, cpu ? `${cpu.ratio.toFixed(2)}×` : ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const unmigrated = corpus.byStatus.unmigrated;
  const lines = [
    `Codemod benchmark: ${fmtInt(corpus.files)} route files, ${fmtInt(corpus.handlers)} handlers (seed ${corpus.seed}), ` +
      `${options.workers} worker${options.workers === 1 ? '' : 's'} each, median of ${options.runs} run${options.runs === 1 ? '' : 's'}`,
    '',
    ...rows.map(([label, wall, cpuTime]) => `  ${label.padEnd(width)}  ${wall.padStart(12)}  ${cpuTime.padStart(12)}`.trimEnd()),
    '',
    `  codemod: ${fmtInt(codemod.filesChanged)} of ${fmtInt(codemod.filesScanned)} files would change; ` +
      `${fmtInt(codemod.handlersMigrated)} of the manifest's ${fmtInt(unmigrated)} unmigrated handlers migrated ` +
      `(${pct(codemod.handlersMigrated, unmigrated)}), ${fmtInt(codemod.handlersLeftAlone)} left alone with a reason`,
    `  coverage: ${codemod.coverage.before.coverage.covered}/${codemod.coverage.before.coverage.total} before, ` +
      `${codemod.coverage.after.coverage.covered}/${codemod.coverage.after.coverage.total} after`,
    `  identity: ${fmtInt(report.identity.nochange)} files unchanged, ${fmtInt(report.identity.error)} errors`,
    `  target: codemod ≤ ${TARGET_RATIO}× identity: ${target.met ? 'met' : 'MISSED'} ` +
      `(${target.ratio.toFixed(2)}×; per run ${Math.min(...target.ratioPerRun).toFixed(2)}–${Math.max(...target.ratioPerRun).toFixed(2)}×)` +
      (target.migratesMost ? '' : `; and it migrated only ${pct(codemod.handlersMigrated, unmigrated)} of the unmigrated handlers`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv, { files: 'count', seed: 'string', runs: 'count', workers: 'count', check: 'flag' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`migrate.bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = { files: args.files ?? 2000, seed: args.seed ?? '42', runs: args.runs ?? 3, workers: args.workers ?? defaultWorkers() };

  buildPackages('core', 'codemod');
  const codemod = require('@tenant-isolation/codemod');
  const { loadConfigSync } = require('@tenant-isolation/core');
  const runner = loadJscodeshiftRunner();

  const corpus = ensureCorpus({ seed: options.seed, files: options.files, root: path.join(BENCH_DIR, '.corpus') });
  process.stderr.write(`${corpus.reused ? 'Reusing' : 'Generated'} corpus ${path.relative(REPO_ROOT, corpus.dir)}\n`);
  const { config } = loadConfigSync(corpus.dir);
  // The identity side gets exactly the files the codemod selects.
  const files = await codemod.selectRouteFiles(corpus.dir, config, {});
  const paths = files.map((file) => path.join(corpus.dir, file));

  const runs = [];
  let codemodReport;
  for (let i = 0; i < options.runs; i++) {
    // Alternating the order spreads warm-up and the machine's drift over both sides alike.
    const order = i % 2 === 0 ? ['codemod', 'identity'] : ['identity', 'codemod'];
    const run = { first: order[0] };
    for (const side of order) {
      if (side === 'codemod') {
        const { wallMs, cpuMs, report } = await codemodOnce(codemod, corpus.dir, config, options.workers);
        run.codemodMs = wallMs;
        run.codemodCpuMs = cpuMs;
        run.codemod = codemodSummary(report);
        codemodReport ??= run.codemod;
      } else {
        const { wallMs, cpuMs, stats } = await identityOnce(runner, paths, options.workers);
        run.identityMs = wallMs;
        run.identityCpuMs = cpuMs;
        run.identity = stats;
      }
    }
    run.ratio = run.codemodMs / run.identityMs;
    run.cpuRatio = run.identityCpuMs ? run.codemodCpuMs / run.identityCpuMs : null;
    run.loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
    process.stderr.write(
      `  run ${i + 1}/${options.runs} (${run.first} first): codemod ${fmtMs(run.codemodMs)}, identity ${fmtMs(run.identityMs)}, ` +
        `${run.ratio.toFixed(2)}×` +
        (run.cpuRatio === null ? '' : `; CPU ${fmtMs(run.codemodCpuMs)} and ${fmtMs(run.identityCpuMs)}, ${run.cpuRatio.toFixed(2)}×`) +
        ` (load ${run.loadAverage.toFixed(1)})\n`,
    );
    if (run.identity.error > 0 || run.identity.nochange !== files.length) {
      process.stderr.write(
        `migrate.bench: the identity transform changed or failed on ${files.length - run.identity.nochange} file(s); it must leave every file as it was\n`,
      );
      return 1;
    }
    if (JSON.stringify(run.codemod) !== JSON.stringify(codemodReport)) {
      process.stderr.write('migrate.bench: the codemod gave a different result in this run than in the first; it must be deterministic\n');
      return 1;
    }
    runs.push(run);
  }

  const { manifest } = corpus;
  const last = runs[runs.length - 1];
  const medianCodemodMs = median(runs.map((r) => r.codemodMs));
  const medianIdentityMs = median(runs.map((r) => r.identityMs));
  const ratio = medianCodemodMs / medianIdentityMs;
  const cpuMeasured = runs.every((r) => r.cpuRatio !== null);
  const medianCpu = cpuMeasured
    ? { codemodMs: median(runs.map((r) => r.codemodCpuMs)), identityMs: median(runs.map((r) => r.identityCpuMs)) }
    : null;
  const migratesMost = codemodReport.handlersMigrated > manifest.totals.byStatus.unmigrated / 2;
  const report = {
    benchmark: 'migrate',
    date: new Date().toISOString(),
    machine: machine({ nproc: defaultWorkers(), jscodeshift: require('jscodeshift/package.json').version }),
    options,
    corpus: {
      dir: path.relative(REPO_ROOT, corpus.dir),
      seed: manifest.seed,
      generatorHash: manifest.generatorHash,
      files: files.length,
      handlers: manifest.totals.handlers,
      byStatus: manifest.totals.byStatus,
    },
    median: { codemodMs: medianCodemodMs, identityMs: medianIdentityMs },
    // CPU time is steadier than wall time on a shared machine; the target is on wall time.
    medianCpu: medianCpu && { ...medianCpu, ratio: medianCpu.codemodMs / medianCpu.identityMs },
    codemod: codemodReport,
    identity: last.identity,
    manifestDisagreements: statusDisagreements(manifest, codemodReport.coverage.before),
    target: {
      maxRatio: TARGET_RATIO,
      met: ratio <= TARGET_RATIO && migratesMost,
      ratio,
      ratioPerRun: runs.map((r) => r.ratio),
      // A codemod that is fast because it migrates nothing proves nothing.
      migratesMost,
    },
    runs: runs.map(({ codemod: _codemod, ...run }) => run),
  };

  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'migrate.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
  for (const d of report.manifestDisagreements) {
    process.stdout.write(`  warning: the codemod counts ${d.codemod} ${d.status} handlers before the run, the manifest ${d.manifest}\n`);
  }
  process.stdout.write(`  wrote ${path.relative(REPO_ROOT, path.join(resultsDir, 'migrate.json'))}\n`);
  return args.check && !report.target.met ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
