import { formatCoverage } from '@tenant-isolation/core';
import type { Ratio, Report, Thresholds } from '../model';

export type CoverageLevel = 'ok' | 'warn' | 'fail';

/**
 * Where a migration-coverage figure stands against the config's thresholds. Nothing in scope is fine: a project
 * (or a route directory) with no session reads has nothing to migrate.
 */
export function coverageLevel(ratio: Ratio, thresholds: Thresholds): CoverageLevel {
  if (ratio.percent === null || ratio.percent >= thresholds.warnBelow) return 'ok';
  return ratio.percent >= thresholds.failBelow ? 'warn' : 'fail';
}

export const LEVEL_ICONS: Record<CoverageLevel, string> = { ok: '✅', warn: '⚠️', fail: '❌' };

export const formatRatio = (ratio: Ratio): string => formatCoverage(ratio.covered, ratio.total);

/** `Routes migrated to withTenantContext: 124/150 (82.7%)`: the same words in every format. */
export const headlineText = (report: Report, wrapperName: string): string =>
  `Routes migrated to ${wrapperName}: ${formatRatio(report.summary.coverage)}`;

export const headlineIcon = (report: Report): string => LEVEL_ICONS[coverageLevel(report.summary.coverage, report.thresholds)];

export const wrapperCoverageText = (report: Report): string => `wrapper coverage ${formatRatio(report.summary.wrapperCoverage)}`;

/** Said wherever figures are shown, so a shard's numbers are not read as the whole project's. */
export const shardNote = (report: Report): string | null =>
  report.shard ? `Shard ${report.shard.index} of ${report.shard.count}: the figures cover this shard's route files only.` : null;
