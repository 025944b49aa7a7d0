import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  discoverRouteFiles,
  findPublicRoute,
  isRouteFile,
  matchRoutePath,
  moduleMatches,
  resolveConfig,
  routeKindOfPath,
  routeUrlPath,
} from '@tenant-isolation/core';

const defaults = resolveConfig({});

describe('routeUrlPath', () => {
  it.each([
    ['app/api/invoices/route.ts', '/api/invoices'],
    ['src/app/api/invoices/[id]/route.ts', '/api/invoices/[id]'],
    ['app/(billing)/api/invoices/[invoiceId]/route.tsx', '/api/invoices/[invoiceId]'],
    ['app/api/files/[...slug]/route.js', '/api/files/[...slug]'],
    ['app/@modal/api/x/route.ts', '/api/x'],
    ['app/route.ts', '/'],
    ['pages/api/users/index.ts', '/api/users'],
    ['src/pages/api/users/[id].ts', '/api/users/[id]'],
    ['pages/api/health.js', '/api/health'],
  ])('%s is served at %s', (file, url) => {
    expect(routeUrlPath(file)).toBe(url);
  });
});

describe('route files', () => {
  it.each([
    ['app/api/invoices/route.ts', true],
    ['src/app/api/invoices/route.mjs', true],
    ['pages/api/users/[id].ts', true],
    ['app/api/invoices/page.tsx', false],
    ['app/api/invoices/route.test.ts', false],
    ['node_modules/pkg/app/api/route.ts', false],
    ['lib/route.ts', false],
    // Build output is ignored at the top only: a route may be named build, out, dist or coverage.
    ['app/api/build/route.ts', true],
    ['src/app/api/coverage/[id]/route.ts', true],
    ['pages/api/dist.ts', true],
    ['build/app/api/route.ts', false],
    // App Router private folders are never routed; an escaped underscore is.
    ['app/api/_internal/route.ts', false],
    ['app/_lib/route.ts', false],
    ['app/api/%5Fescaped/route.ts', true],
  ])('isRouteFile(%s) is %s under the defaults', (file, expected) => {
    expect(isRouteFile(file, defaults)).toBe(expected);
  });

  it('finds the route part of a path that starts above the project, as in a monorepo', () => {
    expect(matchRoutePath('apps/web/app/api/x/route.ts', defaults)).toBe('app/api/x/route.ts');
    expect(matchRoutePath('apps/web/src/pages/api/x.ts', defaults)).toBe('src/pages/api/x.ts');
    expect(matchRoutePath('apps/web/lib/x.ts', defaults)).toBeNull();
  });

  it('tells pages API modules from App Router ones', () => {
    expect(routeKindOfPath('src/pages/api/x.ts')).toBe('pages-api');
    expect(routeKindOfPath('app/api/pages/route.ts')).toBe('app-route');
  });

  it('discovers route files with fast-glob, minus ignored ones, in a stable order', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-routes-'));
    for (const file of [
      'app/api/b/route.ts',
      'app/api/a/route.ts',
      'app/api/a/route.test.ts',
      'app/page.tsx',
      'pages/api/legacy.js',
      'node_modules/x/app/api/route.ts',
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
    await expect(discoverRouteFiles(dir, defaults)).resolves.toEqual([
      'app/api/a/route.ts',
      'app/api/b/route.ts',
      'pages/api/legacy.js',
    ]);
  });

  it('follows symbolic links to route files and folders, listing each real file once under its shortest path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-routes-'));
    const write = (file: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    };
    write('app/api/real/route.ts');
    write('shared/billing/route.ts');
    write('shared/reports/route.ts');
    fs.mkdirSync(path.join(dir, 'app/api/linked'), { recursive: true });
    fs.symlinkSync('../../../shared/billing/route.ts', path.join(dir, 'app/api/linked/route.ts'));
    fs.symlinkSync('../../shared/reports', path.join(dir, 'app/api/reports'));
    // A link back up the tree, and one that leads nowhere.
    fs.symlinkSync('..', path.join(dir, 'app/api/loop'));
    fs.mkdirSync(path.join(dir, 'app/api/gone'), { recursive: true });
    fs.symlinkSync('../../../missing.ts', path.join(dir, 'app/api/gone/route.ts'));

    await expect(discoverRouteFiles(dir, defaults)).resolves.toEqual(['app/api/linked/route.ts', 'app/api/real/route.ts', 'app/api/reports/route.ts']);
  });
});

describe('findPublicRoute', () => {
  const config = resolveConfig({
    publicRoutes: [
      { path: '/api/health', reason: 'load balancer probe' },
      { path: '/api/webhooks/**', reason: 'signed by the provider' },
      { path: '/api/invoices/[id]/pdf', methods: ['GET'], reason: 'signed download link' },
    ],
  });

  it('matches exact paths, globs and dynamic segments literally', () => {
    expect(findPublicRoute('/api/health', 'GET', config)?.reason).toBe('load balancer probe');
    expect(findPublicRoute('/api/webhooks/stripe', 'POST', config)?.reason).toBe('signed by the provider');
    expect(findPublicRoute('/api/invoices/[id]/pdf', 'GET', config)?.reason).toBe('signed download link');
    expect(findPublicRoute('/api/invoices/i/pdf', 'GET', config)).toBeUndefined();
  });

  it('limits an entry to its methods', () => {
    expect(findPublicRoute('/api/invoices/[id]/pdf', 'DELETE', config)).toBeUndefined();
  });
});

describe('moduleMatches', () => {
  it.each([
    ['next-auth', 'next-auth', undefined, true],
    ['next-auth', 'next-auth/react', undefined, false],
    ['@/lib/api-wrapper', '@/lib/api-wrapper', undefined, true],
    ['@/lib/api-wrapper', '~/lib/api-wrapper', undefined, true],
    ['@/lib/api-wrapper', '@/lib/api-wrapper.ts', undefined, true],
    ['@/lib/api-wrapper', '@/lib/api-wrapper/index', undefined, true],
    ['@/lib/api-wrapper', '../../../lib/api-wrapper', 'app/api/a/b/route.ts', false],
    ['@/lib/api-wrapper', '../../../lib/api-wrapper', 'app/api/a/route.ts', true],
    ['@/lib/api-wrapper', '../../../../lib/api-wrapper', 'src/app/api/a/route.ts', true],
    ['@/lib/api-wrapper', '../../../../lib/api-wrapper', '/repo/src/app/api/a/route.ts', true],
    ['@/lib/api-wrapper', '../../../lib/api-wrapper', undefined, false],
    ['@/lib/api-wrapper', 'src/lib/api-wrapper', undefined, true],
    ['@/lib/api-wrapper', 'some-package/lib/api-wrapper', undefined, false],
    ['@/lib/api-wrapper', '@/lib/other', undefined, false],
  ])('configured %s, imported as %s from %s: %s', (configured, source, importer, expected) => {
    expect(moduleMatches(configured, source, importer)).toBe(expected);
  });
});
