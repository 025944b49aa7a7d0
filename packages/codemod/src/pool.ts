import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateFile, type FileMigration } from './migrate-file';
import type { MigrateOptions } from './types';

export type Progress = (done: number, total: number, file: string) => void;

/** Files sent to a worker ahead of its answers: one to work on, one waiting. */
const PREFETCH = 2;

/**
 * Migrates files in memory, in `workers` worker threads (each pulls the next file as it starts one, so one slow
 * file holds at most one other, never a whole chunk), or in this thread when one worker is asked for. Results keep
 * the input order.
 */
export async function migrateFiles(
  root: string,
  files: readonly string[],
  config: TenantIsolationConfig,
  options: MigrateOptions,
  workers: number,
  onProgress?: Progress,
): Promise<FileMigration[]> {
  const results = new Array<FileMigration>(files.length);
  const workerScript = path.resolve(__dirname, '../dist/worker.js');
  const count = Math.max(1, Math.min(workers, files.length));
  if (count === 1 || !fs.existsSync(workerScript)) {
    files.forEach((file, i) => {
      results[i] = migrateFile(root, file, config, options);
      onProgress?.(i + 1, files.length, file);
    });
    return results;
  }
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: count }, () => {
    const worker = new Worker(workerScript, { workerData: { root, config, options } });
    // The indexes of the files sent to this worker and not answered yet, in the order it answers them.
    const inFlight: number[] = [];
    const feed = (): void => {
      if (next < files.length) {
        inFlight.push(next);
        worker.postMessage(files[next++]);
      } else if (inFlight.length === 0) {
        worker.postMessage(null);
      }
    };
    const finished = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: { ok: true; result: FileMigration } | { ok: false; file: string; message: string }) => {
        if (!message.ok) {
          reject(new Error(`migrating ${message.file} failed:\n${message.message}`));
          void worker.terminate();
          return;
        }
        results[inFlight.shift()!] = message.result;
        onProgress?.(++done, files.length, message.result.file);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
    return { feed, finished };
  });
  // Each worker holds one file to work on and one waiting, so it never idles while this thread answers; the
  // second round starts once every worker has its first file, so small runs still spread over all of them.
  for (let round = 0; round < PREFETCH; round++) for (const { feed } of pool) feed();
  await Promise.all(pool.map((w) => w.finished));
  return results;
}
