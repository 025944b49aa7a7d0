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
}

export interface ScopeManagerLike {
  scopes: readonly ScopeLike[];
}
