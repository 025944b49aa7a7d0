import type { TSESTree } from '@typescript-eslint/types';
import { skipTransparent, type Node } from './ast';
import type { TenantIsolationConfig } from './config-schema';
import { importedName } from './module-bindings';
import { moduleMatches } from './routes';
import type { ScopeManagerLike } from './scope';
import type { SessionCallSite } from './types';

/** The getters of NextAuth v4, which take the options object the session is read with. */
const NEXT_AUTH_V4_GETTERS = new Set(['getServerSession', 'unstable_getServerSession']);

/**
 * The options a getter call reads the session with when they are not the ones the wrapper uses
 * (`getServerSession(adminAuthOptions)`, a cast of them, options computed in place, or none), as a reviewer would
 * name them; null when they are the configured `authOptions`. Such a read is of another session than the context
 * holds, so neither the codemod nor the lint suggestion rewrites it.
 */
export function otherAuthOptions(
  call: TSESTree.CallExpression,
  site: Pick<SessionCallSite, 'getter'>,
  scopeManager: ScopeManagerLike,
  config: Pick<TenantIsolationConfig, 'authOptions'>,
  text: string,
  filePath: string | undefined,
): string | null {
  // NextAuth v4's getters take the options last, as `(options)` or `(req, res, options)`; a getter of another
  // shape (v5's `auth()`, `auth(handler)`) reads the session the app configured once.
  if (!NEXT_AUTH_V4_GETTERS.has(site.getter)) return null;
  const options: Node | null = call.arguments.length % 2 === 1 ? call.arguments.at(-1)! : null;
  if (!options) return 'no options (NextAuth then uses its defaults, without the callbacks that fill the user)';
  const expected = config.authOptions;
  const bare = skipTransparent(options);
  if (bare.type !== 'Identifier') return `options computed in place (\`${text.slice(options.range[0], options.range[1])}\`)`;
  const variable = scopeManager.scopes.flatMap((scope) => scope.references).find((reference) => reference.identifier === bare)?.resolved;
  const def = variable?.defs[0];
  if (def?.type === 'ImportBinding') {
    const specifier = def.node as TSESTree.ImportClause;
    const imported = specifier.type === 'ImportSpecifier' ? importedName(specifier) : specifier.type === 'ImportDefaultSpecifier' ? 'default' : bare.name;
    const from = (def.parent as TSESTree.ImportDeclaration).source.value;
    const modules = expected.from === undefined ? null : typeof expected.from === 'string' ? [expected.from] : expected.from;
    if (imported === expected.name && (modules === null || modules.some((m) => moduleMatches(m, from, filePath)))) return null;
    return imported === expected.name ? `${expected.name} from '${from}'` : imported;
  }
  // The options declared in this module (a NextAuth route file) count by their name; a local of the handler does not.
  const moduleScope = scopeManager.scopes.find((scope) => scope.type === 'module');
  const atModuleLevel = !!variable && moduleScope?.set.get(bare.name) === variable;
  return atModuleLevel && bare.name === expected.name ? null : bare.name;
}
