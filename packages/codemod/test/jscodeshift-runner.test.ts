import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fg from 'fast-glob';
import { loadConfigSync } from '@tenant-isolation/core';
import { migrateModule } from '@tenant-isolation/codemod';

const REPO = path.resolve(__dirname, '../../..');
const APP = path.join(REPO, 'fixtures/example-app');
const TRANSFORM = path.join(REPO, 'packages/codemod/dist/transform.js');
const JSCODESHIFT = path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js');

describe('the transform under the stock jscodeshift runner', () => {
  it('rewrites every route file exactly as the batch runner does, and reports what it left alone', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-jscodeshift-'));
    fs.cpSync(APP, root, { recursive: true });
    const files = fg.sync('app/**/route.ts', { cwd: root }).sort();
    const before = new Map(files.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));

    const output = execFileSync(
      process.execPath,
      [JSCODESHIFT, '--no-babel', '--run-in-band', '--extensions=ts', `--root=${root}`, '-t', TRANSFORM, path.join(root, 'app')],
      { encoding: 'utf8' },
    );

    const { config } = loadConfigSync(root);
    let changed = 0;
    for (const file of files) {
      const expected = migrateModule(before.get(file)!, file, config).output ?? before.get(file)!;
      expect([file, fs.readFileSync(path.join(root, file), 'utf8')]).toEqual([file, expected]);
      if (expected !== before.get(file)) changed++;
    }
    expect(changed).toBeGreaterThan(30);
    expect(output).toMatch(new RegExp(`${changed} ok`));
    expect(output).toContain('app/api/account/route.ts:8 GET: skipped: it reads the session through getCurrentUser()');
  });
});
