import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModule, discoverRouteFiles, literalGlob, parseModule, type TenantIsolationConfig } from '@tenant-isolation/core';
import picomatch from 'picomatch';
import { UsageError } from './errors';

export interface Selection {
  /** Paths or globs relative to the project root; empty means every route file. */
  targets?: readonly string[];
  batch?: string;
  /** Only the first N selected files that still have unmigrated handlers. */
  limit?: number;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** Whether a target reads as a glob rather than a path (`[id]` folders are paths, `*` and `{a,b}` are globs). */
const isGlob = (target: string): boolean => /[*?{}!]/.test(target);

/**
 * The route files a run covers, in a stable order: the project's route files (the same discovery as the report),
 * narrowed by positional targets and by a named batch.
 */
export async function selectRouteFiles(root: string, config: TenantIsolationConfig, selection: Selection): Promise<string[]> {
  // A path that names nothing is a typo, not an empty selection: say so rather than migrate 0 of 0 files.
  for (const target of selection.targets ?? []) {
    if (!isGlob(target) && !fs.existsSync(path.resolve(root, target))) {
      throw new UsageError(`No such file or directory: ${target} (under ${root}).`);
    }
  }
  let files = await discoverRouteFiles(root, config);
  const targets = (selection.targets ?? []).map((t) => toPosix(path.relative(root, path.resolve(root, t))) || '.');
  if (targets.length > 0) {
    const matchers = targets.map((target) => {
      if (isGlob(target)) return picomatch(literalGlob(target));
      return (file: string) => target === '.' || file === target || file.startsWith(`${target.replace(/\/$/, '')}/`);
    });
    files = files.filter((file) => matchers.some((m) => m(file)));
  }
  if (selection.batch !== undefined) {
    const globs = config.batches[selection.batch];
    if (!globs) {
      const known = Object.keys(config.batches);
      throw new UsageError(
        known.length > 0
          ? `Unknown batch "${selection.batch}". Batches in the config: ${known.join(', ')}.`
          : `Unknown batch "${selection.batch}": the config defines no batches (add "batches" to tenant-isolation.config.json).`,
      );
    }
    const inBatch = picomatch(globs.map(literalGlob));
    files = files.filter((file) => inBatch(file));
  }
  if (selection.limit !== undefined) files = firstWithUnmigratedHandlers(root, config, files, selection.limit);
  return files;
}

function firstWithUnmigratedHandlers(root: string, config: TenantIsolationConfig, files: string[], limit: number): string[] {
  const picked: string[] = [];
  for (const file of files) {
    if (picked.length >= limit) break;
    try {
      const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^\uFEFF/, '');
      const { program, scopeManager } = parseModule(text, file);
      const analysis = analyzeModule(program, scopeManager, config, { filePath: file, sourceText: text });
      if (analysis.handlers.some((h) => h.status === 'unmigrated')) picked.push(file);
    } catch {
      // A file that does not parse has nothing the codemod can migrate; the run reports it when it is selected.
    }
  }
  return picked;
}
