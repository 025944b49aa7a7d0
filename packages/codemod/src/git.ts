import { execFileSync } from 'node:child_process';

/**
 * The selected files git reports as modified, added, untracked or ignored under `root`, so a run never mixes its
 * rewrite with uncommitted work, nor rewrites a file git could not give back. Null when `root` is not inside a git
 * work tree.
 */
export function uncommittedFiles(root: string, files: readonly string[]): string[] | null {
  const isUncommitted = uncommittedTest(root);
  return isUncommitted && files.filter(isUncommitted).sort();
}

/**
 * Whether a root-relative file is modified, added, untracked or ignored, from one `git status` of the work tree;
 * null outside a git work tree. For a run that asks about many files one at a time.
 */
export function uncommittedTest(root: string): ((file: string) => boolean) | null {
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
  return (file) => isDirty(`${prefix}${file}`);
}

/** Files as an error message lists them: one per line, indented, the first ten and how many more. */
export function listedFiles(files: readonly string[]): string {
  const shown = files.slice(0, 10).map((f) => `  ${f}`).join('\n');
  return files.length > 10 ? `${shown}\n  … and ${files.length - 10} more` : shown;
}
