#!/usr/bin/env node
// Lints the bundled example app with the plugin, as `npx eslint .` would inside it, and sums up the findings.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/example-app');
const RULE = 'tenant-isolation/require-tenant-context';

const eslint = new ESLint({ cwd: appDir });
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));

const crashes = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line}: ${m.message}`));
const findings = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map(() => r.filePath));
console.log(
  `${RULE}: ${findings.length} unwrapped session reads in ${new Set(findings).size} route files ` +
    `(${results.length} files linted in ${path.relative(process.cwd(), appDir) || '.'}).`,
);
if (crashes.length > 0) {
  console.error(`Files that could not be linted:\n${crashes.join('\n')}`);
  process.exitCode = 2;
}
