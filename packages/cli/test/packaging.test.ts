import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPOSITORY_URL } from '@tenant-isolation/core';

/*
 * What `npm pack` puts in each package's tarball, as a user installs it. A dry run lists the files without writing a
 * tarball; the listed files are read from the package directory, which is what the tarball is made of. Needs a build.
 */

interface PackResult {
  name: string;
  size: number;
  files: { path: string; size: number }[];
}

interface Manifest {
  name: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: unknown;
  files?: string[];
  engines?: { node?: string };
  repository?: { type?: string; url?: string; directory?: string };
  homepage?: string;
  bugs?: { url?: string };
}

interface SourceMap {
  sourceRoot?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
}

const ROOT = path.resolve(__dirname, '../../..');
const rootManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  workspaces: string[];
  engines: { node: string };
};
const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;

/** Every file path an `exports` map points at (conditions and subpaths included). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/** Sources of a map that neither resolve to a file in the tarball nor come with their content. */
function unresolvedSources(mapPath: string, map: SourceMap, packed: Set<string>): string[] {
  return map.sources.filter((source, i) => {
    if (typeof map.sourcesContent?.[i] === 'string') return false;
    return !packed.has(path.posix.join(path.posix.dirname(mapPath), map.sourceRoot ?? '', source));
  });
}

const packs = new Map<string, PackResult>();

beforeAll(() => {
  const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--workspaces', '--offline'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const result of JSON.parse(stdout) as PackResult[]) packs.set(result.name, result);
});

describe.each(rootManifest.workspaces)('npm pack of %s', (dir) => {
  const manifest = readManifest(dir);
  const packed = () => {
    const result = packs.get(manifest.name);
    if (!result) throw new Error(`npm pack --workspaces gave no tarball for ${manifest.name} (${dir})`);
    return new Set(result.files.map((file) => file.path));
  };

  it('ships the readme, the license, the manifest, the JavaScript and its types', () => {
    const files = packed();
    const required = ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts'];
    expect(required.filter((file) => !files.has(file))).toEqual([]);
  });

  it('ships the repository LICENSE unchanged', () => {
    const license = packs.get(manifest.name)?.files.find((file) => file.path === 'LICENSE');
    expect(license?.size).toBe(fs.statSync(path.join(ROOT, 'LICENSE')).size);
    expect(fs.existsSync(path.join(ROOT, dir, 'LICENSE'))).toBe(false);
  });

  it('ships no build info, no tests and nothing outside its files list', () => {
    const allowed = ['README.md', 'LICENSE', 'package.json', ...(manifest.files ?? []).filter((entry) => !entry.startsWith('!'))];
    const outside = [...packed()].filter(
      (file) =>
        file.endsWith('.tsbuildinfo') ||
        /(^|\/)(test|__tests__|__testfixtures__|__fixtures__)\//.test(file) ||
        !allowed.some((entry) => file === entry || file.startsWith(`${entry}/`)),
    );
    expect(outside).toEqual([]);
  });

  it('ships source maps whose sources are in the tarball', () => {
    const files = packed();
    const maps = [...files].filter((file) => file.endsWith('.map'));
    expect(maps).toContain('dist/index.js.map');
    const unresolved = maps.flatMap((mapPath) => {
      const map = JSON.parse(fs.readFileSync(path.join(ROOT, dir, mapPath), 'utf8')) as SourceMap;
      return unresolvedSources(mapPath, map, files).map((source) => `${mapPath}: ${source}`);
    });
    expect(unresolved).toEqual([]);
  });

  it('points main, types, bin and every export at a file in the tarball', () => {
    const files = packed();
    const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...exportTargets(manifest.exports)];
    const missing = targets
      .filter((target): target is string => target !== undefined)
      .map((target) => path.posix.normalize(target))
      .filter((target) => !files.has(target));
    expect(missing).toEqual([]);
    expect(exportTargets((manifest.exports as Record<string, unknown> | undefined)?.['.'])).toEqual(['./dist/index.d.ts', './dist/index.js']);
  });

  it('states the Node.js versions it runs on and where it comes from', () => {
    expect({
      engines: manifest.engines,
      repository: manifest.repository,
      homepage: manifest.homepage,
      bugs: manifest.bugs,
    }).toEqual({
      engines: { node: rootManifest.engines.node },
      repository: { type: 'git', url: `git+${REPOSITORY_URL}.git`, directory: dir },
      homepage: `${REPOSITORY_URL}/tree/main/${dir}#readme`,
      bugs: { url: `${REPOSITORY_URL}/issues` },
    });
  });
});

it('names the command and its package in the cli readme', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'packages/cli/README.md'), 'utf8');
  expect(readme).toContain('`npx tenant-isolation`');
  expect(readme).toContain('`@tenant-isolation/cli`');
});
