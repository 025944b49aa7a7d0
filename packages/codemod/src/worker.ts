import { parentPort, workerData } from 'node:worker_threads';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateFile } from './migrate-file';
import type { MigrateOptions } from './types';

interface WorkerInput {
  root: string;
  config: TenantIsolationConfig;
  options: MigrateOptions;
}

/** A pool worker: migrates the files the pool sends, one message per file, until it is sent null. */
const { root, config, options } = workerData as WorkerInput;
parentPort!.on('message', (file: string | null) => {
  if (file === null) {
    parentPort!.close();
    return;
  }
  try {
    parentPort!.postMessage({ ok: true, result: migrateFile(root, file, config, options) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, file, message: (error as Error).stack ?? String(error) });
  }
});
