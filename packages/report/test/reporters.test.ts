import Ajv from 'ajv';
import type { Report } from '@tenant-isolation/report/model';
import {
  coverageLevel,
  FORMAT_FILE_NAMES,
  githubAnnotations,
  githubStepSummary,
  REPORT_FORMATS,
  reporters,
  routeDirectoryOf,
  type ReporterOptions,
} from '@tenant-isolation/report/reporters';
import { escapeCommandData, escapeCommandProperty } from '@tenant-isolation/report/reporters/github';
import { codeCell, markdownText } from '@tenant-isolation/report/reporters/markdown';
import { fileUri } from '@tenant-isolation/report/reporters/sarif';
import { summarize } from '@tenant-isolation/report/summary';
import type * as Sarif from 'sarif';
import reportSchema from '../schema/report.schema.json';
import { expectGolden } from './support/golden';
import { completeReport, emptyReport, mixedReport, SAMPLE_REPORTS } from './support/sample-reports';

const OUTPUTS: Array<[file: string, render: (report: Report) => string]> = [
  ['report.txt', (r) => reporters.text(r)],
  ['report.all.txt', (r) => reporters.text(r, { all: true })],
  ['report.color.txt', (r) => reporters.text(r, { color: true })],
  ['report.json', (r) => reporters.json(r)],
  ['report.md', (r) => reporters.md(r)],
  ['report.sarif', (r) => reporters.sarif(r)],
  ['report.html', (r) => reporters.html(r)],
  ['annotations.txt', (r) => reporters.github(r)],
  ['step-summary.md', (r) => githubStepSummary(r)],
];

const firstLine = (text: string): string => text.slice(0, text.indexOf('\n'));

/** A copy of the mixed report with the handler list and summary left alone but one field changed. */
const withRoutes = (routes: Report['routes'], errors: Report['errors'] = []): Report => ({
  ...mixedReport,
  routes,
  errors,
  summary: summarize(routes, errors, true),
});

describe('golden outputs', () => {
  for (const [sample, report] of Object.entries(SAMPLE_REPORTS)) {
    for (const [file, render] of OUTPUTS) {
      it(`${sample}: ${file}`, () => expectGolden(`${sample}/${file}`, render(report)));
    }
  }
});

describe('the sample reports', () => {
  it.each(Object.entries(SAMPLE_REPORTS))('%s has the summary its routes and errors give', (_, report) => {
    expect(report.summary).toEqual(summarize(report.routes, report.errors, report.prismaSchema !== null));
  });

  const validate = new Ajv({ allErrors: true, strict: true }).compile(reportSchema);

  it.each(Object.entries(SAMPLE_REPORTS))('%s, as the json format writes it, matches report.schema.json', (_, report) => {
    const json: unknown = JSON.parse(reporters.json(report));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json).toEqual(report);
  });

  it('the schema rejects a field the model does not have, and a wrong status', () => {
    const extra = { ...mixedReport, generatedAt: '2026-01-01' };
    expect(validate(extra)).toBe(false);
    const badStatus = JSON.parse(reporters.json(mixedReport));
    badStatus.routes[0].handlers[0].status = 'done';
    expect(validate(badStatus)).toBe(false);
  });
});

describe('every format', () => {
  it('has a reporter and is named in FORMAT_FILE_NAMES', () => {
    expect(Object.keys(reporters).sort()).toEqual([...REPORT_FORMATS].sort());
    expect(FORMAT_FILE_NAMES).toEqual({
      text: null,
      json: 'tenant-isolation-report.json',
      md: 'tenant-isolation-report.md',
      sarif: 'tenant-isolation-report.sarif',
      html: 'tenant-isolation-report.html',
      github: null,
    });
  });

  it.each(REPORT_FORMATS)('%s renders the same text twice and leaves the report as it was', (format) => {
    const before = structuredClone(mixedReport);
    const once = reporters[format](mixedReport, { color: true, all: true });
    expect(reporters[format](mixedReport, { color: true, all: true })).toBe(once);
    expect(mixedReport).toEqual(before);
  });

  it('json writes keys in model order even when the report was built in another order', () => {
    const reverseKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
    };
    const reordered = reverseKeys(mixedReport) as Report;
    expect(Object.keys(reordered)[0]).toBe('prismaSchema');
    expect(reporters.json(reordered)).toBe(reporters.json(mixedReport));
    expect(reporters.json(mixedReport)).toBe(`${JSON.stringify(mixedReport, null, 2)}\n`);
  });
});

