import { execFileSync } from 'node:child_process';

/**
 * The selected files git reports as modified, added, untracked or ignored under `root`, so a run never mixes its
 * rewrite with uncommitted work, nor rewrites a file git could not give back. Null when `root` is not inside a git
 * work tree.
 */
export function uncommittedFiles(root: string, files: readonly string[]): string[] | null {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: 'pipe' });
  } catch {
    return null;
  }
  const output = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=all', '--ignored=matching', '--', '.'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const prefix = execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = new Set<string>();
  const entries = output.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    dirty.add(entry.slice(3));
    if (status.startsWith('R') || status.startsWith('C')) i++; // a rename carries its old path next
  }
  // An ignored directory is reported once, as `dir/`, for every file under it.
  const ignoredDirectories = [...dirty].filter((f) => f.endsWith('/'));
  const isDirty = (f: string) => dirty.has(f) || ignoredDirectories.some((dir) => f.startsWith(dir));
  return files.filter((f) => isDirty(`${prefix}${f}`)).sort();
}
