#!/usr/bin/env node
/**
 * Report benchmark: `tenant-isolation report`'s project scan (scanProject) over a generated corpus of route files,
 * against the floor of any per-file analysis of them: reading each file and parsing it with
 * @typescript-eslint/typescript-estree alone. Each side runs in a child process of its own, so that its time
 * includes loading its code and its peak memory (max RSS) is its own.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages, machine, median, REPO_ROOT } from './common.mjs';
import { ensureCorpus, parseArgs, UsageError } from './corpus.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const TARGET_RATIO = 2;
const TARGET_PEAK_MIB = 1.5 * 1024;
const require = createRequire(import.meta.url);

const USAGE = `Usage: node bench/report.bench.mjs [--files N] [--seed S] [--runs R] [--check]

Generates (or reuses) a seeded corpus of N route files in bench/.corpus/ and, R times, alternating which goes
first, runs in a fresh child process each:
  - the report's scan: scanProject() from @tenant-isolation/report with the corpus config (every route file
    through the analyzer, imports resolved with the corpus tsconfig through ts-morph, helper modules followed),
    the work behind \`tenant-isolation report\`, and
  - the floor: read every route file the scan found and parse it with @typescript-eslint/typescript-estree's
    parse() (range and loc on, as any report of lines needs), nothing else.
Prints the median wall time of each child process (from spawn to exit: loading code included), their ratio
and the peak memory (max RSS) of the scan, and writes bench/results/report.json.

Options:
  --files N     route files in the corpus                       [default: 10000]
  --seed S      corpus seed                                     [default: 42]
  --runs R      runs of each side; medians are reported         [default: 3]
  --check       exit 1 when the scan takes more than ${TARGET_RATIO}× the floor or peaks at ${TARGET_PEAK_MIB / 1024} GiB or more
  --help        show this help

It builds the packages (tsc -b) and runs the built report package (packages/report/dist).
`;

/** The code each child runs; it prints one JSON line with its own timings and max RSS. */
const SCAN_CHILD = `
const started = performance.now();
const { loadConfigSync } = require(${JSON.stringify(path.join(REPO_ROOT, 'packages/core/dist'))});
const { scanProject } = require(${JSON.stringify(path.join(REPO_ROOT, 'packages/report/dist'))});
const root = process.argv[1];
const { config } = loadConfigSync(root);
const loaded = performance.now();
scanProject({ root, config, version: 'bench' }).then(({ report }) => {
  const done = performance.now();
  console.log(JSON.stringify({
    loadMs: loaded - started, workMs: done - loaded,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    files: report.routes.length + report.errors.filter((e) => e.kind === 'route').length,
    summary: report.summary, errors: report.errors.length,
  }));
});
`;

const FLOOR_CHILD = `
const started = performance.now();
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require(${JSON.stringify(require.resolve('@typescript-eslint/typescript-estree'))});
const [root, listFile] = process.argv.slice(1);
const files = JSON.parse(fs.readFileSync(listFile, 'utf8'));
const loaded = performance.now();
let nodes = 0;
for (const file of files) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const program = parse(text, { range: true, loc: true, jsx: /\\.[jt]sx$/.test(file), filePath: file });
  nodes += program.body.length;
}
const done = performance.now();
console.log(JSON.stringify({ loadMs: loaded - started, workMs: done - loaded, maxRssMiB: process.resourceUsage().maxRSS / 1024, files: files.length, nodes }));
`;

function runChild(code, args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', code, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`benchmark child failed (${result.status}):\n${result.stderr}`);
  return { wallMs, ...JSON.parse(result.stdout.trim().split('\n').pop()) };
}

