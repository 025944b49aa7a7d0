// Run from the repository root on the built plugin: `npm run docs:rules` writes, `npm run lint:docs` checks (both
// build first, so the docs never come from a stale dist/).
const path = require('node:path');
const { REPOSITORY_URL, resolveConfig } = require('@tenant-isolation/core');

const PLUGIN_DIR = path.join(__dirname, 'packages/eslint-plugin');
const RULE_DOCS_DIR = path.join(PLUGIN_DIR, 'docs/rules');
const OPTIONS_LIST = /(<!-- begin auto-generated rule options list -->\n)[\s\S]*?(\n<!-- end auto-generated rule options list -->)/;

/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  // The root README, not a package README, is where users look for the rules.
  pathRuleList: '../../README.md',
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  // The title already holds the description.
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'options', 'requiresTypeChecking'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options', 'deprecated'],
  // The legacy configs turn on the same rules as their flat namesakes: one badge each is enough.
  ignoreConfig: ['legacy-recommended', 'legacy-strict'],
  configEmoji: [['strict', '🔒']],
  urlConfigs: `${REPOSITORY_URL}#configs`,
  postprocess(content, file) {
    if (path.dirname(file) !== RULE_DOCS_DIR) return content;
    return content.replace(OPTIONS_LIST, (_, begin, end) => `${begin}\n${optionsTable(path.basename(file, '.md'))}\n${end}`);
  },
};

/**
 * The options table of a rule doc, rendered here rather than by the generator: its own list treats the keys of
 * nested `{ name, from }` and `{ path, methods, reason }` objects as options of their own, and can show no defaults,
 * which the rules keep out of their schemas on purpose (ESLint would fill them in over the shared settings). The
 * defaults are the rule's own `defaultOptions` and, for the shared config keys, those of the config schema.
 */
function optionsTable(ruleName) {
  const plugin = require(PLUGIN_DIR);
  const rule = plugin.rules[ruleName];
  const [schema] = rule.meta.schema;
  const defaults = { ...resolveConfig({}, 'the default config'), ...rule.defaultOptions[0] };
  const rows = Object.entries(schema.properties).map(([name, property]) => [
    `\`${name}\``,
    property.description ?? '',
    typeText(property),
    defaultText(defaults[name]),
  ]);
  return [['Name', 'Description', 'Type', 'Default'], [':--', ':--', ':--', ':--'], ...rows]
    .map((cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`)
    .join('\n');
}

const capitalized = (word) => word.charAt(0).toUpperCase() + word.slice(1);

function typeText(property) {
  if (property.type === 'array') return property.items?.type ? `${capitalized(property.items.type)}[]` : 'Array';
  return property.type ? capitalized(property.type) : '';
}

function defaultText(value) {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.length === 0 ? '`[]`' : value.map(valueText).join(', ');
  if (isMapping(value)) return Object.entries(value).map(([from, to]) => `\`${from}\` → \`${to}\``).join(', ');
  return valueText(value);
}

/** A record of strings such as `sessionMapping`: read as `from → to` pairs rather than as JSON. */
function isMapping(value) {
  return value !== null && typeof value === 'object' && !('name' in value) && Object.values(value).every((v) => typeof v === 'string');
}

/** `getServerSession` from `next-auth` or `next-auth/next`, a glob in code quotes, `false`. */
function valueText(value) {
  if (value !== null && typeof value === 'object' && 'name' in value && 'from' in value) {
    return `\`${value.name}\` from ${[value.from].flat().map((module) => `\`${module}\``).join(' or ')}`;
  }
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}
