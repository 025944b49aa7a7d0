import { parseModule, suppressedLines } from '@tenant-isolation/core';

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
