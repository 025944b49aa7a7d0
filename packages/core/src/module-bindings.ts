import type { TSESTree } from '@typescript-eslint/types';
import { dynamicallyImportedModule, requiredModule, skipTransparent, staticPropertyName, type Node } from './ast';
import type { ReferenceLike, ScopeManagerLike, VariableLike } from './scope';

/** What a binding or expression denotes in terms of modules: a member of one, or the module object itself. */
export type ModuleValue = { kind: 'member'; module: string; name: string } | { kind: 'namespace'; module: string };

/**
 * Resolves identifiers and expressions to module members, through every way a file can take one: named, aliased,
 * default and namespace imports, `import x = require()`, `require()` (whole or destructured), `await import()`
 * (whole or destructured), and const aliases of any of these. Shadowed names resolve to their local binding, so
 * they never denote a module member.
 */
export class ModuleBindings {
  private referenceByIdentifier: Map<Node, ReferenceLike> | null = null;
  private readonly valueByVariable = new Map<VariableLike, ModuleValue | null>();

  constructor(private readonly scopeManager: ScopeManagerLike) {}

  /**
   * The reference an identifier makes. It is looked up in the scope of its nearest scope-creating ancestor, which
   * holds it in all but unusual places (class fields, parameter defaults); those fall back to an index of every
   * reference, built once. Needs parent pointers.
   */
  reference(identifier: Node): ReferenceLike | undefined {
    for (let node: Node | undefined = identifier; node; node = (node as { parent?: Node }).parent) {
      const scope = this.scopeManager.acquire(node, true);
      if (!scope) continue;
      const found = scope.references.find((r) => r.identifier === identifier);
      if (found) return found;
      break;
    }
    if (!this.referenceByIdentifier) {
      this.referenceByIdentifier = new Map();
      for (const scope of this.scopeManager.scopes) {
        for (const reference of scope.references) this.referenceByIdentifier.set(reference.identifier, reference);
      }
    }
    return this.referenceByIdentifier.get(identifier);
  }

  variableOf(identifier: Node): VariableLike | null {
    return this.reference(identifier)?.resolved ?? null;
  }

  /** True for a reference to a name no scope declares (a global such as `require`). */
  isGlobal(identifier: TSESTree.Identifier): boolean {
    const reference = this.reference(identifier);
    // ESLint declares configured globals as variables without definitions.
    return reference !== undefined && (reference.resolved === null || reference.resolved.defs.length === 0);
  }

  /** What an expression denotes, when it is a module member or a module object. */
  valueOf(expression: Node): ModuleValue | null {
    const node = skipTransparent(expression);
    switch (node.type) {
      case 'Identifier': {
        const variable = this.variableOf(node);
        return variable ? this.valueOfVariable(variable) : null;
      }
      case 'MemberExpression': {
        const name = staticPropertyName(node);
        const object = this.valueOf(node.object);
        if (!name || object?.kind !== 'namespace') return null;
        return { kind: 'member', module: object.module, name };
      }
      case 'AwaitExpression':
        return this.valueOf(node.argument);
      case 'ImportExpression': {
        const module = dynamicallyImportedModule(node);
        return module ? { kind: 'namespace', module } : null;
      }
      case 'CallExpression': {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || !this.isGlobal(node.callee)) return null;
        const module = requiredModule(node);
        return module ? { kind: 'namespace', module } : null;
      }
      default:
        return null;
    }
  }

  valueOfVariable(variable: VariableLike): ModuleValue | null {
    const known = this.valueByVariable.get(variable);
    if (known !== undefined) return known;
    // A variable whose value is being worked out (`const a = b, b = a`) denotes nothing until it is.
    this.valueByVariable.set(variable, null);
    // A variable assigned again may hold anything by the time it is used: only a single value denotes a module member.
    const value = variable.defs.length === 1 && reassignments(variable).length === 0 ? this.valueOfDefinition(variable) : null;
    this.valueByVariable.set(variable, value);
    return value;
  }

  private valueOfDefinition(variable: VariableLike): ModuleValue | null {
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') return importBindingValue(def.node, def.parent ?? null);
    if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init) return null;
    const declarator = def.node;
    const init = declarator.init!;
    if (declarator.id.type === 'Identifier') return this.valueOf(init);
    if (declarator.id.type !== 'ObjectPattern') return null;
    const object = this.valueOf(init);
    if (object?.kind !== 'namespace') return null;
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property') continue;
      const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (target !== def.name) continue;
      const key =
        property.key.type === 'Identifier' && !property.computed
          ? property.key.name
          : property.key.type === 'Literal'
            ? String(property.key.value)
            : null;
      return key ? { kind: 'member', module: object.module, name: key } : null;
    }
    return null;
  }
}

function importBindingValue(node: Node, declaration: Node | null): ModuleValue | null {
  if (node.type === 'TSImportEqualsDeclaration') {
    if (node.importKind === 'type' || node.moduleReference.type !== 'TSExternalModuleReference') return null;
    const source = node.moduleReference.expression;
    return source.type === 'Literal' && typeof source.value === 'string'
      ? { kind: 'namespace', module: source.value }
      : null;
  }
  const module =
    declaration?.type === 'ImportDeclaration' && declaration.importKind !== 'type' ? declaration.source.value : null;
  if (!module) return null;
  switch (node.type) {
    case 'ImportSpecifier':
      if (node.importKind === 'type') return null;
      return { kind: 'member', module, name: importedName(node) };
    case 'ImportDefaultSpecifier':
      return { kind: 'member', module, name: 'default' };
    case 'ImportNamespaceSpecifier':
      return { kind: 'namespace', module };
    default:
      return null;
  }
}

/** The name an import specifier takes from its module: `a` in `import { a as b }` and in `import { 'a' as b }`. */
export function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
}

/** The assignments to a variable after its declaration (`x = …`, `x++`, `[x] = …`); its initialiser is not one. */
export function reassignments(variable: VariableLike): ReferenceLike[] {
  // A type of the same name (`export type GET = …; export const GET = …`) is another definition of one variable.
  return variable.references.filter((reference) => reference.isWrite() && !variable.defs.some((def) => def.name === reference.identifier));
}
