export * from './types';
export {
  configSchema,
  DEFAULT_IGNORE,
  DEFAULT_ROUTES,
  DEFAULT_ROUTE_CONTEXT_ARGUMENT,
  type ImportSpec,
  type PrismaConfig,
  type PublicRoute,
  type TenantIsolationConfig,
  type TenantIsolationConfigInput,
} from './config-schema';
export {
  CONFIG_FILE_NAMES,
  ConfigError,
  findConfigFile,
  findNearestConfigFile,
  jsonErrorText,
  loadConfig,
  loadConfigSync,
  PACKAGE_JSON_KEY,
  readConfigFileSync,
  resolveConfig,
  type ConfigProblem,
  type FoundConfigFile,
  type LoadedConfig,
} from './config';
export {
  discoverRouteFiles,
  findPublicRoute,
  isRouteFile,
  literalGlob,
  matchRoutePath,
  moduleMatches,
  routeKindOfPath,
  routeUrlPath,
} from './routes';
export { analyzeModule, calleeText, hasUseServerDirective, wrappersFor, type AnalyzeOptions } from './analyze-module';
export {
  disableDirectives,
  REQUIRE_TENANT_CONTEXT_RULE,
  suppressedLines,
  type DisableDirective,
  type DisableDirectiveKind,
} from './directives';
export { ModuleParseError, parseModule, type ParsedModule } from './parse';
export { routeModuleFacts, type RouteModuleFacts, type RouteModuleFactsOptions } from './route-facts';
export { otherAuthOptions } from './auth-options';
export type { ScopeManagerLike } from './scope';
export { accessorCallee, accessorName, findImport, mentionsAny, newImportAnchor, type AccessorName, type FoundImport, type ImportTarget } from './imports';
export {
  alwaysExits,
  boundIdentifiers,
  contains,
  functionAt,
  isFunctionLike,
  isTransparentParent,
  nodeAt,
  propertyKeyName,
  skipTransparent,
  staticPropertyName,
  stringValue,
  walk,
  type Node,
} from './ast';
export { detectCodeStyle, type CodeStyle } from './code-style';
export { mayLoadModules, planImportRemovals, specifierRemovals, type ImportRemovalPlan } from './import-removals';
export {
  classifySessionRead,
  contextReadEdits,
  freshContextName,
  isTransparentWrapper,
  sessionReadNode,
  sessionValueOf,
  type ContextReadOptions,
  type ContextReads,
  type DestructuredProperty,
  type SessionRead,
  type SessionReadMapping,
  type SessionValue,
} from './session-reads';
export {
  anonymousPaths,
  answersLikeWrapper,
  describeOutcome,
  optionalContextChange,
  turnsEveryCallerAway,
  type AnonymousOutcome,
  type AnonymousPaths,
  type AnonymousPathsInput,
  type AnonymousResponse,
  type OptionalContextChange,
  type WrapperAnswer,
} from './anonymous-paths';
export {
  applyEdits,
  applyEditsPlaced,
  commentsIn,
  continuesExpressionAt,
  indexOfCode,
  renderRange,
  replaceKeepingComments,
  statementRemoval,
  offsetAfterEdits,
  wholeLineRange,
  type ContextReadMark,
  type PlacedEdit,
  type TextEdit,
} from './text-edits';
export { accessorOf, findPrismaSchema, loadPrismaSchema, type PrismaModel, type PrismaSchemaInfo, type PrismaSchemaLoad } from './prisma-schema';
export {
  callArguments,
  handlerParameterValue,
  PROMISE_PASS_THROUGH,
  REQUEST_SOURCE_TEXT,
  requestMember,
  requestMethodResult,
  RequestSources,
  requestValueKey,
  requestWrapperResult,
  type RequestContainer,
  type RequestSource,
  type RequestValue,
} from './request-sources';
export {
  mentionsPrismaClient,
  REQUIRE_TENANT_SCOPED_QUERY_RULE,
  tenantScopedQueries,
  type QueryFinding,
  type TenantQuery,
  type TenantQueriesInput,
} from './tenant-scoped-queries';
export { ModuleBindings } from './module-bindings';
export { computeCoverage, emptyCounts, formatCoverage, type Coverage, type StatusCounts } from './coverage';
export { MAX_SOURCE_BYTES, readSourceFile, type SourceRead } from './source-file';

/** Where the project lives: rule docs and report formats link here. */
export const REPOSITORY_URL = 'https://github.com/tenant-isolation/tenant-isolation';
