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
  let firstImport: TSESTree.ImportDeclaration | undefined;
  let terminable = 0;
  let terminated = 0;
  for (const statement of program.body) {
    if (!firstImport && statement.type === 'ImportDeclaration') firstImport = statement;
    if (endsWithBlock(statement)) continue;
    terminable++;
    if (text[statement.range[1] - 1] === ';') terminated++;
  }
  const quote = firstImport ? (firstImport.source.raw.startsWith('"') ? '"' : "'") : /^[^'\n]*"/m.test(text) ? '"' : "'";
  const semicolon = terminable > 0 && terminated * 2 < terminable ? '' : ';';
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
