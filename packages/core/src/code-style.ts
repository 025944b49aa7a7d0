import type { TSESTree } from '@typescript-eslint/types';

/** How a file writes statements, read from the file itself, so that code a tool adds looks like its neighbours. */
export interface CodeStyle {
  quote: "'" | '"';
  semicolon: ';' | '';
  eol: '\n' | '\r\n';
}

/**
 * Quotes come from the first import's source (`import "server-only"` counts); statement terminators from the
 * majority of top-level statements that can end with one; line endings from the first line break.
 */
export function detectCodeStyle(text: string, program: TSESTree.Program): CodeStyle {
  const firstImport = program.body.find((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  const quote = firstImport ? (firstImport.source.raw.startsWith('"') ? '"' : "'") : /^[^'\n]*"/m.test(text) ? '"' : "'";
  const terminable = program.body.filter((s) => !endsWithBlock(s));
  const terminated = terminable.filter((s) => text[s.range[1] - 1] === ';').length;
  const semicolon = terminable.length > 0 && terminated * 2 < terminable.length ? '' : ';';
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  return { quote, semicolon, eol };
}

function endsWithBlock(statement: TSESTree.ProgramStatement): boolean {
  const declaration =
    statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
      ? statement.declaration
      : statement;
  return (
    declaration?.type === 'FunctionDeclaration' ||
    declaration?.type === 'ClassDeclaration' ||
    declaration?.type === 'TSInterfaceDeclaration' ||
    declaration?.type === 'TSModuleDeclaration' ||
    declaration?.type === 'TSEnumDeclaration'
  );
}