function main(argv) {
  let args;
  try {
    args = parseArgs(argv, { files: 'count', seed: 'string', runs: 'count', check: 'flag' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const files = args.files ?? 10000;
  const runs = args.runs ?? 3;
  buildPackages('core', 'report');
  const { dir, manifest, reused } = ensureCorpus({ seed: args.seed ?? 42, files, root: path.join(BENCH_DIR, '.corpus') });
  process.stdout.write(`${reused ? 'Reusing' : 'Generated'} corpus ${path.relative(REPO_ROOT, dir)}\n`);
  const listFile = path.join(os.tmpdir(), `ti-report-bench-${process.pid}.json`);
  fs.writeFileSync(listFile, JSON.stringify(manifest.routes.map((r) => r.file)));

  const scans = [];
  const floors = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const scanFirst = run % 2 === 1;
      const order = scanFirst ? ['scan', 'floor'] : ['floor', 'scan'];
      const load = os.loadavg()[0];
      for (const side of order) {
        if (side === 'scan') scans.push(runChild(SCAN_CHILD, [dir]));
        else floors.push(runChild(FLOOR_CHILD, [dir, listFile]));
      }
      const scan = scans.at(-1);
      const floor = floors.at(-1);
      process.stdout.write(
        `  run ${run}/${runs} (${scanFirst ? 'scan' : 'floor'} first): scan ${scan.wallMs.toFixed(0)} ms (${scan.maxRssMiB.toFixed(0)} MiB), ` +
          `floor ${floor.wallMs.toFixed(0)} ms (${floor.maxRssMiB.toFixed(0)} MiB), ${(scan.wallMs / floor.wallMs).toFixed(2)}× (load ${load.toFixed(1)})\n`,
      );
    }
  } finally {
    fs.rmSync(listFile, { force: true });
  }

  const scanWall = median(scans.map((s) => s.wallMs));
  const floorWall = median(floors.map((f) => f.wallMs));
  const ratio = scanWall / floorWall;
  const peak = Math.max(...scans.map((s) => s.maxRssMiB));
  const perRun = scans.map((s, i) => s.wallMs / floors[i].wallMs);
  const last = scans.at(-1);
  const expectedHandlers = manifest.totals.handlers;
  const met = ratio <= TARGET_RATIO && peak < TARGET_PEAK_MIB && last.files === files;
  const row = (label, value, extra = '') => `  ${label.padEnd(52)}${value.padStart(12)}${extra}\n`;
  process.stdout.write(`Report benchmark: ${files.toLocaleString('en-US')} route files (seed ${manifest.seed}), median of ${runs} runs\n\n`);
  process.stdout.write(row('report scan (scanProject), whole process', `${scanWall.toFixed(1)} ms`, `   of which work ${median(scans.map((s) => s.workMs)).toFixed(1)} ms`));
  process.stdout.write(row('floor (read + typescript-estree parse), whole process', `${floorWall.toFixed(1)} ms`, `   of which work ${median(floors.map((f) => f.workMs)).toFixed(1)} ms`));
  process.stdout.write(row('ratio', `${ratio.toFixed(2)}×`, `   per run ${Math.min(...perRun).toFixed(2)}–${Math.max(...perRun).toFixed(2)}×`));
  process.stdout.write(row('peak memory of the scan (max RSS)', `${peak.toFixed(0)} MiB`, `   floor ${Math.max(...floors.map((f) => f.maxRssMiB)).toFixed(0)} MiB`));
  process.stdout.write(
    `\n  scan: ${last.files} route files, ${last.summary.handlers} handlers (manifest: ${expectedHandlers}), ${last.errors} errors; ` +
      `coverage ${last.summary.coverage.covered}/${last.summary.coverage.total}\n`,
  );
  process.stdout.write(`  target: scan ≤ ${TARGET_RATIO}× floor and peak < ${TARGET_PEAK_MIB / 1024} GiB: ${met ? 'met' : 'missed'}\n`);

  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(
    path.join(resultsDir, 'report.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine: machine({ typescriptEstree: require('@typescript-eslint/typescript-estree/package.json').version, tsMorph: require(path.join(REPO_ROOT, 'node_modules/ts-morph/package.json')).version }), corpus: { seed: manifest.seed, files }, runs: { scan: scans, floor: floors }, medians: { scanWallMs: scanWall, floorWallMs: floorWall, ratio, peakMiB: peak }, met }, null, 2)}\n`,
  );
  process.stdout.write('  wrote bench/results/report.json\n');
  return args.check && !met ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
