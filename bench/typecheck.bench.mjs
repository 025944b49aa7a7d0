#!/usr/bin/env node
/**
 * Typecheck benchmark: `tenant-isolation migrate --typecheck` against one `tsc --noEmit` of the same project, a
 * generated Next.js app with the type load of a real one (`corpus.mjs --typed`: a Prisma client of 73 models, lib
 * modules the routes import, tests that call the handlers). Every run is a fresh child process, timed from spawn to
 * exit; its peak memory is the max RSS of the process, worker threads included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages, machine, median, REPO_ROOT } from './common.mjs';
import { ensureCorpus, parseArgs, UsageError } from './corpus.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const TARGET_RATIO = 1.5;
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/lib/tsc.js');
const CLI = path.join(REPO_ROOT, 'packages/cli/bin/tenant-isolation.js');
const USAGE_PRELOAD = path.join(BENCH_DIR, 'child-usage.cjs');
const GNU_TIME = '/usr/bin/time';
/** What the CLI prints on stderr when the project check starts: the line between migrating and checking. */
const TYPECHECK_STARTS = 'Typechecking the project';
const require = createRequire(import.meta.url);

const USAGE = `Usage: node bench/typecheck.bench.mjs [--files N] [--seed S] [--runs R] [--workers W] [--check]

Generates (or reuses) a typed app of N route files in bench/.corpus/ (corpus.mjs --typed: a generated
Prisma client behind lib/db.ts, lib modules the routes import, tests that call the handlers; it must
type-check) and, R times, rotating the order, runs in a fresh child process each:
  - tsc --noEmit -p <app>, the yardstick,
  - tenant-isolation migrate --typecheck --dry --force (the measured command), and
  - tenant-isolation migrate --dry --force, the same run without the project check.
Prints the median wall time, the largest peak memory (max RSS) and the median CPU time of each, and
the ratios of the measured command to tsc (the target: at most ${TARGET_RATIO}x in wall time and in peak
memory; CPU time is steadier on a shared machine). Then migrates a copy of the app for
real with --typecheck and checks that tsc still finds no error in it. Writes bench/results/typecheck.json.

Options:
  --files N     route files in the app                          [default: 200]
  --seed S      corpus seed                                     [default: 42]
  --runs R      runs of each command; medians are reported      [default: 3]
  --workers W   worker threads of the codemod                   [default: the CLI's, one per CPU]
  --check       exit 1 when migrate --typecheck takes more than ${TARGET_RATIO}x the time or the peak memory of tsc
  --help        show this help

It builds the packages (tsc -b) and runs the built CLI (packages/cli/bin/tenant-isolation.js). Peak memory
and CPU time come from ${GNU_TIME} -v where it exists, else from process.resourceUsage() at the child's exit.
`;

const gnuTimeWorks = () => fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;

/**
 * Runs `node <args>` in `cwd` and resolves to its wall time, peak memory, CPU time, exit status and output, and to
 * the time the marker first appeared on its stderr (`markerMs`, null when it never did).
 */
function measure(args, { cwd, useGnuTime, marker = null }) {
  const usageFile = path.join(os.tmpdir(), `ti-typecheck-bench-usage-${process.pid}-${Date.now()}.json`);
  const [command, commandArgs, env] = useGnuTime
    ? [GNU_TIME, ['-v', process.execPath, ...args], process.env]
    : [process.execPath, ['--require', USAGE_PRELOAD, ...args], { ...process.env, BENCH_USAGE_FILE: usageFile }];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let markerMs = null;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (marker && markerMs === null && stderr.includes(marker)) markerMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let usage;
      let status = code;
      if (useGnuTime) {
        const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(stderr)?.[1]);
        usage = {
          maxRssKiB: field('Maximum resident set size \\(kbytes\\)'),
          cpuMs: (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000,
        };
        status = Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code);
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '\n');
      } else {
        usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
        fs.rmSync(usageFile, { force: true });
      }
      resolve({ wallMs, peakMiB: usage.maxRssKiB / 1024, cpuMs: usage.cpuMs, status, stdout, stderr, markerMs });
    });
  });
}

const tscArgs = (dir) => [TSC, '--noEmit', '-p', dir];

function migrateArgs(dir, reportDir, { typecheck, dry, workers }) {
  return [
    CLI,
    'migrate',
    '--root',
    dir,
    '--force',
    '--report-dir',
    reportDir,
    ...(dry ? ['--dry'] : []),
    ...(typecheck ? ['--typecheck'] : []),
    ...(workers ? ['--workers', String(workers)] : []),
  ];
}

