import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const GIT_IDENTITY = ['-c', 'user.name=Example App', '-c', 'user.email=example-app@example.test', '-c', 'commit.gpgsign=false'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

/** A copy of `fixture` committed to a fresh git repository at `target`, as a project looks before a migration. */
export function committedCopy(fixture: string, target: string): string {
  fs.cpSync(fixture, target, { recursive: true });
  git(target, '-c', 'init.defaultBranch=main', 'init', '-q');
  git(target, 'add', '-A');
  git(target, 'commit', '-q', '-m', 'App before the migration');
  return target;
}

/** Every file under `root` but git's own, with its bytes, keyed by `/`-separated path. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!relative.startsWith('.git/')) files.set(relative, fs.readFileSync(path.join(root, relative)));
  }
  return files;
}

/** The files added, removed or changed between two trees, sorted. */
export function changedBetween(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((file) => {
      const [was, is] = [before.get(file), after.get(file)];
      return !was || !is || !was.equals(is);
    })
    .sort();
}
