import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { resolveConfig, type TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateModule, type MigrateOptions } from '@tenant-isolation/codemod';
import { compareBehaviour, handlerOf, observe, scenariosForPair, type BehaviourDifference, type RouteModuleUnderTest, type Scenario, type SessionShape } from './support/differential';

/*
 * Every before/after pair in __testfixtures__/migrate (a case with an .output file: the input is the before, the
 * output the after, each at the route path migrate-fixtures.test.ts gives it) run through the differential harness:
 * the rewrite must answer every scenario as the original did, outside the documented exceptions. Cases without an
 * output are no-ops and have nothing to compare.
 */
const DIR = path.join(__dirname, '__testfixtures__/migrate');
const INPUT = /^(.*)\.input\.(ts|tsx|js)$/;

/** As in migrate-fixtures.test.ts: the default config with <case>.config.json laid over it, a null unsetting a key. */
const DEFAULT_CONFIG = {
  optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' },
};

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

interface FixturePair {
  name: string;
  before: RouteModuleUnderTest;
  after: RouteModuleUnderTest;
  config: TenantIsolationConfig;
  options: MigrateOptions & Record<string, unknown>;
}

const pairs: FixturePair[] = fs
  .readdirSync(DIR)
  .map((file) => INPUT.exec(file))
  .filter((m): m is RegExpExecArray => m !== null && fs.existsSync(path.join(DIR, `${m[1]}.output.${m[2]}`)))
  .map(([, name, ext]) => {
    const base = path.join(DIR, name!);
    const merged: Record<string, unknown> = { ...DEFAULT_CONFIG, ...readJson<Record<string, unknown>>(`${base}.config.json`) };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    const filePath = readJson<{ path: string }>(`${base}.route.json`)?.path ?? `app/api/${name}/route.${ext}`;
    return {
      name: name!,
      before: { filePath, source: fs.readFileSync(`${base}.input.${ext}`, 'utf8') },
      after: { filePath, source: fs.readFileSync(`${base}.output.${ext}`, 'utf8') },
      config: resolveConfig(merged),
      options: readJson<MigrateOptions & Record<string, unknown>>(`${base}.options.json`) ?? {},
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

/** What the harness's world provides: the example app's wrappers, accessors and context, and a NextAuth session. */
const WORLD = {
  wrappers: [{ name: 'withTenantContext', from: '@/lib/api-wrapper' }],
  pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }],
  accessors: [
    { name: 'requireTenantContext', from: '@/lib/tenant-utils' },
    { name: 'getTenantContext', from: '@/lib/tenant-utils' },
    { name: 'tenantContext.require', from: '@/lib/tenant-utils' },
    { name: 'tenantContext.getContextOrNull', from: '@/lib/tenant-utils' },
  ],
  sessionGetters: [
    { name: 'getServerSession', from: ['next-auth', 'next-auth/next'] },
    { name: 'unstable_getServerSession', from: ['next-auth', 'next-auth/next'] },
    { name: 'auth', from: ['@/auth'] },
  ],
  /** The session field the example wrapper fills each context key from (lib/api-wrapper.ts). */
  contextSources: { userId: 'user.id', tenantId: 'user.tenantId', role: 'user.role', userEmail: 'user.email', userName: 'user.name', tenantRole: 'user.tenantRole' } as Record<string, string>,
  contextUndefinedForNull: ['userEmail', 'userName'],
  anonymousResponse: { status: 401, json: { error: 'Unauthorized' } },
  authOptions: { name: 'authOptions', from: '@/lib/auth' },
  knownOptions: ['onUnsafe', 'anonymousResponse'],
};

const modulesOf = (from: string | string[]) => [from].flat();
const provided = (spec: { name: string; from: string | string[] }, by: readonly { name: string; from: string | string[] }[]) =>
  modulesOf(spec.from).every((module) => by.some((p) => p.name === spec.name && modulesOf(p.from).includes(module)));

/** Why the harness cannot run a pair faithfully, from what its config and options ask for; null when it can. */
function whyNotExecutable({ config, options }: FixturePair): string | null {
  const reasons: string[] = [];
  const read = config as TenantIsolationConfig & Record<string, unknown>;
  for (const wrapper of config.wrappers) {
    if (!provided(wrapper, WORLD.wrappers)) reasons.push(`wrapper ${wrapper.name} from ${modulesOf(wrapper.from).join(', ')} has no implementation here`);
  }
  for (const wrapper of config.pagesWrappers) {
    if (!provided(wrapper, WORLD.pagesWrappers)) reasons.push(`pages wrapper ${wrapper.name} from ${modulesOf(wrapper.from).join(', ')} has no implementation here`);
  }
  for (const accessor of [config.contextAccessor, config.optionalContextAccessor].filter((a) => a !== undefined)) {
    if (!provided(accessor, WORLD.accessors)) reasons.push(`accessor ${accessor.name} from ${accessor.from} has no implementation here`);
  }
  for (const getter of config.sessionGetters) {
    if (!provided(getter, WORLD.sessionGetters)) reasons.push(`session getter ${getter.name} from ${modulesOf(getter.from).join(', ')} has no stub here`);
  }
  for (const getter of config.indirectSessionGetters) {
    reasons.push(`indirect session getter ${getter.name} from ${modulesOf(getter.from).join(', ')} reads the session in project code the harness replaces with a recorder`);
  }
  for (const [sessionPath, key] of Object.entries(config.sessionMapping)) {
    if (!(key in WORLD.contextSources)) reasons.push(`sessionMapping maps ${sessionPath} to context key ${key}, which the example wrapper does not fill`);
  }
  if (Array.isArray(read.contextUndefinedForNull) && !isDeepStrictEqual([...read.contextUndefinedForNull].sort(), WORLD.contextUndefinedForNull)) {
    reasons.push(`contextUndefinedForNull is ${JSON.stringify(read.contextUndefinedForNull)}, the example wrapper turns null into undefined in userEmail and userName`);
  }
  if (read.anonymousResponse !== undefined && !isDeepStrictEqual(read.anonymousResponse, WORLD.anonymousResponse)) {
    reasons.push(`anonymousResponse is ${JSON.stringify(read.anonymousResponse)}, the example wrapper answers 401 {"error":"Unauthorized"}`);
  }
  const authOptions = read.authOptions as { name: string; from?: string | string[] } | undefined;
  if (authOptions !== undefined && (authOptions.name !== WORLD.authOptions.name || (authOptions.from !== undefined && !modulesOf(authOptions.from).includes(WORLD.authOptions.from)))) {
    reasons.push(`authOptions is ${authOptions.name} from ${modulesOf(authOptions.from ?? 'any module').join(', ')}, the session stub answers authOptions from @/lib/auth`);
  }
  for (const option of Object.keys(options)) {
    if (!WORLD.knownOptions.includes(option)) reasons.push(`options.json sets ${option}, whose effect on the comparison is not known here`);
  }
  return reasons.length === 0 ? null : reasons.join('; ');
}

/**
 * Fixture pairs the harness does not run, each with the reason, exactly as whyNotExecutable finds them. Empty
 * while every fixture's config fits the example app's wrapper and session; a fixture configured for a wrapper,
 * accessor or getter of its own (a legacy tenant-header wrapper, say) belongs here until the harness stubs it.
 */
const NOT_EXECUTABLE: Record<string, string> = {};

/**
 * A config whose sessionMapping reads other session fields (`user.organizationId` for tenantId) describes an app
 * whose wrapper reads those fields too; the example wrapper reads the default ones, so the session carries both,
 * with the same values.
 */
function sessionsForMapping(scenarios: Scenario[], mapping: Record<string, string>): Scenario[] {
  const aliases = Object.entries(mapping)
    .map(([sessionPath, key]) => [sessionPath, WORLD.contextSources[key]] as const)
    .filter((alias): alias is readonly [string, string] => alias[1] !== undefined && alias[0] !== alias[1]);
  if (aliases.length === 0) return scenarios;
  const at = (object: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], object);
  return scenarios.map((scenario) => {
    if (scenario.session === null) return scenario;
    const session = structuredClone(scenario.session) as SessionShape & Record<string, unknown>;
    for (const [alias, source] of aliases) {
      const value = at(scenario.session, source);
      if (value === undefined) continue;
      const keys = alias.split('.');
      const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((o, key) => (o[key] ??= {}) as Record<string, unknown>, session);
      parent[keys.at(-1)!] = value;
    }
    return { ...scenario, session };
  });
}

