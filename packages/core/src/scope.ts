import type { TSESTree } from '@typescript-eslint/types';

/*
 * The part of a scope manager the analyzer reads. Both @typescript-eslint/scope-manager (TypeScript files) and
 * eslint-scope (plain JavaScript under ESLint's default parser) provide it, so the analyzer works under either.
 */

export interface DefinitionLike {
  type: string;
  name: TSESTree.Node;
  node: TSESTree.Node;
  parent?: TSESTree.Node | null;
}

export interface VariableLike {
  name: string;
  defs: readonly DefinitionLike[];
  references: readonly ReferenceLike[];
}

export interface ReferenceLike {
  identifier: TSESTree.Node;
  resolved: VariableLike | null;
  writeExpr?: TSESTree.Node | null;
  isRead(): boolean;
  isWrite(): boolean;
}

export interface ScopeLike {
  type: string;
  references: readonly ReferenceLike[];
  variables: readonly VariableLike[];
  /** The variables by name. */
  set: ReadonlyMap<string, VariableLike>;
  /** References made in this scope or below that it does not resolve itself. */
  through: readonly ReferenceLike[];
  upper: ScopeLike | null;
}

export interface ScopeManagerLike {
  scopes: readonly ScopeLike[];
  /** The scope a node creates (the innermost one with `inner`), if it creates one. */
  acquire(node: TSESTree.Node, inner?: boolean): ScopeLike | null;
  /** The variables a declaration node declares. */
  getDeclaredVariables(node: TSESTree.Node): readonly VariableLike[];
}
