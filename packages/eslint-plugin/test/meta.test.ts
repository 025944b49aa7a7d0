import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPOSITORY_URL } from '@tenant-isolation/core';
import plugin from 'eslint-plugin-tenant-isolation';

const PLUGIN_DIR = path.join(__dirname, '..');
const ROOT = path.join(PLUGIN_DIR, '../..');
const RULES_DIR = path.join(PLUGIN_DIR, 'src/rules');
const DOCS_DIR = path.join(PLUGIN_DIR, 'docs/rules');
const TESTS_DIR = path.join(PLUGIN_DIR, 'test/rules');

const namesIn = (dir: string, suffix: string) =>
  fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();

/** The rule names the README's generated rules table links, with the doc each links to. */
function readmeRules(): Array<{ name: string; link: string }> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const table = /<!-- begin auto-generated rules list -->([\s\S]*?)<!-- end auto-generated rules list -->/.exec(readme);
  if (!table) throw new Error('README.md has no generated rules list');
  return [...table[1]!.matchAll(/^\| \[([a-z-]+)\]\(([^)]+)\)/gm)].map(([, name, link]) => ({ name: name!, link: link! }));
}

describe('one rule, one name, everywhere', () => {
  const ruleNames = Object.keys(plugin.rules).sort();

  it('the rules index exports exactly the rules in src/rules', () => {
    expect(namesIn(RULES_DIR, '.ts')).toEqual(ruleNames);
  });

  it('every rule has a doc page of its name, and docs/rules holds nothing else', () => {
    expect(fs.readdirSync(DOCS_DIR).sort()).toEqual(ruleNames.map((n) => `${n}.md`));
  });

  it('every rule has a test file of its name, and test/rules holds nothing else', () => {
    expect(fs.readdirSync(TESTS_DIR).sort()).toEqual(ruleNames.map((n) => `${n}.test.ts`));
  });

  it("the README's rules table lists every rule once, in order, each linking to its doc page", () => {
    expect(readmeRules()).toEqual(ruleNames.map((name) => ({ name, link: `packages/eslint-plugin/docs/rules/${name}.md` })));
    for (const { link } of readmeRules()) expect(fs.existsSync(path.join(ROOT, link))).toBe(true);
  });

  it.each(Object.entries(plugin.rules))("%s: meta.docs.url points to docs/rules/<name>.md in the repository", (name, rule) => {
    expect(rule.meta.docs?.url).toBe(`${REPOSITORY_URL}/blob/main/packages/eslint-plugin/docs/rules/${name}.md`);
  });

  it.each(Object.entries(plugin.rules))('%s: the doc page starts with the generated header and has the sections users look for', (name, rule) => {
    const doc = fs.readFileSync(path.join(DOCS_DIR, `${name}.md`), 'utf8');
    expect(doc.split('\n')[0]).toBe(`# ${rule.meta.docs?.description} (\`tenant-isolation/${name}\`)`);
    expect(doc).toContain('<!-- end auto-generated rule header -->');
    expect(doc).toMatch(/## Examples[\s\S]*### ❌ Incorrect[\s\S]*### ✅ Correct/);
    expect(doc).toMatch(/## Options[\s\S]*<!-- begin auto-generated rule options list -->[\s\S]*<!-- end auto-generated rule options list -->/);
  });

  it.each(Object.entries(plugin.rules))('%s: describes every option and forbids unknown ones', (_name, rule) => {
    const [options] = rule.meta.schema as Array<{ properties: Record<string, { description?: string }>; additionalProperties: boolean }>;
    expect(options!.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(options!.properties)) {
      expect([key, typeof property.description]).toEqual([key, 'string']);
    }
  });
});
