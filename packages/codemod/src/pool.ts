import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { failedMigration, firstStackFrame, migrateFile, type FileMigration } from './migrate-file';
import type { MigrateOptions } from './types';

export type Progress = (done: number, total: number, file: string) => void;

/** Files sent to a worker ahead of its answers: one to work on, one waiting. */
const PREFETCH = 2;

/**
 * Migrates files in memory, in `workers` worker threads (each pulls the next file as it starts one, so one slow
 * file holds at most one other, never a whole chunk), or in this thread when one worker is asked for. Results keep
 * the input order, and there is one for every file: a worker thread that stops takes only the file it was working on
 * with it (recorded as an internal error); the files it was sent and had not started are migrated in this thread.
 */
export async function migrateFiles(
  root: string,
  files: readonly string[],
  config: TenantIsolationConfig,
  options: MigrateOptions,
  workers: number,
  onProgress?: Progress,
): Promise<FileMigration[]> {
  const results = new Array<FileMigration | undefined>(files.length);
  let done = 0;
  const record = (i: number, result: FileMigration): void => {
    results[i] = result;
    onProgress?.(++done, files.length, result.file);
  };
  const workerScript = path.resolve(__dirname, '../dist/worker.js');
  const count = Math.max(1, Math.min(workers, files.length));
  if (count > 1 && fs.existsSync(workerScript)) {
    await migrateInWorkers(workerScript, count, { root, config, options }, files, record);
  }
  files.forEach((file, i) => {
    if (results[i] === undefined) record(i, migrateFile(root, file, config, options));
  });
  return results as FileMigration[];
}

/** Fills in what the worker threads answer; files a stopped worker had not started are left for the caller. */
async function migrateInWorkers(
  workerScript: string,
  count: number,
  workerData: { root: string; config: TenantIsolationConfig; options: MigrateOptions },
  files: readonly string[],
  record: (i: number, result: FileMigration) => void,
): Promise<void> {
  let next = 0;
  const pool = Array.from({ length: count }, () => {
    const worker = new Worker(workerScript, { workerData });
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
    const finished = new Promise<void>((resolve) => {
      let crash: Error | undefined;
      worker.on('message', (result: FileMigration) => {
        record(inFlight.shift()!, result);
        feed();
      });
      worker.on('error', (error) => {
        crash = error;
      });
      worker.on('exit', (code) => {
        // A worker answers in order, so the first file unanswered is the one it was working on when it stopped, and
        // maybe what stopped it (out of memory): it is not tried again in this thread.
        const working = inFlight.shift();
        if (working !== undefined) {
          record(working, failedMigration(files[working]!, null, {
            stage: 'analyze',
            internal: true,
            message: `the worker thread migrating it stopped: ${crash?.message ?? `it exited with code ${code}`}`,
            stack: firstStackFrame(crash),
          }));
        }
        resolve();
      });
    });
    return { feed, finished };
  });
  // Each worker holds one file to work on and one waiting, so it never idles while this thread answers; the
  // second round starts once every worker has its first file, so small runs still spread over all of them.
  for (let round = 0; round < PREFETCH; round++) for (const { feed } of pool) feed();
  await Promise.all(pool.map((w) => w.finished));
}
