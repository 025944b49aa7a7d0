import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/index';
import { capture } from './support/capture';

const FIXTURE = path.resolve(__dirname, '../../report/test/__fixtures__/cross-module');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = capture();
  const code = await main(['node', 'tenant-isolation', ...argv], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

describe('tenant-isolation report', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-report-cli-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it('prints the table with the headline by default and exits 0', async () => {
    const result = await run('report', FIXTURE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Routes migrated to withTenantContext: 4/16 (25.0%)');
    expect(result.stdout).toContain('src/app/api/direct/route.ts');
  });

  it('writes every file format asked for, comma-separated or repeated, into --out', async () => {
    const result = await run('report', FIXTURE, '--format', 'json,md', '--format', 'sarif', '--format', 'html', '--out', out);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'tenant-isolation-report.html',
      'tenant-isolation-report.json',
      'tenant-isolation-report.md',
      'tenant-isolation-report.sarif',
    ]);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'tenant-isolation-report.json'), 'utf8'));
    expect(json.summary.coverage).toEqual({ covered: 4, total: 16, percent: 25 });
    expect(fs.readFileSync(path.join(out, 'tenant-isolation-report.md'), 'utf8').split('\n')[0]).toBe(
      'Routes migrated to withTenantContext: 4/16 (25.0%) ⚠️',
    );
    expect(result.stdout).toBe('');
  });

  it('fails the gate below --min-coverage with exit 1 and says why', async () => {
    const result = await run('report', FIXTURE, '--min-coverage', '50');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Gate failed: migration coverage 25% is below the minimum of 50%.');
    expect((await run('report', FIXTURE, '--min-coverage', '25')).code).toBe(0);
  });

  it('writes a baseline, passes against it, and fails once a handler went backwards', async () => {
    const baseline = path.join(out, 'baseline.json');
    expect((await run('report', FIXTURE, '--baseline', baseline)).code).toBe(2);
    const written = await run('report', FIXTURE, '--baseline', baseline, '--update-baseline');
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Baseline written');
    expect((await run('report', FIXTURE, '--baseline', baseline)).code).toBe(0);

    const recorded = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    recorded.handlers['src/app/api/direct/route.ts#GET'] = 'migrated';
    fs.writeFileSync(baseline, JSON.stringify(recorded));
    const failed = await run('report', FIXTURE, '--baseline', baseline);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('regression src/app/api/direct/route.ts:4 GET: was migrated, is unmigrated: it lost its wrapper');
    expect(failed.stderr).toContain('Gate failed: 1 handler went backwards since the baseline.');
  });

  it('scans shards that `report merge` joins into the whole report', async () => {
    for (const shard of ['1/3', '2/3', '3/3']) {
      const dir = path.join(out, `shard-${shard[0]}`);
      expect((await run('report', FIXTURE, '--shard', shard, '--format', 'json', '--out', dir)).code).toBe(0);
    }
    expect((await run('report', FIXTURE, '--format', 'json', '--out', path.join(out, 'whole'))).code).toBe(0);
    const merged = await run(
      'report',
      'merge',
      ...['1', '2', '3'].map((i) => path.join(out, `shard-${i}`, 'tenant-isolation-report.json')),
      '--format',
      'json',
      '--out',
      path.join(out, 'merged'),
    );
    expect(merged.code).toBe(0);
    const read = (dir: string) => fs.readFileSync(path.join(out, dir, 'tenant-isolation-report.json'), 'utf8');
    expect(read('merged')).toBe(read('whole'));

    const incomplete = await run('report', 'merge', path.join(out, 'shard-1', 'tenant-isolation-report.json'));
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('shards 2/3, 3/3 missing: merge needs all 3.');
  });

  it('prints the discovered helpers as an indirectSessionGetters snippet', async () => {
    const result = await run('report', FIXTURE, '--discover', '--format', 'json', '--out', out);
    expect(result.code).toBe(0);
    const snippet = result.stdout.slice(result.stdout.indexOf('{'));
    expect(JSON.parse(snippet)).toEqual({
      indirectSessionGetters: [
        { name: 'SessionReader', from: '@/lib/auth' },
        { name: 'getCurrentUser', from: ['@/lib', '@/lib/auth'] },
        { name: 'sessionService', from: '@/lib/auth' },
        { name: 'scopedQuery', from: '@/lib' },
        { name: 'requireUser', from: '@/lib/ns' },
      ],
    });
  });

  it('writes GitHub annotations to stdout and the step summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(out, 'summary.md');
    process.env.GITHUB_STEP_SUMMARY = summary;
    try {
      const result = await run('report', FIXTURE, '--format', 'github');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^::error file=src\/app\/api\/direct\/route\.ts,line=4,/m);
      expect(fs.readFileSync(summary, 'utf8')).toContain('Routes migrated to withTenantContext: 4/16 (25.0%)');
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY;
    }
  });

  it('treats a publicRoutes entry without a reason as a configuration error (exit 2), naming the file and key', async () => {
    fs.writeFileSync(path.join(out, 'tenant-isolation.config.json'), JSON.stringify({ publicRoutes: [{ path: '/api/health' }] }));
    const result = await run('report', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tenant-isolation.config.json');
    expect(result.stderr).toContain('publicRoutes[0].reason');
    expect(result.stdout).toBe('');
  });

  it('refuses bad usage with exit 2 and a message that says what to do', async () => {
    const unknown = await run('report', FIXTURE, '--format', 'pdf');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown report format "pdf". Formats: text, json, md, sarif, html, github.');
    const shard = await run('report', FIXTURE, '--shard', '4/3');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), got "4/3".');
    const coverage = await run('report', FIXTURE, '--min-coverage', '120');
    expect(coverage.code).toBe(2);
    expect(coverage.stderr).toContain('expected a percentage from 0 to 100.');
    const missing = await run('report', path.join(out, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Not a directory');
    const tsconfig = await run('report', FIXTURE, '--tsconfig', path.join(out, 'missing.json'));
    expect(tsconfig.code).toBe(2);
    expect(tsconfig.stderr).toContain('--tsconfig: file not found');
  });
});

