import { execFileSync } from 'node:child_process';

/**
 * The selected files git reports as modified, added or untracked under `root`, so a run never mixes its rewrite
 * with uncommitted work. Null when `root` is not inside a git work tree.
 */
export function uncommittedFiles(root: string, files: readonly string[]): string[] | null {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: 'pipe' });
  } catch {
    return null;
  }
  const output = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.'], {
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
  const selected = new Set(files.map((f) => `${prefix}${f}`));
  return [...dirty].filter((f) => selected.has(f)).map((f) => f.slice(prefix.length)).sort();
}
