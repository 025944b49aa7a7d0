import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { loadConfig, parseModule, resolveConfig } from '@tenant-isolation/core';
import { migrateModule, UsageError } from '@tenant-isolation/codemod';
import { createTwoFilesPatch } from 'diff';
import fg from 'fast-glob';
import writeFileAtomic from 'write-file-atomic';
import { detect, type Detected } from './init/detect';
import { addPluginToEslintConfig, PLUGIN_PACKAGE } from './init/eslint-config';
import { accessorModule, ACCESSOR_MODULE, GENERATED_HEADER, wrapperModule, WRAPPER_MODULE, type TemplateInput } from './init/templates';
import { colors, type Output } from './output';

export interface InitFlags {
  yes?: boolean;
  dry?: boolean;
  force?: boolean;
}

/** One file `init` would write, and what it would do to it. */
interface PlannedFile {
  file: string;
  /** `create`: new; `edit`: the app's file, changed; `replace`: exists, replaced under --force; `keep`: exists, left. */
  action: 'create' | 'edit' | 'replace' | 'keep' | 'unchanged';
  text: string;
  before: string | null;
  note?: string;
}

const CONFIG_FILE = 'tenant-isolation.config.json';
const WRAPPER_NAME = 'withTenantContext';
const PAGES_WRAPPER_NAME = 'withTenantApiRoute';
const ACCESSOR_NAME = 'requireTenantContext';
const OPTIONAL_ACCESSOR_NAME = 'getTenantContext';

/**
 * `tenant-isolation init`: finds out what the app has, then writes what it lacks to start the migration (the config,
 * a wrapper and accessors when the app has none, the plugin in its ESLint config), after showing it and asking.
 */
