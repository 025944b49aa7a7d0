import { analyze, type ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import { parse } from '@typescript-eslint/typescript-estree';

export interface ParsedModule {
  program: TSESTree.Program;
  scopeManager: ScopeManager;
}

/** A syntax error with the place it was found, for the "file does not parse" reports. */
export class ModuleParseError extends Error {
  constructor(
    readonly filePath: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`${filePath}:${line}:${column}: ${message}`);
    this.name = 'ModuleParseError';
  }
}

/** Parses a route module the way the ESLint rule sees it: typescript-estree, JSX where the extension allows it. */
export function parseModule(code: string, filePath: string): ParsedModule {
  const jsx = /\.(tsx|jsx|js|mjs|cjs)$/.test(filePath);
  let program: TSESTree.Program;
  try {
    // Tokens and comments are half of a parse. The analyzer reads comments only for eslint-disable directives, and
    // tokens only when it is not given the text (callers of parseModule have the text).
    program = parse(code, { range: true, loc: true, comment: code.includes('eslint-'), tokens: false, jsx, filePath });
  } catch (error) {
    const e = error as { lineNumber?: number; column?: number; message: string };
    throw new ModuleParseError(filePath, e.lineNumber ?? 1, e.column ?? 0, e.message);
  }
  const scopeManager = analyze(program, { sourceType: 'module' });
  return { program, scopeManager };
}