describe('the headline', () => {
  it('is the same sentence with the status icon in every human format', () => {
    const headline = 'Routes migrated to withTenantContext: 5/12 (41.7%)';
    expect(firstLine(reporters.text(mixedReport))).toBe(`⚠️ ${headline}`);
    expect(firstLine(reporters.md(mixedReport))).toBe(`${headline} ⚠️`);
    expect(firstLine(githubStepSummary(mixedReport))).toBe(`${headline} ⚠️`);
    expect(reporters.html(mixedReport)).toContain(`<title>${headline}</title>`);
    expect(reporters.html(mixedReport)).toMatch(new RegExp(`<h1><span class="icon" role="img" aria-label="below the warning threshold">⚠️</span> ${headline.replace(/[()]/g, '\\$&')}</h1>`));
  });

  it('reads 124/150 (82.7%) for the seed figures', () => {
    const report: Report = {
      ...emptyReport,
      thresholds: { warnBelow: 100, failBelow: 50 },
      summary: { ...emptyReport.summary, coverage: { covered: 124, total: 150, percent: 82.66 } },
    };
    expect(firstLine(reporters.md(report))).toBe('Routes migrated to withTenantContext: 124/150 (82.7%) ⚠️');
  });

  it('is ✅ with n/a when nothing is in scope, and ✅ at 100%', () => {
    expect(firstLine(reporters.md(emptyReport))).toBe('Routes migrated to withTenantContext: 0/0 (n/a) ✅');
    expect(firstLine(reporters.md(completeReport))).toBe('Routes migrated to withTenantContext: 4/4 (100.0%) ✅');
  });

  it('names the configured wrapper', () => {
    const options: ReporterOptions = { wrapperName: 'withTenant' };
    const headline = 'Routes migrated to withTenant: 5/12 (41.7%)';
    expect(firstLine(reporters.text(mixedReport, options))).toBe(`⚠️ ${headline}`);
    expect(firstLine(reporters.md(mixedReport, options))).toBe(`${headline} ⚠️`);
    expect(reporters.html(mixedReport, options)).toContain(`<title>${headline}</title>`);
    expect(reporters.github(mixedReport, options)).toContain('reads the session outside withTenant: ');
    const sarif = JSON.parse(reporters.sarif(mixedReport, options)) as Sarif.Log;
    expect(sarif.runs[0]!.tool.driver.rules![0]!.shortDescription!.text).toBe('Route handler reads the session outside withTenant');
  });
});

describe('coverageLevel', () => {
  const thresholds = { warnBelow: 90, failBelow: 40 };
  it.each([
    [null, 'ok'],
    [100, 'ok'],
    [90, 'ok'],
    [89.99, 'warn'],
    [40, 'warn'],
    [39.99, 'fail'],
    [0, 'fail'],
  ] as const)('%s%% against warn 90 / fail 40 is %s', (percent, level) => {
    expect(coverageLevel({ covered: 0, total: percent === null ? 0 : 1, percent }, thresholds)).toBe(level);
  });

  it('with the default thresholds (warn below 100, fail below 0) anything short of 100% warns and nothing fails', () => {
    const defaults = { warnBelow: 100, failBelow: 0 };
    expect(coverageLevel({ covered: 149, total: 150, percent: 99.33 }, defaults)).toBe('warn');
    expect(coverageLevel({ covered: 0, total: 150, percent: 0 }, defaults)).toBe('warn');
  });
});

describe('routeDirectoryOf', () => {
  it.each([
    ['/api/payments', 'payments'],
    ['/api/payments/[id]/refund', 'payments'],
    ['/api/a&b/[id]', 'a&b'],
    ['/api', 'api'],
    ['/dashboard/export', 'dashboard'],
    ['/', '/'],
  ])('%s is in %s', (urlPath, directory) => expect(routeDirectoryOf(urlPath)).toBe(directory));
});