export async function initCommand(dir: string | undefined, flags: InitFlags, output: Output, ask: (question: string) => Promise<boolean> = askOnTerminal): Promise<number> {
  const root = path.resolve(dir ?? '.');
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    throw new UsageError(`No package.json in ${root}: run init in the root of the Next.js app.`);
  }
  const c = colors(output.color);
  const detected = await detect(root);
  const plan = await planInit(detected, flags.force ?? false);
  output.out(describeDetected(detected));
  const changes = plan.files.filter((f) => f.action !== 'unchanged' && f.action !== 'keep');
  for (const file of plan.files) output.out(`  ${actionWord(file.action, c)} ${file.file}${file.note ? c.dim(`  (${file.note})`) : ''}\n`);
  for (const note of plan.notes) output.out(`  ${c.yellow('!')} ${note}\n`);
  if (changes.length === 0) {
    output.out('Nothing to change: the app is set up.\n');
    return 0;
  }
  if (flags.dry) {
    for (const file of changes) output.out(createTwoFilesPatch(file.file, file.file, file.before ?? '', file.text, '', '', { context: 3 }));
    output.out(c.dim('Dry run: nothing was written.\n'));
    return 0;
  }
  if (!flags.yes) {
    if (!process.stdin.isTTY && ask === askOnTerminal) {
      throw new UsageError('init asks before it writes: run it on a terminal, or with --yes (or --dry to see what it would write).');
    }
    if (!(await ask(`Write ${changes.length} file${changes.length === 1 ? '' : 's'}? [y/N] `))) {
      output.out('Nothing was written.\n');
      return 0;
    }
  }
  for (const file of changes) {
    const absolute = path.join(root, file.file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileAtomic.sync(absolute, file.text);
  }
  output.out(`${c.green('✔')} Wrote ${changes.map((f) => f.file).join(', ')}.\n`);
  output.out(nextSteps(plan));
  return 0;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const terminal = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

interface Plan {
  files: PlannedFile[];
  notes: string[];
  /** The modules the config names for the wrapper and the accessor, as routes import them. */
  wrapperModule: string;
  secretEnv: string;
}

async function planInit(detected: Detected, force: boolean): Promise<Plan> {
  const { root, alias, nextAuth } = detected;
  if (!nextAuth) throw new UsageError('next-auth is not a dependency of this app: init sets up a wrapper around the NextAuth session.');
  if (!alias) {
    throw new UsageError('init needs a path alias for the app\'s modules in tsconfig.json, as create-next-app writes it: "paths": { "@/*": ["./*"] } (or ["./src/*"]).');
  }
  const reader = nextAuth.version === 4 ? nextAuth.authOptions : nextAuth.auth;
  if (!reader) {
    throw new UsageError(
      nextAuth.version === 4
        ? 'Could not find the exported NextAuth options: export them (`export const authOptions: NextAuthOptions = …`) so the wrapper can read the session.'
        : 'Could not find NextAuth v5\'s `auth` (`export const { auth, handlers } = NextAuth(…)`): the wrapper reads the session with it.',
    );
  }
  const files: PlannedFile[] = [];
  const notes: string[] = [];
  const moduleOf = (file: string): string => `${alias.prefix}${stripExtension(alias.dir ? path.posix.relative(alias.dir, file) : file)}`;
  const libDir = alias.dir ? `${alias.dir}/lib` : 'lib';

  // An existing config, or wrapper and accessor, are what the app uses: configure them, write none.
  const existing = detected.configFile ? (await loadConfig(root)).config : null;
  const found = existing ? null : await existingEntryPoints(root);
  const wrapperFile = `${libDir}/${WRAPPER_MODULE}.ts`;
  const accessorFile = `${libDir}/${ACCESSOR_MODULE}.ts`;
  const secretEnv = existing?.tenantCookie.secretEnv ?? 'TENANT_SIG_SECRET';
  const cookieName = existing?.tenantCookie.name ?? 'tenant_sig';
  const writeOwn = !existing && !found;
  // What the handlers read of the session that the default mapping lacks: the app's own tenant field, and the rest.
  // NextAuth v5's `auth` is a session getter the defaults do not know: the reading needs it to see the reads.
  const getters = nextAuth.version === 5 ? { sessionGetters: [{ name: reader.name, from: moduleOf(reader.file) }] } : {};
  const reads = writeOwn ? await unmappedSessionReads(root, detected, getters) : new Map<string, number>();
  const tenantField = tenantFieldOf(reads);
  const others = [...reads].filter(([p]) => p !== `user.${tenantField}`);
  if (others.length > 0) {
    notes.push(
      `handlers also read ${others.map(([p, n]) => `session.${p} (${n})`).join(', ')}, which the context does not carry: add ${others.length === 1 ? 'it' : 'them'} to TenantContext, the wrapper and sessionMapping before migrating those handlers`,
    );
  }
  if (writeOwn) {
    const input: TemplateInput = {
      importPrefix: alias.prefix,
      libDir: 'lib',
      nextAuth:
        nextAuth.version === 4
          ? { version: 4, authOptions: { name: reader.name, from: moduleOf(reader.file) } }
          : { version: 5, auth: { name: reader.name, from: moduleOf(reader.file) } },
      pages: detected.pagesApi,
      cookieName,
      secretEnv,
      tenantField,
      semicolons: detected.semicolons,
    };
    files.push(planFile(root, accessorFile, accessorModule(input), force), planFile(root, wrapperFile, wrapperModule(input), force));
  }
  if (!existing) {
    const wrapperFrom = found?.wrapper ? moduleOf(found.wrapper) : moduleOf(wrapperFile);
    const accessorFrom = found?.accessor ? moduleOf(found.accessor) : moduleOf(accessorFile);
    const config: Record<string, unknown> = {
      wrappers: [{ name: WRAPPER_NAME, from: wrapperFrom }],
      ...(detected.pagesApi && writeOwn ? { pagesWrappers: [{ name: PAGES_WRAPPER_NAME, from: wrapperFrom }] } : {}),
      contextAccessor: { name: ACCESSOR_NAME, from: accessorFrom },
      ...(writeOwn || found?.optionalAccessor ? { optionalContextAccessor: { name: OPTIONAL_ACCESSOR_NAME, from: accessorFrom } } : {}),
      ...(nextAuth.version === 5
        ? {
            sessionGetters: [
              { name: 'getServerSession', from: ['next-auth', 'next-auth/next'] },
              { name: reader.name, from: moduleOf(reader.file) },
            ],
          }
        : { authOptions: { name: reader.name, from: moduleOf(reader.file) } }),
      ...(tenantField !== 'tenantId' ? { sessionMapping: sessionMappingWith(tenantField) } : {}),
      tenantCookie: { name: cookieName, secretEnv },
    };
    files.unshift(planFile(root, CONFIG_FILE, `${JSON.stringify(config, null, 2)}\n`, force));
    if (found) notes.push(`uses the wrapper and accessor the app has: ${[found.wrapper, found.accessor].filter(Boolean).join(', ')}`);
  }
  if (existing) {
    // A config that names modules the app does not have: the tools would look for a wrapper that is not there.
    for (const spec of [existing.wrappers[0]!, existing.contextAccessor]) {
      const from = typeof spec.from === 'string' ? spec.from : spec.from[0]!;
      if (from.startsWith(alias.prefix) && !moduleExists(root, path.posix.join(alias.dir, from.slice(alias.prefix.length)))) {
        notes.push(`${CONFIG_FILE} names ${spec.name} from ${from}, which is not in the app: write it, or remove the config and run init again`);
      }
    }
  }
  if (detected.eslintConfig) {
    const before = fs.readFileSync(path.join(root, detected.eslintConfig.file), 'utf8');
    const edit = addPluginToEslintConfig(detected.eslintConfig.file, before);
    if (edit.kind === 'edited') files.push({ file: detected.eslintConfig.file, action: 'edit', text: edit.text, before });
    else if (edit.kind === 'unchanged') files.push({ file: detected.eslintConfig.file, action: 'unchanged', text: before, before });
    else notes.push(`ESLint: ${edit.reason}`);
  } else {
    notes.push('no ESLint config found: add tenantIsolation.configs.recommended to the one you create (see the README)');
  }
  if (!fs.existsSync(path.join(root, 'node_modules', PLUGIN_PACKAGE))) {
    notes.push(`${PLUGIN_PACKAGE} is not installed: ${installCommand(detected)}`);
  }
  if (!detected.appRouter && !detected.pagesApi) notes.push('no route handlers found under app/ or pages/api/ yet');
  return { files, notes, wrapperModule: moduleOf(wrapperFile), secretEnv };
}

/** Session fields an app names its tenant by, when it does not call it `tenantId`. */
const TENANT_FIELDS = ['organizationId', 'orgId', 'workspaceId', 'accountId', 'companyId', 'teamId', 'tenant_id', 'tenant'];

/** The tenant field the handlers read, when it is one of those; else `tenantId`. */
function tenantFieldOf(reads: ReadonlyMap<string, number>): string {
  const named = [...reads].filter(([p]) => TENANT_FIELDS.some((f) => p === `user.${f}`)).sort((a, b) => b[1] - a[1]);
  return named[0] ? named[0][0].slice('user.'.length) : 'tenantId';
}

const DEFAULT_SESSION_MAPPING = resolveConfig({}).sessionMapping;

function sessionMappingWith(tenantField: string): Record<string, string> {
  const mapping: Record<string, string> = { [`user.${tenantField}`]: 'tenantId' };
  for (const [from, to] of Object.entries(DEFAULT_SESSION_MAPPING)) if (to !== 'tenantId') mapping[from] = to;
  return mapping;
}

/**
 * The session paths the route handlers read that the default mapping lacks, with how often: the codemod's own
 * reading of each route module, in memory, against the config init would write.
 */
async function unmappedSessionReads(root: string, detected: Detected, configInput: object): Promise<Map<string, number>> {
  const base = detected.srcDir ? 'src/' : '';
  const files = await fg([`${base}app/**/route.{ts,tsx,js,jsx,mjs,cjs}`, `${base}pages/api/**/*.{ts,tsx,js,jsx,mjs,cjs}`], { cwd: root, ignore: ['**/node_modules/**'] });
  const config = resolveConfig(configInput);
  const reads = new Map<string, number>();
  for (const file of files.sort()) {
    const migration = migrateModule(fs.readFileSync(path.join(root, file), 'utf8'), file, config);
    for (const handler of migration.handlers) {
      if (handler.outcome === 'migrated') continue;
      for (const { path: read, reads: count } of handler.unmapped ?? []) reads.set(read, (reads.get(read) ?? 0) + count);
    }
  }
  return reads;
}

/** A file to create: unchanged when it holds the text already, kept when it holds something else (unless --force). */
function planFile(root: string, file: string, text: string, force: boolean): PlannedFile {
  const absolute = path.join(root, file);
  if (!fs.existsSync(absolute)) return { file, action: 'create', text, before: null };
  const before = fs.readFileSync(absolute, 'utf8');
  if (before === text) return { file, action: 'unchanged', text, before };
  return force ? { file, action: 'replace', text, before } : { file, action: 'keep', text, before, note: 'exists with other content; --force replaces it' };
}

/** Modules of the app that already export a tenant wrapper or accessor under the names the tools expect. */
async function existingEntryPoints(root: string): Promise<{ wrapper: string | null; accessor: string | null; optionalAccessor: boolean } | null> {
  const files = await fg('{,src/}{lib,server,utils,middleware}/**/*.{ts,tsx,js,mjs}', { cwd: root, ignore: ['**/node_modules/**', '**/*.test.*', '**/*.d.ts'] });
  let wrapper: string | null = null;
  let accessor: string | null = null;
  let optionalAccessor = false;
  for (const file of files.sort()) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    // What an earlier init wrote is init's to compare and update, not a wrapper of the app's own.
    if ((!text.includes(WRAPPER_NAME) && !text.includes(ACCESSOR_NAME)) || text.startsWith(GENERATED_HEADER)) continue;
    const exported = exportedNames(text, file);
    if (!wrapper && exported.has(WRAPPER_NAME)) wrapper = file;
    if (!accessor && exported.has(ACCESSOR_NAME)) {
      accessor = file;
      optionalAccessor = exported.has(OPTIONAL_ACCESSOR_NAME);
    }
  }
  return wrapper || accessor ? { wrapper, accessor, optionalAccessor } : null;
}