describe('tenant-isolation report, the query figure', () => {
  const EXAMPLE_APP = path.resolve(__dirname, '../../../fixtures/example-app');

  it('prints the query headline of an app with a Prisma schema, and gates on --min-query-scoping with exit 1', async () => {
    const shown = await run('report', EXAMPLE_APP);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('⚠️ Queries scoped to the tenant: 40/50 (80.0%)');
    expect(shown.stdout).toContain('10 queries not scoped to the tenant:');
    const failed = await run('report', EXAMPLE_APP, '--min-query-scoping', '81');
    expect([failed.code, failed.stderr]).toEqual([1, expect.stringContaining('Gate failed: query scoping 80% is below the minimum of 81%.')]);
    expect((await run('report', EXAMPLE_APP, '--min-query-scoping', '80')).code).toBe(0);
  });

  it('--min-query-scoping without a Prisma schema is a usage error (exit 2): the gate would measure nothing', async () => {
    const result = await run('report', FIXTURE, '--min-query-scoping', '90');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--min-query-scoping: no Prisma schema found under .*cross-module .*the gate has nothing to measure\.\n$/);
    expect((await run('report', FIXTURE)).stdout).not.toContain('Queries scoped');
  });

  it('warns when the configured schema does not parse, and leaves the figure out', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-bad-schema-'));
    try {
      fs.mkdirSync(path.join(root, 'app/api/a'), { recursive: true });
      fs.mkdirSync(path.join(root, 'prisma'));
      fs.writeFileSync(path.join(root, 'app/api/a/route.ts'), "import { prisma } from '@/lib/prisma'\nexport async function GET() { return Response.json(await prisma.invoice.findMany()) }\n");
      fs.writeFileSync(path.join(root, 'prisma/schema.prisma'), 'model Invoice { id String @id }\n');
      const result = await run('report', root);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/warning The Prisma schema prisma\/schema\.prisma does not parse \(line 1, column \d+: .*\): the query-scoping figure is left out\./);
      expect(result.stdout).not.toContain('Queries scoped');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
