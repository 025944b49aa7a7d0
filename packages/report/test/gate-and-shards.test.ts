import * as path from 'node:path';
import { loadConfig } from '@tenant-isolation/core';
import { baselineOf, findRegressions, parseBaseline, runGate, type Baseline } from '../src/gate';
import type { HandlerReport, Report } from '../src/model';
import { scanProject } from '../src/scan';
import { inShard, mergeReports, parseShard, ShardError } from '../src/shard';
import { summarize } from '../src/summary';
import { emptyReport, mixedReport } from './support/sample-reports';

const EXAMPLE_APP = path.resolve(__dirname, '../../../fixtures/example-app');
const CROSS_MODULE = path.join(__dirname, '__fixtures__', 'cross-module');

async function scan(root: string, shard?: { index: number; count: number }): Promise<Report> {
  const { config } = await loadConfig(root);
  return (await scanProject({ root, config, version: 'test', ...(shard ? { shard } : {}) })).report;
}

/** A copy of a report with some handlers' statuses changed, and the summary counted again. */
function withStatuses(report: Report, changes: Record<string, HandlerReport['status']>): Report {
  const routes = report.routes.map((route) => ({
    ...route,
    handlers: route.handlers.map((h) => ({ ...h, status: changes[`${route.file}#${h.name}`] ?? h.status })),
  }));
  return { ...report, routes, summary: summarize(routes, report.errors, report.prismaSchema !== null) };
}

describe('shards', () => {
  it('reads i/n and refuses anything else with a usable message', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0', '-1/3']) {
      expect(() => parseShard(bad)).toThrow(new ShardError(`--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${bad}".`));
    }
  });

  it('puts every file in exactly one shard', () => {
    const files = Array.from({ length: 500 }, (_, i) => `app/api/r${i}/route.ts`);
    for (const count of [1, 2, 3, 7]) {
      for (const file of files) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(file, { index, count }));
        expect(owners).toHaveLength(1);
      }
    }
    // Balanced enough to be worth splitting: no shard of 4 holds more than a third of 500 files.
    const sizes = [1, 2, 3, 4].map((index) => files.filter((f) => inShard(f, { index, count: 4 })).length);
    expect(Math.max(...sizes)).toBeLessThan(500 / 3);
  });

  it.each([
    ['the example app', EXAMPLE_APP, [2, 3, 5]],
    ['the cross-module fixture', CROSS_MODULE, [2, 4]],
    ['a fixture whose helpers call each other', path.join(__dirname, '__fixtures__', 'helper-cycle'), [2, 3, 4, 5, 6, 7, 8]],
  ] as const)('merging the n shard reports of %s gives the unsharded report', async (_, root, counts) => {
    const whole = await scan(root);
    for (const count of counts) {
      const shards: Report[] = [];
      for (let index = count; index >= 1; index--) shards.push(await scan(root, { index, count }));
      expect(shards.every((s) => s.routes.length < whole.routes.length)).toBe(true);
      // Through JSON, as CI passes them between jobs.
      expect(mergeReports(shards.map((s) => JSON.parse(JSON.stringify(s)) as Report))).toEqual(whole);
    }
  });

  it('keeps a file that fails as a route in one shard and as an imported module in another, whatever the order', async () => {
    const whole = await scan(CROSS_MODULE);
    const asRoute = { file: 'src/app/api/x/route.ts', kind: 'route' as const, line: 2, column: 1, message: "'}' expected." };
    const asModule = { ...asRoute, kind: 'module' as const };
    const one: Report = { ...whole, shard: { index: 1, count: 2 }, routes: [], errors: [asModule] };
    const two: Report = { ...whole, shard: { index: 2, count: 2 }, errors: [asRoute] };
    for (const order of [[one, two], [two, one]]) {
      const merged = mergeReports(order);
      expect(merged.errors).toEqual([asModule, asRoute]);
      expect(merged.summary.errors).toBe(1);
    }
  });

  it('refuses to merge an incomplete, duplicated or mixed set', async () => {
    const one = await scan(CROSS_MODULE, { index: 1, count: 3 });
    const two = await scan(CROSS_MODULE, { index: 2, count: 3 });
    const three = await scan(CROSS_MODULE, { index: 3, count: 3 });
    expect(() => mergeReports([one, three])).toThrow('shard 2/3 missing: merge needs all 3.');
    expect(() => mergeReports([one, two, two, three])).toThrow('shard 2/3 is given twice.');
    expect(() => mergeReports([one, two, { ...three, shard: { index: 3, count: 4 } }])).toThrow('the reports come from different shard counts (3 and 4).');
    expect(() => mergeReports([one, two, { ...three, shard: null }])).toThrow(/one of the reports is a whole scan/);
    expect(() => mergeReports([])).toThrow('report merge needs at least one report.');
    expect(() => mergeReports([one, { shard: { index: 2, count: 3 } } as unknown as Report, three])).toThrow(
      'one of the files is not a tenant-isolation JSON report (written with --format json).',
    );
    expect(() => mergeReports([one, two, { ...three, schemaVersion: 1 as 2 }])).toThrow('the reports have different schema versions (2 and 1).');
  });
});

