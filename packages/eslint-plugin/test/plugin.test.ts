import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';

describe('configs', () => {
  const ruleNames = Object.keys(plugin.rules).sort();
  const recommended = {
    'tenant-isolation/no-client-tenant-id': 'error',
    // A wrapped handler that still reads the session is isolated, only not clean: a warning while migrating.
    'tenant-isolation/prefer-tenant-context': 'warn',
    'tenant-isolation/require-tenant-context': 'error',
    // Only where a Prisma schema names tenant-scoped models; without one it reports nothing.
    'tenant-isolation/require-tenant-scoped-query': 'error',
  };

  it('recommended turns on what a team wants the day it starts migrating, flat and legacy alike', () => {
    expect(plugin.configs.recommended).toEqual({
      name: 'tenant-isolation/recommended',
      plugins: { 'tenant-isolation': plugin },
      rules: recommended,
    });
    expect(plugin.configs['legacy-recommended']).toEqual({ plugins: ['tenant-isolation'], rules: recommended });
  });

  it('strict is recommended plus default deny and no session read beside the context: every rule as an error, flat and legacy alike', () => {
    const strict = Object.fromEntries(ruleNames.map((n) => [`tenant-isolation/${n}`, 'error']));
    expect(strict).toEqual({
      ...recommended,
      'tenant-isolation/prefer-tenant-context': 'error',
      'tenant-isolation/require-route-wrapper': 'error',
    });
    expect(plugin.configs.strict).toEqual({ name: 'tenant-isolation/strict', plugins: { 'tenant-isolation': plugin }, rules: strict });
    expect(plugin.configs['legacy-strict']).toEqual({ plugins: ['tenant-isolation'], rules: strict });
  });

  it('names itself for ESLint caches and config inspection', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-tenant-isolation', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('the plugin under ESLint', () => {
  function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-eslint-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  const route = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
export async function GET() {
  return Response.json(await getServerSession(authOptions));
}
`;

  function eslintIn(cwd: string, settings: unknown) {
    return new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        plugin.configs.recommended,
        { settings: { 'tenant-isolation': settings } },
      ],
    });
  }

  it('reports an unwrapped session read in a route file and ignores the same code elsewhere', async () => {
    const cwd = project({ 'app/api/me/route.ts': route, 'lib/me.ts': route });
    const results = await eslintIn(cwd, {}).lintFiles(['.']);
    const found = results
      .map((r) => [path.relative(cwd, r.filePath), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)])
      .sort();
    expect(found).toEqual([
      ['app/api/me/route.ts', ['4:30 tenant-isolation/require-tenant-context']],
      ['lib/me.ts', []],
    ]);
  });

  it('stops with the key path of a wrong setting instead of linting with a half-read config', async () => {
    const cwd = project({ 'app/api/me/route.ts': route });
    await expect(eslintIn(cwd, { publicRoutes: [{ path: '/api/me' }] }).lintFiles(['.'])).rejects.toThrow(
      /settings\['tenant-isolation'\][\s\S]*publicRoutes\[0\]\.reason: a public route needs a reason/,
    );
  });
});

describe('rule options on top of settings', () => {
  it('override only the keys they set: shared settings such as indirect getters stay in force', () => {
    const linter = new Linter();
    const code = `import { requireAdmin } from '@/lib/auth-middleware';
export async function GET() {
  await requireAdmin();
  return new Response('ok');
}
`;
    const messages = linter.verify(
      code,
      [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        plugin.configs.recommended,
        {
          settings: { 'tenant-isolation': { indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }] } },
          rules: { 'tenant-isolation/require-tenant-context': ['error', { publicRoutes: [] }] },
        },
      ],
      { filename: 'app/api/admin/route.ts' },
    );
    expect(messages.map((m) => [m.line, m.column, m.messageId])).toEqual([[3, 9, 'unwrappedSessionRead']]);
  });

  it('keep the shared settings when a rule sets only options of its own', () => {
    const linter = new Linter();
    const code = `import { getTenantContext } from '@/lib/tenant-utils';
export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('accountId');
  if (accountId !== getTenantContext()?.tenantId) return new Response(null, { status: 403 });
  return Response.json({ accountId, alias: req.headers.get('X-Account-Id') });
}
`;
    const messages = linter.verify(
      code,
      [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        plugin.configs.recommended,
        {
          settings: { 'tenant-isolation': { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } } },
          rules: { 'tenant-isolation/no-client-tenant-id': ['error', { tenantIdNames: ['accountId', 'x-account-id'] }] },
        },
      ],
      { filename: 'app/api/accounts/route.ts' },
    );
    // The check against the optional accessor from the settings vouches for accountId; the header is not checked.
    expect(messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[5, 44, 'tenant-isolation/no-client-tenant-id']]);
  });
});
