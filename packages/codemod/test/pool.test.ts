import * as path from 'node:path';
import { loadConfig } from '@tenant-isolation/core';
import { runMigration, type MigrationReport } from '@tenant-isolation/codemod';

/*
 * The worker pool (the built dist/worker.js: run `npm run build` first) gives the run that one thread gives, in the
 * same order, however many workers share the files.
 */
const FIXTURE = path.resolve(__dirname, '../../../fixtures/example-app');

const withoutRunDetails = ({ generatedAt: _at, options: _options, ...report }: MigrationReport) => report;

describe('migrateFiles through the worker pool', () => {
  it.each([2, 5])('%i workers: the report and the rewrites of one thread, file for file', async (workers) => {
    const { config } = await loadConfig(FIXTURE);
    const inThread = await runMigration({ root: FIXTURE, config, dry: true, force: true, workers: 1 });
    const pooled = await runMigration({ root: FIXTURE, config, dry: true, force: true, workers });
    expect(inThread.changes.length).toBeGreaterThan(0);
    expect(withoutRunDetails(pooled.report)).toEqual(withoutRunDetails(inThread.report));
    expect(pooled.changes).toEqual(inThread.changes);
  });
});
