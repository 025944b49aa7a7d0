import { parentPort, workerData } from 'node:worker_threads';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateFile } from './migrate-file';
import type { MigrateOptions } from './types';

interface WorkerInput {
  root: string;
  config: TenantIsolationConfig;
  options: MigrateOptions;
}

/**
 * A pool worker: migrates the files the pool sends, one message per file, until it is sent null. `migrateFile`
 * records a file's failure on its result; anything that still escapes stops this thread, and the pool deals with it.
 */
const { root, config, options } = workerData as WorkerInput;
parentPort!.on('message', (file: string | null) => {
  if (file === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(migrateFile(root, file, config, options));
});
