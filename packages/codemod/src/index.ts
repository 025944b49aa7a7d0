export { UsageError } from './errors';
export { migrateModule } from './migrate-module';
export { anonymousChangeText, renderMigrationJson, renderMigrationMarkdown, MIGRATION_REPORT_VERSION } from './report';
export type { FileSystemError, InternalError, LeftAlone, MigratedHandler, MigrationReport, TypecheckRestore, UnmappedField } from './report';
export { runMigration, type FileChange, type MigrationRun, type MigrationRunOptions } from './run';
export { selectRouteFiles, type Selection } from './select';
export { typecheckRewrites, type TypecheckOutcome } from './typecheck';
export type { AnonymousAnswerChange, AnonymousResponse, HandlerOutcome, MigrateOptions, ModuleMigration, OnUnsafe, UnmappedRead } from './types';
