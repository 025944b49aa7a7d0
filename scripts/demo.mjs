#!/usr/bin/env node
// The main job on the bundled example app: lint it with the plugin, as `npx eslint .` would inside it, then a dry
// run of codemod batch A with its summary. Nothing in the repository is written: reports go to a temp directory.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(repo, 'fixtures/example-app');
const RULE = 'tenant-isolation/require-tenant-context';

console.log('1. Lint: session reads outside withTenantContext\n');
const eslint = new ESLint({ cwd: appDir });
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));
const crashes = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line}: ${m.message}`));
const findings = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map(() => r.filePath));
console.log(`${RULE}: ${findings.length} unwrapped session reads in ${new Set(findings).size} route files (${results.length} files linted).\n`);
if (crashes.length > 0) {
  console.error(`Files that could not be linted:\n${crashes.join('\n')}`);
  process.exit(2);
}

console.log('2. Codemod, dry run of batch A (payments and auth endpoints)\n');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-demo-'));
execFileSync(
  process.execPath,
  [path.join(repo, 'packages/cli/bin/tenant-isolation.js'), 'migrate', '--root', appDir, '--batch', 'A', '--dry', '--report-dir', reportDir],
  { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '' } },
);
console.log(`\nThe full migration report: ${path.join(reportDir, 'migration-report.md')}`);
