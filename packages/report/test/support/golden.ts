import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GOLDEN_DIR = join(__dirname, '..', '__golden__');

const updating = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares a whole rendered output with `test/__golden__/<name>`. `UPDATE_GOLDEN=1` writes the files instead, for a
 * human to review in the diff; a missing file fails, so a new output cannot pass by being written on the fly.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (updating) {
    if (process.env.CI) throw new Error('UPDATE_GOLDEN=1 in CI would make every golden test pass: unset it.');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`No golden file test/__golden__/${name}. Write it with UPDATE_GOLDEN=1 and review it before committing.`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
