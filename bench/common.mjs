/** What the benchmarks share: medians, an up-to-date build, and a description of the machine they ran on. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Builds the packages first (an up-to-date build is a no-op), so a benchmark never measures old code. */
export function buildPackages(...packages) {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', ...packages.map((p) => `packages/${p}`)], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

/** The machine, for the results JSON: numbers from a 2-CPU shared box and from a quiet workstation differ. */
export function machine(extra = {}) {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    nproc: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ...extra,
  };
}