describe('text', () => {
  const tableRows = (text: string) => text.split('\n').filter((line) => /^ {2}\/\S/.test(line));

  it('lists the handlers with work left, each column starting at the same place', () => {
    const text = reporters.text(mixedReport);
    const rows = tableRows(text);
    expect(rows.map((row) => row.split(/\s{2,}/).slice(2, 5))).toEqual([
      ['GET', 'unmigrated', 'app/api/a&b/[id]/route.ts:6:1'],
      ['GET', 'suppressed', 'app/api/admin/users/route.ts:9:1'],
      ['DELETE', 'unmigrated', 'app/api/admin/users/route.ts:20:1'],
      ['PATCH', 'partial', 'app/api/invoices/[id]/route.ts:16:14'],
      ['DELETE', 'unmigrated', 'app/api/invoices/[id]/route.ts:30:1'],
      ['POST', 'unmigrated', 'app/api/payments/route.ts:1:15'],
      ['GET', 'error', 'app/api/reports/route.ts:1:10'],
      ['default', 'unmigrated', 'pages/api/legacy/export.ts:12:1'],
    ]);
    const header = text.split('\n').find((line) => line.includes('METHOD'))!;
    for (const column of ['METHOD', 'STATUS', 'LOCATION', 'FIRST SESSION CALL']) {
      const start = header.indexOf(column);
      for (const row of rows) expect(row[start - 1]).toBe(' ');
      for (const row of rows) expect(row[start]).not.toBe(' ');
    }
  });

  it('names the first session call with its path through other modules', () => {
    expect(reporters.text(mixedReport)).toContain('getServerSession at lib/auth.ts:8 via loadAdmin → getCurrentUser (lib/auth.ts)');
    expect(reporters.text(mixedReport)).toContain('requireAdmin at app/api/invoices/[id]/route.ts:31 (+1 more)');
  });

  it('lists every handler with `all`', () => {
    expect(tableRows(reporters.text(mixedReport, { all: true }))).toHaveLength(14);
  });

  it('paints only when asked', () => {
    expect(reporters.text(mixedReport)).not.toContain('\u001b[');
    expect(reporters.text(mixedReport, { color: true })).toContain('\u001b[31munmigrated\u001b[39m');
  });
});

describe('md', () => {
  /** Cells of a table row, split on the pipes that are not escaped. */
  const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

  it('escapes | in cells, so every row has as many cells as its header', () => {
    const md = reporters.md(mixedReport);
    expect(md).toContain('uptime probe \\| no tenant data');
    let columns = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      if (columns === 0) columns = cells(line).length;
      expect(cells(line)).toHaveLength(columns);
    }
  });

  it('groups routes by top-level directory, with its coverage', () => {
    const headings = reporters.md(mixedReport).split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### a&b — 1/2 (50.0%) ⚠️',
      '### admin — 0/2 (0.0%) ❌',
      '### dashboard — 1/1 (100.0%) ✅',
      '### health — 0/0 (n/a) ✅',
      '### invoices — 2/3 (66.7%) ⚠️',
      '### legacy — 0/1 (0.0%) ❌',
      '### payments — 1/2 (50.0%) ⚠️',
      '### reports — 0/1 (0.0%) ❌',
      '### webhooks — 0/0 (n/a) ✅',
    ]);
  });

  it('writes text and code so that Markdown and HTML in them stay literal', () => {
    expect(markdownText('a | b <img src=x> *c* [d](e) & &amp; `f`')).toBe('a \\| b &lt;img src=x&gt; \\*c\\* \\[d\\](e) & &amp;amp; \\`f\\`');
    expect(codeCell('app/api/a|b/route.ts')).toBe('`app/api/a\\|b/route.ts`');
    expect(codeCell('odd`name')).toBe('``odd`name``');
    expect(codeCell('`x`')).toBe('`` `x` ``');
  });
});

