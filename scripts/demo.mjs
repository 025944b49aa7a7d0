#!/usr/bin/env node
// The main job on the bundled example app: the coverage report, the lint rule, a dry run of codemod batch A with its
// summary, and the report of what coverage would be after that batch (batch A applied to a copy of the app).
// Nothing in the repository is written: reports and the copy go to a temp directory.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(repo, 'fixtures/example-app');
const cli = path.join(repo, 'packages/cli/bin/tenant-isolation.js');
const RULE = 'tenant-isolation/require-tenant-context';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-demo-'));

/** Runs the CLI; exit 1 (a gate) is a result to show, anything else stops the demo. */
function tenantIsolation(...args) {
  try {
    execFileSync(process.execPath, [cli, ...args], { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '' } });
  } catch (error) {
    if (error.status !== 1) process.exit(error.status ?? 3);
  }
}

console.log('1. Report: how far the example app is\n');
tenantIsolation('report', appDir, '--format', 'text,md,html', '--out', path.join(work, 'before'));

console.log('\n2. Lint: the same session reads, as the editor and CI see them\n');
const eslint = new ESLint({ cwd: appDir });
const results = await eslint.lintFiles(['.']);
const crashes = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line}: ${m.message}`));
if (crashes.length > 0) {
  console.error(`Files that could not be linted:\n${crashes.join('\n')}`);
  process.exit(2);
}
const findings = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => ({ file: path.relative(appDir, r.filePath), m })));
for (const { file, m } of findings.slice(0, 5)) console.log(`  ${file}:${m.line}:${m.column}  ${m.message}`);
console.log(`  … ${RULE}: ${findings.length} unwrapped session reads in ${new Set(findings.map((f) => f.file)).size} route files.\n`);

console.log('3. Codemod, dry run of batch A (payments and auth endpoints)\n');
tenantIsolation('migrate', '--root', appDir, '--batch', 'A', '--dry', '--report-dir', path.join(work, 'batch-A'));

console.log('\n4. Report after batch A (applied to a copy of the app)\n');
const copy = path.join(work, 'example-app');
fs.cpSync(appDir, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
execFileSync(process.execPath, [cli, 'migrate', '--root', copy, '--batch', 'A', '--force', '--report-dir', path.join(work, 'batch-A-applied')], {
  stdio: 'ignore',
});
tenantIsolation('report', copy, '--format', 'md', '--out', path.join(work, 'after'));
console.log(fs.readFileSync(path.join(work, 'after', 'tenant-isolation-report.md'), 'utf8').split('\n')[0]);

console.log(`\nReports: ${work}/before/tenant-isolation-report.{md,html}, ${work}/batch-A/migration-report.md, ${work}/after/`);
