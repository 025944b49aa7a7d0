import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrateModule } from '@tenant-isolation/codemod';
import { resolveConfig } from '@tenant-isolation/core';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';
import { BEHAVIOUR_SEED, generateRoutes } from '../../codemod/test/support/handler-grammar';

/*
 * ESLint turns a rule that throws into an exception out of verify(), which stops linting the whole file: in an
 * editor the file loses every finding. So every rule, with its suggestions computed as ESLint computes them when it
 * reports, runs over route modules written as apps write them, and over the stages a migration takes them through:
 * the generated module; the codemod's rewrite of it (with --on-unsafe skip and wrap-only); the module with every
 * wrap that require-tenant-context suggests accepted, whose wrapped handlers still read the session and so give
 * prefer-tenant-context its findings; and that module with prefer-tenant-context's suggestions accepted in turn.
 * Every fixture of the codemod runs too. The expected result is that nothing throws and nothing is fatal (a
 * suggestion that leaves text that does not parse shows as a fatal message on the next stage).
 */
const SETTINGS = {
  optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' },
  pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }],
};
const RULES = Object.keys(plugin.rules).map((name) => `tenant-isolation/${name}`);
const FIXTURES = path.join(__dirname, '../../codemod/test/__testfixtures__/migrate');
const MODULES = 600;

interface LintTarget {
  /** The generated module's id, or the fixture file. */
  module: string;
  /** What was done to the module before linting: `generated`, `rewritten by the codemod (wrap-only)`, `fixture` … */
  stage: string;
  /** The grammar choices of a generated module; none for a fixture. */
  idioms: readonly string[];
  filePath: string;
  source: string;
  settings: Record<string, unknown>;
}

/** Every fixture file, input and output, at the path the fixture test runs it as, with the shared settings and with its own. */
function fixtureTargets(): LintTarget[] {
  const readJson = (file: string) => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined);
  return fs
    .readdirSync(FIXTURES)
    .map((file) => /^(.*)\.(input|output)\.(ts|tsx|js)$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    // A case that is meant not to parse has nothing for a rule to run on.
    .filter(([, name]) => !fs.existsSync(path.join(FIXTURES, `${name}.error.json`)))
    .sort((a, b) => a[0].localeCompare(b[0]))
    .flatMap(([file, name, , ext]) => {
      const base = path.join(FIXTURES, name!);
      const filePath = (readJson(`${base}.route.json`)?.path as string | undefined) ?? `app/api/${name}/route.${ext}`;
      const source = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const own = readJson(`${base}.config.json`);
      const fixture = { module: file, idioms: [], filePath, source };
      const targets: LintTarget[] = [{ ...fixture, stage: 'fixture', settings: SETTINGS }];
      if (own) {
        const settings: Record<string, unknown> = { ...SETTINGS, ...own };
        for (const [key, value] of Object.entries(settings)) if (value === null) delete settings[key];
        targets.push({ ...fixture, stage: 'fixture with its own config', settings });
      }
      return targets;
    });
}

/** Something that went wrong with one module at one stage. */
interface Failure {
  target: LintTarget;
  /** The error's message and the frame that threw, or a fatal message. */
  cause: string;
}

interface LintRun {
  /** Every verify() that threw: a rule crashed, and the file got no findings at all. */
  crashes: Failure[];
  /** Every fatal message: the file did not parse. */
  fatal: Failure[];
  /** Every migrateModule() that threw, so that its rewrite could not be linted. */
  codemodCrashes: Failure[];
  reportsByRule: Record<string, number>;
  suggestionsByRule: Record<string, number>;
  rewrittenModules: number;
}

function configFor(settings: Record<string, unknown>, rules: readonly string[]): Linter.Config[] {
  return [
    { files: ['**/*.ts', '**/*.tsx', '**/*.js'], languageOptions: { parser: tsParser } },
    {
      plugins: { 'tenant-isolation': plugin as never },
      rules: Object.fromEntries(rules.map((rule) => [rule, 'error'])),
      settings: { 'tenant-isolation': settings },
    },
  ];
}

/**
 * The module after accepting, one at a time as in an editor, the first suggestion `rule` offers, until it offers
 * none; null when it offers none at all. A verify() that throws on the way ends the stage as a crash.
 */
function acceptSuggestions(linter: Linter, target: LintTarget, rule: string, crashes: Failure[]): string | null {
  const config = configFor(target.settings, [rule]);
  let text = target.source;
  // A module has at most four handlers, each needing at most a couple of suggestions.
  for (let accepted = 0; accepted < 12; accepted++) {
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(text, config, { filename: target.filePath });
    } catch (error) {
      crashes.push({ target: { ...target, stage: `${target.stage}, accepting ${rule} suggestions` }, cause: causeOf(error) });
      return null;
    }
    const fix = messages.find((m) => m.ruleId === rule && m.suggestions?.length)?.suggestions![0]!.fix;
    if (!fix) break;
    text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  }
  return text === target.source ? null : text;
}

