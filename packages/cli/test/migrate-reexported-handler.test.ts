import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/index';
import { capture } from './support/capture';

const MODULE = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'Unauthorized' });
  return res.status(200).json({ tenant: session.user.tenantId });
}
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-cli-reexport-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const g = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  g('init', '-q');
  g('add', '-A');
  g('commit', '-qm', 'initial');
  return dir;
}

describe('tenant-isolation migrate, a route file that re-exports its handler', () => {
  it('names the module the handler was migrated in, in the summary and in both reports', async () => {
    const root = project({
      'tenant-isolation.config.json': JSON.stringify({ pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }] }),
      'pages/api/teams.ts': "export { default } from '@/features/teams/api/list';\n",
      'src/features/teams/api/list.ts': MODULE,
    });
    const output = capture();
    const code = await main(['node', 'tenant-isolation', 'migrate', '--root', root, '--workers', '1'], output);

    expect(code).toBe(0);
    expect(output.stdout()).toContain(
      'Handlers route files take from other modules (1):\n  pages/api/teams.ts:1 default → migrated in src/features/teams/api/list.ts\n',
    );
    expect(fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8')).toContain(
      '| pages/api/teams.ts | default | 1 | migrated in src/features/teams/api/list.ts |',
    );
    const json = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    expect([json.migrated, json.filesChanged]).toEqual([
      [{ file: 'pages/api/teams.ts', handler: 'default', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/teams/api/list.ts' }],
      ['src/features/teams/api/list.ts'],
    ]);
    expect(fs.readFileSync(path.join(root, 'src/features/teams/api/list.ts'), 'utf8')).toContain('export default withTenantApiRoute(async function handler(');
  });
  it('wraps in the route file a handler other files use too, and migrates in its module one whose other exports they use', async () => {
    const teams = `${MODULE}\nexport function teamCount(ids: string[]): number {\n  return ids.length;\n}\n`;
    const root = project({
      'tenant-isolation.config.json': JSON.stringify({ pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }] }),
      'pages/api/members.ts': "export { default } from '@/features/members/api/list';\n",
      'src/features/members/api/list.ts': MODULE,
      'src/features/members/admin.ts': "import listMembers from './api/list';\n\nexport const adminList = listMembers;\n",
      'pages/api/teams.ts': "export { default } from '@/features/teams/api/list';\n",
      'src/features/teams/api/list.ts': teams,
      'src/features/teams/board.ts': "import { teamCount } from './api/list';\n\nexport const empty = teamCount([]);\n",
    });
    const output = capture();
    const code = await main(['node', 'tenant-isolation', 'migrate', '--root', root, '--workers', '1'], output);

    expect(code).toBe(0);
    expect(output.stdout()).toContain(
      'Migrated 2 handlers in 2 of 2 files; none left for a human.\n' +
        'Routes migrated to withTenantContext: 0/2 (0.0%) → 2/2 (100.0%)\n' +
        'Handlers route files take from other modules (2):\n' +
        '  pages/api/members.ts:1 default → wrapped in the route file; src/features/members/api/list.ts, which other files use too, is unchanged\n' +
        '  pages/api/teams.ts:1 default → migrated in src/features/teams/api/list.ts\n',
    );
    const markdown = fs.readFileSync(path.join(root, 'migration-report.md'), 'utf8');
    expect(markdown).toContain(
      '| pages/api/members.ts | default | 1 | wrapped in the route file; src/features/members/api/list.ts, which other files use too, is unchanged; ' +
        'wrapped only: still reads the session (partial) |\n' +
        '| pages/api/teams.ts | default | 1 | migrated in src/features/teams/api/list.ts |\n',
    );
    const json = JSON.parse(fs.readFileSync(path.join(root, 'migration-report.json'), 'utf8'));
    expect([json.migrated, json.leftAlone, json.filesChanged]).toEqual([
      [
        { file: 'pages/api/members.ts', handler: 'default', line: 1, requireAuth: true, wrappedOnly: true, definedIn: 'src/features/members/api/list.ts' },
        { file: 'pages/api/teams.ts', handler: 'default', line: 1, requireAuth: true, wrappedOnly: false, migratedIn: 'src/features/teams/api/list.ts' },
      ],
      [],
      ['pages/api/members.ts', 'src/features/teams/api/list.ts'],
    ]);
    const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
    expect(read('pages/api/members.ts')).toBe(`import { withTenantApiRoute } from '@/lib/api-wrapper';
import handler from '@/features/members/api/list';
export default withTenantApiRoute(handler);
`);
    expect(read('src/features/members/api/list.ts')).toBe(MODULE);
    expect(read('src/features/teams/api/list.ts')).toBe(`import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  return res.status(200).json({ tenant: ctx.tenantId });
});

export function teamCount(ids: string[]): number {
  return ids.length;
}
`);
    expect(read('src/features/teams/board.ts')).toBe("import { teamCount } from './api/list';\n\nexport const empty = teamCount([]);\n");
  });
});
