import { disableDirectives, parseModule, suppressedLines } from '@tenant-isolation/core';

const RULE = 'tenant-isolation/require-tenant-context';

function suppressed(code: string): number[] {
  const { program } = parseModule(code, 'route.ts');
  const isSuppressed = suppressedLines(program.comments ?? [], RULE);
  return code.split('\n').flatMap((_, i) => (isSuppressed(i + 1) ? [i + 1] : []));
}

describe('suppressedLines', () => {
  it('covers the next line for eslint-disable-next-line naming the rule, with or without a reason', () => {
    expect(suppressed(`a();\n// eslint-disable-next-line ${RULE} -- public probe\nb();\nc();`)).toEqual([3]);
  });

  it('covers its own line for eslint-disable-line', () => {
    expect(suppressed(`a();\nb(); // eslint-disable-line ${RULE}\nc();`)).toEqual([2]);
  });

  it('covers a block from eslint-disable to eslint-enable', () => {
    expect(suppressed(`a();\n/* eslint-disable ${RULE} */\nb();\n/* eslint-enable ${RULE} */\nc();`)).toEqual([2, 3, 4]);
  });

  it('covers the rest of the file for an unclosed block, and every rule when none is named', () => {
    expect(suppressed(`a();\n/* eslint-disable */\nb();`)).toEqual([2, 3]);
  });

  it('ignores directives for other rules and ordinary comments', () => {
    expect(suppressed(`// eslint-disable-next-line no-console\na();\n// disable the session read\nb();`)).toEqual([]);
  });
});

describe('disableDirectives', () => {
  function read(code: string) {
    const { program } = parseModule(code, 'route.ts');
    return disableDirectives(program.comments ?? []).map(({ kind, rules, reason, comment }) => ({
      kind,
      rules,
      reason,
      line: comment.loc.start.line,
    }));
  }

  it('reads each form with the rules it names and the description after two or more dashes', () => {
    const code = [
      `/* eslint-disable ${RULE}, no-console -- legacy file, SEC-1 */`,
      `a(); // eslint-disable-line ${RULE}`,
      `// eslint-disable-next-line '${RULE}' --- webhook`,
      `b();`,
      `/* eslint-enable */`,
    ].join('\n');
    expect(read(code)).toEqual([
      { kind: 'disable', rules: [RULE, 'no-console'], reason: 'legacy file, SEC-1', line: 1 },
      { kind: 'disable-line', rules: [RULE], reason: '', line: 2 },
      { kind: 'disable-next-line', rules: [RULE], reason: 'webhook', line: 3 },
      { kind: 'enable', rules: [], reason: '', line: 5 },
    ]);
  });

  it('takes dashes without white space after them as part of the rule list, as ESLint does', () => {
    expect(read(`// eslint-disable-next-line ${RULE} --why\na();\n/* eslint-disable ${RULE} -- */`)).toEqual([
      { kind: 'disable-next-line', rules: [`${RULE} --why`], reason: '', line: 1 },
      { kind: 'disable', rules: [RULE], reason: '', line: 3 },
    ]);
  });

  it('skips what ESLint does not treat as a directive', () => {
    const code = [
      `// eslint-disable ${RULE}`,
      `/* eslint-disable-line ${RULE}`,
      `   spanning lines */`,
      `/* eslint-disabled ${RULE} */`,
      `/* see eslint-disable-next-line ${RULE} */`,
    ].join('\n');
    expect(read(code)).toEqual([]);
  });
});