/** Handlers the run let the wrapper answer anonymous callers for (`--anonymous-response wrapper`), as it reports them. */
function anonymousAccepted({ before, config, options }: FixturePair): string[] {
  if (options.anonymousResponse !== 'wrapper') return [];
  return migrateModule(before.source, before.filePath, config, options)
    .handlers.filter((h) => h.outcome === 'migrated' && h.anonymous !== undefined)
    .map((h) => h.handler);
}

const describeDifference = (d: BehaviourDifference) => `${d.scenario}: ${d.why}`;

const executable = pairs.filter((pair) => whyNotExecutable(pair) === null);
const scenarioCounts = new Map(executable.map((pair) => [pair.name, scenariosForPair(pair.before, pair.after).length]));
const totalScenarios = [...scenarioCounts.values()].reduce((sum, n) => sum + n, 0);

describe(`the ${executable.length} runnable codemod fixture pairs (${totalScenarios} scenarios), before and after the rewrite`, () => {
  const ran: { name: string; scenarios: number; differences: number }[] = [];

  afterAll(() => {
    const changed = ran.filter((r) => r.differences > 0);
    process.stdout.write(
      `behaviour-fixtures: ${ran.length} pairs, ${ran.reduce((n, r) => n + r.scenarios, 0)} scenarios compared; ` +
        `${changed.length} pairs answer differently: ${changed.map((r) => `${r.name} (${r.differences})`).join(', ') || 'none'}\n`,
    );
  });

  it('skips exactly the pairs NOT_EXECUTABLE lists, for the reasons it gives', () => {
    const skipped = Object.fromEntries(pairs.flatMap((pair) => {
      const reason = whyNotExecutable(pair);
      return reason === null ? [] : [[pair.name, reason]];
    }));
    expect(skipped).toEqual(NOT_EXECUTABLE);
    // Guards against a directory listing that silently found nothing to compare.
    expect(pairs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(executable.map((pair) => [pair.name, scenarioCounts.get(pair.name)!, pair] as const))(
    '%s answers its %i scenarios as before, outside the documented exceptions',
    async (name, count, pair) => {
      const scenarios = sessionsForMapping(scenariosForPair(pair.before, pair.after), pair.config.sessionMapping);
      const result = await compareBehaviour(pair.before, pair.after, { anonymousAccepted: anonymousAccepted(pair), scenarios });
      ran.push({ name, scenarios: result.scenarios, differences: result.differences.length });
      // Equal answers only prove something if the original gets past its guards: a signed-in caller's first
      // scenario must not end in an error in any handler.
      const firstSignedIn = new Map<string, Scenario>();
      for (const s of scenarios) if (s.kind === 'signed-in' && !firstSignedIn.has(handlerOf(pair.before, s))) firstSignedIn.set(handlerOf(pair.before, s), s);
      const originalThrowsForSignedInCaller: string[] = [];
      for (const [handler, scenario] of firstSignedIn) {
        const { outcome } = await observe(pair.before, scenario);
        if ('threw' in outcome) originalThrowsForSignedInCaller.push(`${handler} (${scenario.name}): ${outcome.threw.name}: ${outcome.threw.message}`);
      }
      expect({ scenarios: result.scenarios, originalThrowsForSignedInCaller, differences: result.differences.map(describeDifference) }).toEqual({
        scenarios: count,
        originalThrowsForSignedInCaller: [],
        differences: [],
      });
    },
  );
});
