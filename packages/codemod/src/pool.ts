import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateFile, type FileMigration } from './migrate-file';
import type { MigrateOptions } from './types';

export type Progress = (done: number, total: number, file: string) => void;

/**
 * Migrates files in memory, in `workers` worker threads (each pulls the next file when it is done, so one slow
 * file does not hold a whole chunk), or in this thread when one worker is asked for. Results keep the input order.
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
  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerScript, { workerData: { root, config, options } });
        let current = -1;
        const feed = () => {
          current = next < files.length ? next++ : -1;
          worker.postMessage(current === -1 ? null : files[current]);
        };
        worker.on('message', (message: { ok: true; result: FileMigration } | { ok: false; file: string; message: string }) => {
          if (!message.ok) {
            reject(new Error(`migrating ${message.file} failed:\n${message.message}`));
            void worker.terminate();
            return;
          }
          results[current] = message.result;
          onProgress?.(++done, files.length, message.result.file);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
        feed();
      }),
    ),
  );
  return results;
}