/** What a migrate run decided, in numbers that must be the same in every run. */
function migrationSummary(reportDir) {
  const report = JSON.parse(fs.readFileSync(path.join(reportDir, 'migration-report.json'), 'utf8'));
  return {
    typecheck: report.options.typecheck,
    filesScanned: report.filesScanned,
    filesChanged: report.filesChanged.length,
    handlersMigrated: report.migrated.length,
    leftAlone: report.leftAlone.length,
    restoredByTypecheck: report.restoredByTypecheck.length,
    callerEdits: report.callerEdits?.length ?? 0,
    keptTypes: report.keptTypes?.length ?? 0,
  };
}

function fail(what, result) {
  const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(0, 30).join('\n');
  throw new Error(`${what} exited with ${result.status}:\n${output}`);
}

/** One run of a side, checked: tsc must find no error, migrate must finish and say what it did. */
async function runSide(side, dir, options) {
  if (side === 'tsc') {
    const result = await measure(tscArgs(dir), { cwd: dir, useGnuTime: options.useGnuTime });
    if (result.status !== 0 || result.stdout.trim() !== '') fail(`tsc --noEmit -p ${path.relative(REPO_ROOT, dir)} (the app must type-check)`, result);
    return { wallMs: result.wallMs, peakMiB: result.peakMiB, cpuMs: result.cpuMs };
  }
  const typecheck = side === 'typecheck';
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-typecheck-bench-report-'));
  try {
    const result = await measure(migrateArgs(dir, reportDir, { typecheck, dry: true, workers: options.workers }), {
      cwd: dir,
      useGnuTime: options.useGnuTime,
      marker: typecheck ? TYPECHECK_STARTS : null,
    });
    if (result.status !== 0) fail(`tenant-isolation migrate${typecheck ? ' --typecheck' : ''} --dry`, result);
    return {
      wallMs: result.wallMs,
      peakMiB: result.peakMiB,
      cpuMs: result.cpuMs,
      ...(typecheck ? { untilTypecheckMs: result.markerMs } : {}),
      summary: migrationSummary(reportDir),
    };
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

/**
 * The real thing on a fresh copy of the app: `migrate --typecheck` writing files (a dry run only leaves out the
 * writes), then tsc over the result, which must still find no error: what --typecheck promises.
 */
async function realRun(dir, options) {
  const copy = `${dir}-real-run`;
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(dir, copy, { recursive: true });
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-typecheck-bench-report-'));
  try {
    const migrate = await measure(migrateArgs(copy, reportDir, { typecheck: true, dry: false, workers: options.workers }), {
      cwd: copy,
      useGnuTime: options.useGnuTime,
      marker: TYPECHECK_STARTS,
    });
    if (migrate.status !== 0) fail('tenant-isolation migrate --typecheck (real run on a copy)', migrate);
    const tsc = await measure(tscArgs(copy), { cwd: copy, useGnuTime: options.useGnuTime });
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    return {
      wallMs: migrate.wallMs,
      peakMiB: migrate.peakMiB,
      cpuMs: migrate.cpuMs,
      untilTypecheckMs: migrate.markerMs,
      summary: migrationSummary(reportDir),
      tscAfter: { wallMs: tsc.wallMs, peakMiB: tsc.peakMiB, status: tsc.status, errors: errors.length, firstErrors: errors.slice(0, 10) },
    };
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

const countLines = (file) => fs.readFileSync(file, 'utf8').split('\n').length - 1;

function listFiles(dir, under) {
  const base = path.join(dir, under);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The size of the app, for the report: what the checker has to read besides node_modules' own types. */
function appSize(dir, manifest) {
  const sum = (files) => files.reduce((total, f) => total + countLines(f), 0);
  const routes = manifest.routes.map((r) => path.join(dir, r.file));
  const lib = listFiles(dir, 'lib');
  const tests = listFiles(dir, 'tests').filter((f) => f.endsWith('.test.ts'));
  const testSupport = listFiles(dir, 'tests').filter((f) => !f.endsWith('.test.ts'));
  return {
    routes: routes.length,
    routeLines: sum(routes),
    handlers: manifest.totals.handlers,
    byStatus: manifest.totals.byStatus,
    prismaModels: manifest.typedApp.models,
    prismaClientLines: manifest.typedApp.clientLines,
    libModules: lib.length,
    libLines: sum(lib),
    tests: tests.length,
    testLines: sum(tests),
    testSupportLines: sum(testSupport),
  };
}

const SIDES = ['tsc', 'typecheck', 'migrate'];
const LABELS = {
  tsc: 'tsc --noEmit (the yardstick)',
  typecheck: 'migrate --typecheck --dry --force',
  migrate: 'migrate --dry --force (no --typecheck)',
};

const fmtMs = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`;
const fmtMiB = (mib) => `${Math.round(mib).toLocaleString('en-US')} MiB`;
const fmtInt = (n) => n.toLocaleString('en-US');

function printReport(report) {
  const { app, sides, breakdown, target, realRun: real } = report;
  const rows = [
    ['', 'wall (median)', 'peak RSS (max)', 'CPU (median)'],
    ...SIDES.map((side) => [LABELS[side], fmtMs(sides[side].medianWallMs), fmtMiB(sides[side].maxPeakMiB), fmtMs(sides[side].medianCpuMs)]),
    ['  of which migrating, until the check starts', fmtMs(breakdown.untilTypecheckMs), '', ''],
    ['  of which the check, coverage and report', fmtMs(breakdown.fromTypecheckMs), '', ''],
    [
      `ratio: migrate --typecheck / tsc (target ≤ ${TARGET_RATIO}×)`,
      `${target.timeRatio.toFixed(2)}×`,
      `${target.memoryRatio.toFixed(2)}×`,
      `${target.cpuRatio.toFixed(2)}×`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `Typecheck benchmark: ${fmtInt(app.routes)} route files (${fmtInt(app.handlers)} handlers, seed ${report.corpus.seed}), ` +
      `${app.prismaModels} Prisma models (${fmtInt(app.prismaClientLines)} lines of client types), ` +
      `${app.libModules} lib modules, ${app.tests} test files; median of ${report.options.runs} run${report.options.runs === 1 ? '' : 's'}`,
    '',
    ...rows.map(([label, wall, rss, cpu]) => `  ${label.padEnd(width)}  ${wall.padStart(14)}  ${rss.padStart(15)}  ${cpu.padStart(13)}`.trimEnd()),
    '',
    `  per run: time ${target.timeRatioPerRun.map((r) => `${r.toFixed(2)}×`).join(', ')}; ` +
      `memory ${target.memoryRatioPerRun.map((r) => `${r.toFixed(2)}×`).join(', ')}; ` +
      `CPU ${target.cpuRatioPerRun.map((r) => `${r.toFixed(2)}×`).join(', ')} (load average ${report.runs.map((r) => r.loadAverage.toFixed(1)).join(', ')})`,
    `  the check itself (migrate --typecheck minus migrate): ${fmtMs(breakdown.typecheckMs)}, ` +
      `${(breakdown.typecheckMs / sides.tsc.medianWallMs).toFixed(2)}× tsc`,
    `  codemod: ${report.codemod.filesChanged} of ${report.codemod.filesScanned} files would change, ${report.codemod.handlersMigrated} handlers migrated, ` +
      `${report.codemod.restoredByTypecheck} rewrites restored by the check, ${report.codemod.callerEdits} caller edits`,
    `  real run on a copy: ${fmtMs(real.wallMs)}, ${fmtMiB(real.peakMiB)}; ${real.summary.filesChanged} files written; ` +
      `tsc afterwards: ${real.tscAfter.errors} error${real.tscAfter.errors === 1 ? '' : 's'}`,
    `  target: migrate --typecheck ≤ ${TARGET_RATIO}× tsc in time and in peak memory: ${target.met ? 'met' : 'MISSED'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv, { files: 'count', seed: 'string', runs: 'count', workers: 'count', check: 'flag' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`typecheck.bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = {
    files: args.files ?? 200,
    seed: args.seed ?? '42',
    runs: args.runs ?? 3,
    workers: args.workers ?? null,
    useGnuTime: gnuTimeWorks(),
  };

  buildPackages('core', 'codemod', 'report', 'cli');
  // Inside the repository, so that next, next-auth and the @types the app uses resolve from its node_modules.
  const corpus = ensureCorpus({ seed: options.seed, files: options.files, typed: true, root: path.join(BENCH_DIR, '.corpus') });
  const { dir, manifest } = corpus;
  process.stderr.write(`${corpus.reused ? 'Reusing' : 'Generated'} typed app ${path.relative(REPO_ROOT, dir)}\n`);

  const runs = [];
  let summary = null;
  for (let i = 0; i < options.runs; i++) {
    // Rotating the order spreads warm file caches and the machine's drift over the three alike.
    const order = SIDES.map((_, k) => SIDES[(i + k) % SIDES.length]);
    const run = { order, loadAverage: Math.round(os.loadavg()[0] * 100) / 100 };
    for (const side of order) {
      const result = await runSide(side, dir, options);
      if (result.summary) {
        const expected = side === 'typecheck' ? summary?.typecheck : summary?.migrate;
        if (expected && JSON.stringify(expected) !== JSON.stringify(result.summary)) {
          throw new Error(`migrate gave a different result in run ${i + 1} than in the first; it must be deterministic`);
        }
        summary = { ...summary, [side]: result.summary };
      }
      const { summary: _summary, ...measured } = result;
      run[side] = measured;
      process.stderr.write(
        `  run ${i + 1}/${options.runs} ${side.padEnd(9)} ${fmtMs(result.wallMs).padStart(10)} ${fmtMiB(result.peakMiB).padStart(10)}` +
          `  CPU ${fmtMs(result.cpuMs).padStart(10)}\n`,
      );
    }
    run.timeRatio = run.typecheck.wallMs / run.tsc.wallMs;
    run.memoryRatio = run.typecheck.peakMiB / run.tsc.peakMiB;
    run.cpuRatio = run.typecheck.cpuMs / run.tsc.cpuMs;
    runs.push(run);
  }
  process.stderr.write('  real run of migrate --typecheck on a copy, then tsc over the result…\n');
  const real = await realRun(dir, options);

  const sides = Object.fromEntries(
    SIDES.map((side) => [
      side,
      {
        medianWallMs: median(runs.map((r) => r[side].wallMs)),
        maxPeakMiB: Math.max(...runs.map((r) => r[side].peakMiB)),
        medianCpuMs: median(runs.map((r) => r[side].cpuMs)),
      },
    ]),
  );
  const timeRatio = sides.typecheck.medianWallMs / sides.tsc.medianWallMs;
  const memoryRatio = sides.typecheck.maxPeakMiB / sides.tsc.maxPeakMiB;
  const untilTypecheckMs = median(runs.map((r) => r.typecheck.untilTypecheckMs));
  const report = {
    benchmark: 'typecheck',
    date: new Date().toISOString(),
    machine: machine({ typescript: require('typescript/package.json').version, usageFrom: options.useGnuTime ? `${GNU_TIME} -v` : 'process.resourceUsage()' }),
    options: { files: options.files, seed: options.seed, runs: options.runs, workers: options.workers ?? 'CLI default' },
    corpus: { dir: path.relative(REPO_ROOT, dir), seed: manifest.seed, generatorHash: manifest.generatorHash },
    app: appSize(dir, manifest),
    commands: {
      tsc: `node ${path.relative(REPO_ROOT, TSC)} --noEmit -p <app>`,
      typecheck: `node ${path.relative(REPO_ROOT, CLI)} migrate --root <app> --force --report-dir <tmp> --dry --typecheck`,
      migrate: `node ${path.relative(REPO_ROOT, CLI)} migrate --root <app> --force --report-dir <tmp> --dry`,
    },
    sides,
    breakdown: {
      // From outside the process: when the CLI announces the check on stderr, and the difference to a run without it.
      untilTypecheckMs,
      fromTypecheckMs: sides.typecheck.medianWallMs - untilTypecheckMs,
      typecheckMs: sides.typecheck.medianWallMs - sides.migrate.medianWallMs,
    },
    codemod: summary.typecheck,
    codemodWithoutTypecheck: summary.migrate,
    realRun: real,
    target: {
      maxRatio: TARGET_RATIO,
      timeRatio,
      memoryRatio,
      timeRatioPerRun: runs.map((r) => r.timeRatio),
      memoryRatioPerRun: runs.map((r) => r.memoryRatio),
      // CPU time is steadier than wall time on a shared machine; the target is on wall time.
      cpuRatio: sides.typecheck.medianCpuMs / sides.tsc.medianCpuMs,
      cpuRatioPerRun: runs.map((r) => r.cpuRatio),
      met: timeRatio <= TARGET_RATIO && memoryRatio <= TARGET_RATIO,
    },
    runs,
  };

  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'typecheck.json'), `${JSON.stringify(report, null, 2)}\n`);
  printReport(report);
  process.stdout.write(`  wrote ${path.relative(REPO_ROOT, path.join(resultsDir, 'typecheck.json'))}\n`);
  if (real.tscAfter.errors > 0) {
    process.stderr.write(`typecheck.bench: after migrate --typecheck, tsc finds ${real.tscAfter.errors} errors:\n${real.tscAfter.firstErrors.join('\n')}\n`);
    return 1;
  }
  return args.check && !report.target.met ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`typecheck.bench: ${error.message}\n`);
  process.exitCode = 1;
}