describe('sarif', () => {
  const log = JSON.parse(reporters.sarif(mixedReport)) as Sarif.Log;
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules!;
  const results = run.results!;

  it('is one SARIF 2.1.0 run of tenant-isolation with a rule per kind of finding', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'tenant-isolation', version: '0.1.0', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(rules.map((rule) => [rule.id, rule.defaultConfiguration?.level])).toEqual([
      ['tenant-isolation/unmigrated-handler', 'error'],
      ['tenant-isolation/suppressed-handler', 'warning'],
      ['tenant-isolation/partial-handler', 'note'],
      ['tenant-isolation/unanalyzed-handler', 'warning'],
      ['tenant-isolation/require-tenant-scoped-query', 'error'],
    ]);
    for (const rule of rules) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\/.*report-formats\.md#[a-z-]+$/);
    }
  });

  it('has one result per handler with work left, sorted by place, each pointing at its rule', () => {
    expect(results.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region!.startLine])).toEqual([
      ['tenant-isolation/unmigrated-handler', 'app/api/a&b/%5Bid%5D/route.ts', 6],
      ['tenant-isolation/suppressed-handler', 'app/api/admin/users/route.ts', 9],
      ['tenant-isolation/unmigrated-handler', 'app/api/admin/users/route.ts', 20],
      ['tenant-isolation/partial-handler', 'app/api/invoices/%5Bid%5D/route.ts', 16],
      ['tenant-isolation/unmigrated-handler', 'app/api/invoices/%5Bid%5D/route.ts', 30],
      ['tenant-isolation/unmigrated-handler', 'app/api/payments/route.ts', 1],
      ['tenant-isolation/unanalyzed-handler', 'app/api/reports/route.ts', 1],
      ['tenant-isolation/unmigrated-handler', 'pages/api/legacy/export.ts', 12],
      ['tenant-isolation/require-tenant-scoped-query', 'app/api/invoices/%5Bid%5D/route.ts', 19],
      ['tenant-isolation/require-tenant-scoped-query', 'app/api/invoices/%5Bid%5D/route.ts', 24],
      ['tenant-isolation/require-tenant-scoped-query', 'app/api/payments/route.ts', 9],
    ]);
    // The suppressed query is a result with an in-source suppression, as SARIF viewers expect.
    expect(results.map((r) => r.suppressions ?? null).filter(Boolean)).toEqual([[{ kind: 'inSource' }]]);
    expect(results.at(-1)!.partialFingerprints).toEqual({ 'tenantIsolationQuery/v1': 'app/api/payments/route.ts#Payment.findMany#1' });
    for (const result of results) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.level).toBe(rules[result.ruleIndex!]!.defaultConfiguration!.level);
    }
  });

  it('places a result at the export, 1-based, names the handler and its first session call, and relates every call', () => {
    const deleteInvoice = results[4]!;
    expect(deleteInvoice.locations![0]!.physicalLocation!.region).toEqual({ startLine: 30, startColumn: 1 });
    expect(deleteInvoice.message.text).toBe(
      'DELETE /api/invoices/[id] reads the session outside withTenantContext: requireAdmin at app/api/invoices/[id]/route.ts:31 (and 1 more).',
    );
    expect(deleteInvoice.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'app/api/invoices/%5Bid%5D/route.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 31, startColumn: 9 } },
        message: { text: 'requireAdmin at app/api/invoices/[id]/route.ts:31' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'app/api/invoices/%5Bid%5D/route.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 44, startColumn: 27 } },
        message: { text: 'getServerSession at app/api/invoices/[id]/route.ts:44 via assertOwner' },
      },
    ]);
    expect(results[2]!.message.text).toBe(
      'DELETE /api/admin/users reads the session outside withTenantContext: getServerSession at lib/auth.ts:8 via loadAdmin → getCurrentUser (lib/auth.ts).',
    );
    expect(results[5]!.message.text).toContain('Its code is in lib/handlers/payments.ts.');
  });

  it('fingerprints a result by file and handler name, so moving the handler keeps its alert', () => {
    expect(results[4]!.partialFingerprints).toEqual({ 'tenantIsolationHandler/v1': 'app/api/invoices/[id]/route.ts#DELETE' });
    const moved = structuredClone(mixedReport);
    moved.routes[3]!.handlers[2]!.line += 10;
    const movedResults = (JSON.parse(reporters.sarif(moved)) as Sarif.Log).runs[0]!.results!;
    expect(movedResults[4]!.partialFingerprints).toEqual(results[4]!.partialFingerprints);
  });

  it('reports files that could not be parsed as tool notifications', () => {
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          expect.objectContaining({ level: 'error', message: { text: "Could not parse app/api/reports/impl.ts: ')' expected." } }),
          expect.objectContaining({ level: 'error', message: { text: 'Could not parse app/api/search/route.ts: Declaration or statement expected.' } }),
        ],
      },
    ]);
  });

  it('gives each shard its own category', () => {
    expect((JSON.parse(reporters.sarif(completeReport)) as Sarif.Log).runs[0]!.automationDetails).toEqual({ id: 'tenant-isolation/shard-2-of-3/' });
    expect(run.automationDetails).toBeUndefined();
  });

  it('encodes file names as relative URI references', () => {
    expect(fileUri('app/api/[id]/(group)/@slot/route.ts')).toBe('app/api/%5Bid%5D/(group)/@slot/route.ts');
    expect(fileUri('app/api/50% off/#1?/a:b/route.ts')).toBe('app/api/50%25%20off/%231%3F/a%3Ab/route.ts');
    expect(fileUri('app/api/café/route.ts')).toBe('app/api/caf%C3%A9/route.ts');
  });
});