describe('the gate', () => {
  let report: Report;
  let baseline: Baseline;
  beforeAll(async () => {
    report = await scan(CROSS_MODULE);
    baseline = baselineOf(report);
  });

  it('writes the baseline as sorted file#NAME keys, and reads it and a JSON report back', () => {
    const keys = Object.keys(baseline.handlers);
    expect(keys).toEqual([...keys].sort());
    expect(baseline.handlers['src/app/api/migrated/route.ts#GET']).toBe('migrated');
    expect(parseBaseline(JSON.parse(JSON.stringify(baseline)), 'b.json')).toEqual(baseline);
    expect(parseBaseline(JSON.parse(JSON.stringify(report)), 'r.json')).toEqual(baseline);
    expect(() => parseBaseline({ hello: 1 }, 'x.json')).toThrow('x.json: not a tenant-isolation baseline');
    expect(() => parseBaseline({ schemaVersion: 99, handlers: {} }, 'x.json')).toThrow(/schemaVersion 99 is not 2/);
  });

  it('passes an unchanged scan', () => {
    expect(runGate(report, { baseline, minCoverage: 25 })).toEqual({ passed: true, failures: [], regressions: [] });
  });

  it('fails below --min-coverage, comparing exactly rather than the rounded figure', () => {
    // 4/16 is exactly 25%: 25 passes, and the smallest step above it fails.
    expect(runGate(report, { minCoverage: 25 }).passed).toBe(true);
    expect(runGate(report, { minCoverage: 25.001 })).toEqual({
      passed: false,
      failures: ['migration coverage 25% is below the minimum of 25.001%'],
      regressions: [],
    });
  });

  it('catches one handler fixed and another broken in the same file, though coverage did not move', () => {
    const before = withStatuses(report, { 'src/app/api/reexport/route.ts#GET': 'migrated', 'src/app/api/reexport/route.ts#POST': 'unmigrated' });
    const after = withStatuses(report, { 'src/app/api/reexport/route.ts#GET': 'unmigrated', 'src/app/api/reexport/route.ts#POST': 'migrated' });
    expect(after.summary.coverage).toEqual(before.summary.coverage);
    const result = runGate(after, { baseline: baselineOf(before) });
    expect(result.passed).toBe(false);
    expect(result.regressions.map((r) => [r.handler, r.kind, r.before, r.after])).toEqual([
      ['src/app/api/reexport/route.ts#GET', 'lost-wrapper', 'migrated', 'unmigrated'],
    ]);
    expect(result.failures).toEqual(['1 handler went backwards since the baseline']);
  });

  it('names every kind of going backwards, and lets progress through', () => {
    const previous: Baseline = {
      schemaVersion: 2,
      handlers: {
        ...baseline.handlers,
        'src/app/api/migrated/route.ts#GET': 'partial',
        'src/app/api/barrel/route.ts#PUT': 'migrated',
        'src/app/api/helper/route.ts#GET': 'unwrapped',
        'src/app/api/syntax/route.ts#GET': 'migrated',
        'src/app/api/syntax/route.ts#POST': 'unmigrated',
        'src/app/api/broken-import/route.ts#GET': 'unmigrated',
      },
    };
    delete previous.handlers['src/app/api/direct/route.ts#GET'];
    delete previous.handlers['src/app/api/suppressed/route.ts#GET'];
    delete previous.handlers['src/app/api/external/route.ts#GET'];
    expect(findRegressions(report, previous).map((r) => `${r.handler} ${r.kind} ${r.before}→${r.after}: ${r.message}`)).toEqual([
      'src/app/api/barrel/route.ts#PUT reads-session-again migrated→partial: was migrated, now reads the session again inside the wrapper (partial)',
      'src/app/api/broken-import/route.ts#GET no-longer-known unmigrated→error: was unmigrated, and what it reads can no longer be told (its file or a module it uses does not parse or resolve)',
      'src/app/api/direct/route.ts#GET new-unmigrated null→unmigrated: new handler arrived unmigrated: wrap it in withTenantContext()',
      'src/app/api/helper/route.ts#GET new-session-read unwrapped→unmigrated: was unwrapped, now reads the session outside the wrapper (unmigrated)',
      'src/app/api/suppressed/route.ts#GET new-unmigrated null→suppressed: new handler arrived suppressed: wrap it in withTenantContext()',
      'src/app/api/syntax/route.ts#GET lost-wrapper migrated→error: was migrated, and its file no longer parses',
      'src/app/api/syntax/route.ts#POST no-longer-known unmigrated→error: was unmigrated, and what it reads can no longer be told (its file or a module it uses does not parse or resolve)',
    ]);
  });
});