function lintEverything(): LintRun {
  const codemodConfig = resolveConfig(SETTINGS);
  const linter = new Linter();
  const run: LintRun = { crashes: [], fatal: [], codemodCrashes: [], reportsByRule: {}, suggestionsByRule: {}, rewrittenModules: 0 };
  const targets: LintTarget[] = [];
  for (const route of generateRoutes(BEHAVIOUR_SEED, MODULES)) {
    const generated: LintTarget = { module: route.id, stage: 'generated', idioms: route.idioms, filePath: route.filePath, source: route.source, settings: SETTINGS };
    targets.push(generated);
    const wrapped = acceptSuggestions(linter, generated, 'tenant-isolation/require-tenant-context', run.crashes);
    if (wrapped !== null) {
      const wrappedTarget = { ...generated, stage: 'wraps suggested by require-tenant-context accepted', source: wrapped };
      targets.push(wrappedTarget);
      const cleaned = acceptSuggestions(linter, wrappedTarget, 'tenant-isolation/prefer-tenant-context', run.crashes);
      if (cleaned !== null) targets.push({ ...generated, stage: 'wrapped, then prefer-tenant-context suggestions accepted', source: cleaned });
    }
    const rewrites = new Set<string>();
    for (const onUnsafe of ['skip', 'wrap-only'] as const) {
      const stage = `rewritten by the codemod (${onUnsafe})`;
      try {
        const output = migrateModule(route.source, route.filePath, codemodConfig, { onUnsafe }).output;
        if (output === null || rewrites.has(output)) continue;
        rewrites.add(output);
        targets.push({ ...generated, stage, source: output });
      } catch (error) {
        run.codemodCrashes.push({ target: { ...generated, stage }, cause: causeOf(error) });
      }
    }
    if (rewrites.size > 0) run.rewrittenModules++;
  }
  targets.push(...fixtureTargets());

  for (const target of targets) {
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(target.source, configFor(target.settings, RULES), { filename: target.filePath });
    } catch (error) {
      run.crashes.push({ target, cause: causeOf(error) });
      continue;
    }
    for (const message of messages) {
      if (message.fatal) run.fatal.push({ target, cause: message.message });
      if (!message.ruleId) continue;
      run.reportsByRule[message.ruleId] = (run.reportsByRule[message.ruleId] ?? 0) + 1;
      run.suggestionsByRule[message.ruleId] = (run.suggestionsByRule[message.ruleId] ?? 0) + (message.suggestions?.length ?? 0);
    }
  }
  return run;
}

/** The message (without the file ESLint appends, so that one bug reads as one cause) and the frame that threw. */
function causeOf(error: unknown): string {
  const { message, stack } = error as Error;
  const frame = stack
    ?.split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
    .replace(/\(.*?packages\//, '(packages/');
  return `${message.replace(/\nOccurred while linting .*/, '').replace(/\n/g, ' | ')}${frame ? ` ${frame}` : ''}`;
}

/**
 * Failures by cause, most frequent first: the stages and modules each was seen in, and the grammar choices every one
 * of those modules makes, which usually name the idiom to blame.
 */
function byCause(failures: readonly Failure[]) {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) groups.set(failure.cause, [...(groups.get(failure.cause) ?? []), failure]);
  return [...groups]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([cause, group]) => ({
      cause,
      stages: [...new Set(group.map((f) => f.target.stage))],
      modules: [...new Set(group.map((f) => f.target.module))],
      idiomsInEvery: group.map((f) => f.target.idioms).reduce((common, idioms) => common.filter((i) => idioms.includes(i))),
    }));
}

let run: LintRun;
// About 5,000 verify() calls: half a minute to a minute.
beforeAll(() => {
  run = lintEverything();
}, 240_000);

describe('every rule on generated route modules, their rewrites and the codemod fixtures', () => {
  it('rewrites every generated module without the codemod throwing', () => {
    expect(byCause(run.codemodCrashes)).toEqual([]);
  });

  it('never throws from a rule, suggestions included', () => {
    expect(byCause(run.crashes)).toEqual([]);
  });

  it('gets no fatal message: every module linted parses, after every accepted suggestion too', () => {
    expect(byCause(run.fatal)).toEqual([]);
  });

  it('has work for every rule: the codemod rewrites most modules, and the rules report and suggest on them', () => {
    // Bounds a little under what was measured (568 modules rewritten; 1,340 require-tenant-context and 755
    // prefer-tenant-context suggestions; 1,596 require-route-wrapper and 246 no-client-tenant-id reports): a run
    // that lints nothing the rules care about must not pass.
    expect(run.rewrittenModules).toBeGreaterThan(450);
    expect(run.suggestionsByRule['tenant-isolation/require-tenant-context']).toBeGreaterThan(1000);
    expect(run.suggestionsByRule['tenant-isolation/prefer-tenant-context']).toBeGreaterThan(500);
    expect(run.reportsByRule['tenant-isolation/require-route-wrapper']).toBeGreaterThan(1000);
    expect(run.reportsByRule['tenant-isolation/no-client-tenant-id']).toBeGreaterThan(150);
  });
});
