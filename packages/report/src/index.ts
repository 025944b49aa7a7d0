export * from './model';
export { scanProject, scanProjectTrees, type ScanOptions, type ScanResult } from './scan';
export { createModuleResolver, TsconfigError, type ModuleResolver } from './module-resolver';
export { inShard, mergeReports, parseShard, ShardError } from './shard';
export { summarize } from './summary';
export { baselineOf, BaselineError, findRegressions, handlerKey, parseBaseline, runGate, type Baseline, type GateOptions, type GateResult, type Regression } from './gate';
export { FORMAT_FILE_NAMES, githubAnnotations, githubStepSummary, isReportFormat, REPORT_FORMATS, reporters, type ReportFormat } from './reporters';
export type { Reporter, ReporterOptions } from './reporters/types';
