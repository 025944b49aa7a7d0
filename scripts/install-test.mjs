#!/usr/bin/env node
// Installs the packed packages into scratch Next.js apps, the way the README tells a user to, and checks what the
// three tools then say. Each app is the template in fixtures/install-app/template plus one variant (its package.json
// and the eslint.config.mjs create-next-app wrote), copied outside the repository, installed from the npm registry,
// committed to git, given the tarballs, and given the plugin by the ESLint config snippet of the docs for that Next.js
// version. Then `eslint`, `tenant-isolation report`, `migrate --dry` and `migrate --typecheck` run as the user would
// run them (`npx eslint .`, `npx tenant-isolation …`), and their findings and figures are compared with
// fixtures/install-app/expected.json.
//
//   node scripts/install-test.mjs [variant…] [--keep]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(repo, 'fixtures/install-app');
const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8'));
const DOC_FILES = ['README.md', 'docs/getting-started.md'];
/** Marks the lines a snippet of the docs adds to the config create-next-app wrote. */
const ADDED = '// ← add';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const allVariants = fs.readdirSync(path.join(fixture, 'variants')).sort();
const variants = args.filter((arg) => !arg.startsWith('--'));
for (const name of variants) {
  if (!allVariants.includes(name)) fail(`unknown variant "${name}"; the variants are ${allVariants.join(', ')}`);
}

function fail(message) {
  throw new Error(`install test: ${message}`);
}