describe('github', () => {
  it('escapes workflow command data and properties as @actions/core does', () => {
    expect(escapeCommandData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeCommandProperty('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext%3A a%2C b');
  });

  it('annotates each unmigrated handler as an error and the rest as warnings, one line each', () => {
    const lines = reporters.github(mixedReport).trimEnd().split('\n');
    expect(lines.map((line) => line.slice(0, line.indexOf(' ')))).toEqual([
      '::error', '::warning', '::error', '::warning', '::error', '::error', '::warning', '::error',
      '::error', '::warning', '::error',
      '::warning', '::warning',
    ]);
    expect(lines[8]).toBe(
      '::error file=app/api/invoices/[id]/route.ts,line=19,col=35,title=Prisma query not scoped to the verified tenant' +
        '::Invoice.update(): its `where` does not constrain the tenant',
    );
    expect(lines[0]).toBe(
      '::error file=app/api/a&b/[id]/route.ts,line=6,col=1,title=Route handler reads the session outside withTenantContext' +
        '::GET /api/a&b/[id] reads the session outside withTenantContext: getServerSession at app/api/a&b/[id]/route.ts:7.',
    );
    expect(lines[11]).toBe("::warning file=app/api/reports/impl.ts,line=14,col=8,title=tenant-isolation could not parse this file::')' expected.");
  });

  it('keeps an annotation on one line whatever the file name and reason hold', () => {
    const report = withRoutes([
      {
        file: 'app/api/a,b:c%/route.ts',
        urlPath: '/api/a,b:c%',
        kind: 'app-route',
        queries: [],
        handlers: [
          {
            name: 'GET',
            status: 'unmigrated',
            line: 2,
            column: 0,
            wrapperChain: [],
            definedIn: null,
            sessionCalls: [{ file: 'app/api/a,b:c%/route.ts', line: 3, column: 2, getter: 'getServerSession', via: [] }],
            reason: 'first line\r\nsecond line',
          },
        ],
      },
    ]);
    expect(githubAnnotations(report)).toBe(
      '::error file=app/api/a%2Cb%3Ac%25/route.ts,line=2,col=1,title=Route handler reads the session outside withTenantContext' +
        '::GET /api/a,b:c%25 reads the session outside withTenantContext: getServerSession at app/api/a,b:c%25/route.ts:3. Reason: first line%0D%0Asecond line.\n',
    );
  });

  it('has no annotations when nothing is left, and a step summary that folds the long sections', () => {
    expect(reporters.github(completeReport)).toBe('');
    expect(githubStepSummary(mixedReport)).toContain('<details>\n<summary><strong>Remaining routes (8)</strong></summary>');
  });
});

describe('html', () => {
  const html = reporters.html(mixedReport);

  it('loads nothing from anywhere: no external script, stylesheet, image or font', () => {
    for (const sample of Object.values(SAMPLE_REPORTS)) {
      const page = reporters.html(sample);
      expect(page).not.toMatch(/<script[^>]+src=/i);
      expect(page).not.toMatch(/<link\b/i);
      expect(page).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(page).not.toMatch(/@import|url\(/i);
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    }
  });

  it('renders every handler in the page itself, with the filters hidden until the script shows them', () => {
    expect(html.match(/<tr data-status=/g)).toHaveLength(14);
    expect(html).toContain('<form id="filters" class="filters" hidden>');
  });

  it('draws an accessible chart with a bar per route directory', () => {
    expect(html).toContain('<svg class="chart" viewBox="0 0 800 272" role="img" aria-labelledby="chart-title chart-desc"');
    // Nine route directories, then a bar per model in the chart of the query figure.
    expect(html.match(/<g class="bar level-/g)).toHaveLength(11);
    expect(html).toContain('<desc id="query-chart-desc">Invoice: 2/4 (50.0%); Payment: 0/1 (0.0%)</desc>');
    expect(html).toContain('<desc id="chart-desc">a&amp;b: 1/2 (50.0%); admin: 0/2 (0.0%);');
  });

  it('escapes whatever file names and reasons hold', () => {
    const hostile = '"><img src=x onerror=alert(1)>\'&';
    const report = withRoutes([
      {
        file: `app/api/${hostile}/route.ts`,
        urlPath: `/api/${hostile}`,
        kind: 'app-route',
        queries: [],
        handlers: [
          { name: 'GET', status: 'public', line: 1, column: 0, wrapperChain: [], definedIn: null, sessionCalls: [], reason: `</script>${hostile}` },
        ],
      },
    ]);
    const page = reporters.html(report);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('</script>"');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;');
    expect(page.match(/<\/script>/g)).toHaveLength(1);
  });

  it('says there is nothing to list for a project without handlers', () => {
    expect(reporters.html(emptyReport)).toContain('<p>No route handlers found.</p>');
    expect(reporters.html(emptyReport)).not.toContain('<svg');
  });
});