function exportedNames(text: string, file: string): Set<string> {
  const names = new Set<string>();
  let program;
  try {
    program = parseModule(text, file).program;
  } catch {
    return names;
  }
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) names.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) if (d.id.type === 'Identifier') names.add(d.id.name);
    for (const specifier of statement.specifiers) {
      if (specifier.exported.type === 'Identifier') names.add(specifier.exported.name);
    }
  }
  return names;
}

/** Whether a module path (without extension, relative to the root) names a file or a folder's index. */
function moduleExists(root: string, modulePath: string): boolean {
  const base = path.join(root, modulePath);
  return ['.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'].some((suffix) => fs.existsSync(`${base}${suffix}`));
}

const stripExtension = (file: string): string => file.replace(/(\/index)?\.(ts|tsx|js|jsx|mjs|cjs)$/, '');

function installCommand(detected: Detected): string {
  const packages = `${PLUGIN_PACKAGE} @tenant-isolation/cli`;
  switch (detected.packageManager) {
    case 'pnpm':
      return `pnpm add -D ${packages}`;
    case 'yarn':
      return `yarn add -D ${packages}`;
    case 'bun':
      return `bun add -d ${packages}`;
    default:
      return `npm install --save-dev ${packages}`;
  }
}

function actionWord(action: PlannedFile['action'], c: ReturnType<typeof colors>): string {
  const words = { create: c.green('create  '), edit: c.yellow('edit    '), replace: c.red('replace '), keep: c.dim('keep    '), unchanged: c.dim('same    ') };
  return words[action];
}