/** Runs a command; returns its exit code and output. Throws when it cannot start or runs past its time. */
function run(cwd, command, commandArgs, { timeout = 600_000 } = {}) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed. */
function must(cwd, command, commandArgs, options) {
  const result = run(cwd, command, commandArgs, options);
  if (result.status !== 0) {
    fail(`\`${command} ${commandArgs.join(' ')}\` in ${cwd} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const bin = (app, name) => path.join(app, 'node_modules', '.bin', name);
/** `npx tenant-isolation …`, as the docs write it; `--no` keeps npx from fetching a package of that name. */
const tenantIsolation = (app, commandArgs) => run(app, 'npx', ['--no', 'tenant-isolation', ...commandArgs]);

/** The ```js blocks of the docs that configure ESLint in a Next.js app, with where they were found. */
function nextConfigSnippets() {
  const snippets = [];
  for (const doc of DOC_FILES) {
    const text = fs.readFileSync(path.join(repo, doc), 'utf8');
    for (const match of text.matchAll(/```js\n([\s\S]*?)```/g)) {
      const code = match[1];
      if (!code.includes('eslint-config-next') && !code.includes('compat.extends(')) continue;
      const line = text.slice(0, match.index).split('\n').length;
      snippets.push({ where: `${doc}:${line}`, code });
    }
  }
  return snippets;
}

/** A snippet without its first line when that line only names the file. */
const body = (code) => code.replace(/^\/\/ eslint\.config\.mjs.*\n/, '');

/**
 * The config the docs tell a user of this variant to write: the snippet whose lines, without the ones marked as
 * added, are the variant's own eslint.config.mjs. Every Next.js snippet of the docs must be the config of a variant.
 */
function documentedConfig(variantConfig, snippets) {
  const matching = snippets.filter(({ code }) => {
    const original = body(code)
      .split('\n')
      .filter((line) => !line.includes(ADDED))
      .join('\n');
    return original.trim() === variantConfig.trim();
  });
  assert.ok(matching.length > 0, `no snippet in ${DOC_FILES.join(' or ')} adds the plugin to this eslint.config.mjs:\n${variantConfig}`);
  for (const { where, code } of matching) {
    assert.ok(code.includes(ADDED), `${where}: the snippet marks no line with "${ADDED}"`);
    assert.equal(body(code), body(matching[0].code), `${where} and ${matching[0].where} show the same config differently`);
  }
  return body(matching[0].code);
}

function packTarballs(destination) {
  must(repo, 'npm', ['run', 'build']);
  const packed = must(repo, 'npm', ['pack', '--workspaces', '--json', '--pack-destination', destination]);
  const files = JSON.parse(packed.stdout).map((entry) => path.join(destination, entry.filename));
  assert.equal(files.length, 5, `expected a tarball per package, got ${files.join(', ')}`);
  return files;
}

/** `file:line ruleId` for every message, fatal ones (a config ESLint could not load, a parse error) included. */
function lintFindings(app, output) {
  const results = JSON.parse(output);
  return results
    .flatMap((result) =>
      result.messages.map((m) => ({
        file: path.relative(app, result.filePath).split(path.sep).join('/'),
        line: m.line,
        ruleId: m.ruleId ?? (m.fatal ? 'fatal' : null),
        severity: m.severity === 2 ? 'error' : 'warning',
        message: m.message,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

function checkVariant(name, tarballs, snippets, work) {
  const app = path.join(work, name);
  console.log(`\n${name}: ${app}`);
  fs.cpSync(path.join(fixture, 'template'), app, { recursive: true });
  fs.cpSync(path.join(fixture, 'variants', name), app, { recursive: true });
  const config = documentedConfig(fs.readFileSync(path.join(app, 'eslint.config.mjs'), 'utf8'), snippets);

  console.log('  npm install (the app as it was)');
  must(app, 'npm', ['install', '--no-audit', '--no-fund']);
  const git = (...gitArgs) => must(app, 'git', ['-c', 'user.name=install-test', '-c', 'user.email=install-test@localhost', ...gitArgs]);
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'The app before tenant-isolation');

  console.log('  npm install --save-dev the packed packages, then the ESLint config of the docs');
  must(app, 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', ...tarballs]);
  fs.writeFileSync(path.join(app, 'eslint.config.mjs'), config);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Add tenant-isolation');
  const eslintVersion = must(app, bin(app, 'eslint'), ['--version']).stdout.trim();
  const majorWanted = Number(name.match(/eslint(\d+)/)[1]);
  assert.equal(Number(eslintVersion.replace(/^v/, '').split('.')[0]), majorWanted, `${name} runs ESLint ${eslintVersion}`);

  console.log(`  eslint . (${eslintVersion})`);
  const lint = run(app, bin(app, 'eslint'), ['.', '--format', 'json']);
  assert.equal(lint.status, 1, `eslint exits 1 on the errors it finds; it exited ${lint.status}\n${lint.stderr}`);
  const findings = lintFindings(app, lint.stdout);
  assert.deepEqual(
    findings.map(({ file, line, ruleId, severity }) => ({ file, line, ruleId, severity })),
    expected.lint,
    `the findings of eslint differ from expected.json:\n${JSON.stringify(findings, null, 2)}`,
  );

  console.log('  tenant-isolation report');
  const report = tenantIsolation(app, ['report']);
  assert.equal(report.status, 0, `report exited ${report.status}\n${report.stdout}\n${report.stderr}`);
  assert.ok(report.stdout.includes(expected.report.before), `report does not say "${expected.report.before}":\n${report.stdout}`);
  const gate = tenantIsolation(app, ['report', '--min-coverage', '80']);
  assert.equal(gate.status, 1, `report --min-coverage 80 exited ${gate.status}\n${gate.stdout}\n${gate.stderr}`);

  console.log('  tenant-isolation migrate --dry');
  const dry = tenantIsolation(app, ['migrate', '--dry']);
  assert.equal(dry.status, 0, `migrate --dry exited ${dry.status}\n${dry.stdout}\n${dry.stderr}`);
  const dryReport = JSON.parse(fs.readFileSync(path.join(app, 'migration-report.json'), 'utf8'));
  assert.deepEqual(summary(dryReport), expected.migrate, `migrate --dry reports other handlers:\n${JSON.stringify(summary(dryReport), null, 2)}`);
  const changed = must(app, 'git', ['status', '--porcelain']).stdout.split('\n').filter(Boolean);
  assert.deepEqual(changed.sort(), ['?? migration-report.json', '?? migration-report.md'], 'migrate --dry changed the app');
  fs.rmSync(path.join(app, 'migration-report.json'));
  fs.rmSync(path.join(app, 'migration-report.md'));

  console.log('  tenant-isolation migrate --typecheck, then tsc and report');
  const migrate = tenantIsolation(app, ['migrate', '--typecheck']);
  assert.equal(migrate.status, 0, `migrate --typecheck exited ${migrate.status}\n${migrate.stdout}\n${migrate.stderr}`);
  assert.deepEqual(summary(JSON.parse(fs.readFileSync(path.join(app, 'migration-report.json'), 'utf8'))), expected.migrate);
  const tsc = run(app, bin(app, 'tsc'), ['--noEmit', '-p', '.']);
  assert.equal(tsc.status, 0, `the migrated app does not typecheck:\n${tsc.stdout}`);
  const after = tenantIsolation(app, ['report']);
  assert.ok(after.stdout.includes(expected.report.after), `report after the migration does not say "${expected.report.after}":\n${after.stdout}`);
  const relint = lintFindings(app, run(app, bin(app, 'eslint'), ['.', '--format', 'json']).stdout);
  assert.deepEqual(
    relint.map(({ file, line, ruleId, severity }) => ({ file, line, ruleId, severity })),
    expected.lintAfterMigration,
    `the findings of eslint after the migration differ from expected.json:\n${JSON.stringify(relint, null, 2)}`,
  );
  console.log(`  ok: ${findings.length} lint findings, "${expected.report.before}" → "${expected.report.after}"`);
}

/** What a migration report says of each handler, in a form expected.json can state. */
function summary(migrationReport) {
  const ratio = ({ covered, total }) => `${covered}/${total}`;
  const { before, after } = migrationReport.coverage;
  return {
    coverage: `${ratio(before.coverage)} → ${ratio(after.coverage)}`,
    migrated: migrationReport.migrated
      .map((h) => `${h.file} ${h.handler}${h.requireAuth ? '' : ' (requireAuth: false)'}${h.wrappedOnly ? ' (wrapped only)' : ''}`)
      .sort(),
    leftAlone: migrationReport.leftAlone.map((h) => `${h.file} ${h.handler}: ${h.reason}`).sort(),
    suppressed: migrationReport.suppressed.map((h) => `${h.file} ${h.handler}`).sort(),
  };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-isolation-install-'));
try {
  const tarballs = packTarballs(work);
  console.log(`packed ${tarballs.map((file) => path.basename(file)).join(', ')}`);
  const snippets = nextConfigSnippets();
  for (const name of variants.length > 0 ? variants : allVariants) checkVariant(name, tarballs, snippets, work);
  console.log('\ninstall test passed');
} finally {
  if (keep) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