describe('the gate on the query figure', () => {
  /** A copy of the sample report with some queries' statuses changed (`file#Model.operation#n`), and the summary counted again. */
  function withQueries(report: Report, changes: Record<string, { status: 'scoped' | 'unscoped' | 'suppressed'; add?: boolean }>): Report {
    const routes = report.routes.map((route) => {
      const queries = route.queries.map((q, i) => {
        const n = route.queries.slice(0, i + 1).filter((p) => p.model === q.model && p.operation === q.operation).length;
        const change = changes[`${route.file}#${q.model}.${q.operation}#${n}`];
        return change ? { ...q, status: change.status, finding: change.status === 'scoped' ? null : (q.finding ?? 'missingTenantFilter') } : q;
      });
      return { ...route, queries };
    });
    return { ...report, routes, summary: summarize(routes, report.errors, true) };
  }

  it('fails below --min-query-scoping, comparing exactly', () => {
    // The sample has 2 of 5 queries scoped: 40%.
    expect(runGate(mixedReport, { minQueryScoping: 40 }).passed).toBe(true);
    expect(runGate(mixedReport, { minQueryScoping: 40.5 })).toEqual({
      passed: false,
      failures: ['query scoping 40% is below the minimum of 40.5%'],
      regressions: [],
    });
  });

  it('keys each query by file, model, operation and rank in the baseline, and passes the scan it was written from', () => {
    const baseline = baselineOf(mixedReport);
    expect(baseline.queries).toEqual({
      'app/api/invoices/[id]/route.ts#Invoice.$queryRaw#1': 'suppressed',
      'app/api/invoices/[id]/route.ts#Invoice.delete#1': 'scoped',
      'app/api/invoices/[id]/route.ts#Invoice.findFirst#1': 'scoped',
      'app/api/invoices/[id]/route.ts#Invoice.update#1': 'unscoped',
      'app/api/payments/route.ts#Payment.findMany#1': 'unscoped',
    });
    expect(runGate(mixedReport, { baseline })).toEqual({ passed: true, failures: [], regressions: [] });
    expect(baselineOf(emptyReport).queries).toBeUndefined();
  });

  it('fails on a query that was scoped and is not, and on a new unscoped query, but not on one the baseline knew', () => {
    const before = withQueries(mixedReport, { 'app/api/payments/route.ts#Payment.findMany#1': { status: 'scoped' } });
    const baseline = baselineOf(before);
    delete baseline.queries!['app/api/invoices/[id]/route.ts#Invoice.update#1'];
    const result = runGate(mixedReport, { baseline });
    expect(result.regressions.map((r) => [r.handler, r.kind, r.before, r.after, r.message])).toEqual([
      [
        'app/api/invoices/[id]/route.ts#Invoice.update#1',
        'unscoped-query',
        null,
        'unscoped',
        'new Invoice.update() is not scoped to the verified tenant (missingTenantFilter)',
      ],
      [
        'app/api/payments/route.ts#Payment.findMany#1',
        'unscoped-query',
        'scoped',
        'unscoped',
        'was scoped, now Payment.findMany() is not scoped to the verified tenant (clientTenantValue)',
      ],
    ]);
    expect(result.failures).toEqual(['2 queries are not scoped to the tenant that the baseline did not know unscoped']);
    // Fixing a query is progress: the gate lets it through.
    const fixed = withQueries(mixedReport, { 'app/api/invoices/[id]/route.ts#Invoice.update#1': { status: 'scoped' } });
    expect(runGate(fixed, { baseline: baselineOf(mixedReport) }).passed).toBe(true);
  });
});