function describeDetected(d: Detected): string {
  const routers = [d.appRouter ? 'App Router' : null, d.pagesApi ? 'pages/api' : null].filter(Boolean).join(' and ') || 'no route handlers yet';
  const auth = !d.nextAuth
    ? 'no NextAuth'
    : d.nextAuth.version === 4
      ? `NextAuth v4${d.nextAuth.authOptions ? ` (${d.nextAuth.authOptions.name} in ${d.nextAuth.authOptions.file})` : ''}`
      : `NextAuth v5${d.nextAuth.auth ? ` (${d.nextAuth.auth.name} in ${d.nextAuth.auth.file})` : ''}`;
  const parts = [
    routers,
    auth,
    d.alias ? `imports as ${d.alias.prefix}…` : 'no path alias',
    d.eslintConfig ? `ESLint ${d.eslintConfig.flat ? 'flat' : 'legacy'} config ${d.eslintConfig.file}` : 'no ESLint config',
    d.packageManager,
  ];
  return `Found: ${parts.join(', ')}.\n`;
}

function nextSteps(plan: Plan): string {
  return [
    'Next:',
    `  1. Set ${plan.secretEnv} (a long random string) where the app runs, and set the tenant cookie when a user signs in`,
    `     or switches tenant: signTenantCookie(tenantId) from ${plan.wrapperModule}.`,
    '  2. npx eslint .                              the session reads left to migrate',
    '  3. npx tenant-isolation migrate --dry --print  the first batch, as a diff',
    '',
  ].join('\n');
}

