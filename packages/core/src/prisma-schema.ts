import * as fs from 'node:fs';
import * as path from 'node:path';
import { getSchema, type Field, type Model } from '@mrleebo/prisma-ast';
import type { PrismaConfig } from './config-schema';

/** A model of the schema, as queries reach it: `prisma.auditLog` is the model `AuditLog`. */
export interface PrismaModel {
  name: string;
  /** The client's property for the model: the name with its first letter lower-cased. */
  accessor: string;
  /** The table raw SQL names: its `@@map`, else the model name. */
  table: string;
  tenantScoped: boolean;
  /** The model has the tenant field itself (not only through a relation). */
  hasTenantField: boolean;
  /** The relation field whose `@relation(fields: [tenantId], …)` sets the tenant field (`tenant`), if any. */
  tenantRelation: string | null;
  /** The field of the tenant model that relation references (`id` of `references: [id]`). */
  tenantRelationKey: string | null;
  /** The relation path to the tenant field the config names for the model (`["invoice", "tenantId"]`), if any. */
  relationPath: string[] | null;
}

export interface PrismaSchemaInfo {
  /** The .prisma files read, absolute. */
  files: string[];
  /** Models by client accessor. */
  models: ReadonlyMap<string, PrismaModel>;
  tenantField: string;
}

export type PrismaSchemaLoad =
  | { kind: 'found'; schema: PrismaSchemaInfo }
  | { kind: 'missing'; looked: string[] }
  | { kind: 'invalid'; file: string; message: string };

/**
 * The schema files of a project as Prisma finds them: the configured path (a file or a folder), else the
 * `prisma.schema` key of package.json, else `schema.prisma`, `prisma/schema.prisma`, or the `prisma/schema/` folder.
 * Returns the files, or the places looked at when there is none.
 */
export function findPrismaSchema(root: string, configured?: string): { files: string[] } | { looked: string[] } {
  const candidates: string[] = [];
  if (configured) candidates.push(path.resolve(root, configured));
  else {
    const fromPackage = packageJsonSchema(root);
    if (fromPackage) candidates.push(path.resolve(root, fromPackage));
    candidates.push(path.join(root, 'schema.prisma'), path.join(root, 'prisma', 'schema.prisma'), path.join(root, 'prisma', 'schema'));
  }
  for (const candidate of candidates) {
    const files = schemaFilesAt(candidate);
    if (files.length > 0) return { files };
  }
  return { looked: candidates };
}

function packageJsonSchema(root: string): string | null {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { prisma?: { schema?: unknown } };
    return typeof pkg.prisma?.schema === 'string' ? pkg.prisma.schema : null;
  } catch {
    return null;
  }
}

/** A .prisma file, or the .prisma files of a folder (and its subfolders, as Prisma's multi-file schemas allow). */
function schemaFilesAt(candidate: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(candidate);
  } catch {
    return [];
  }
  if (stat.isFile()) return [candidate];
  if (!stat.isDirectory()) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(candidate, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.prisma')) files.push(path.join(entry.parentPath, entry.name));
  }
  return files.sort();
}

interface CachedLoad {
  files: string[];
  stamp: string;
  load: PrismaSchemaLoad;
}

/** Loads by root, configured path and the config's model lists; checked against the files' stamps on each call. */
const loads = new Map<string, CachedLoad>();

/**
 * The project's Prisma schema, parsed with @mrleebo/prisma-ast, and which of its models are tenant-scoped: those with
 * the tenant field (unless listed in `globalModels`), and those the config lists in `tenantScopedModels`.
 */
export function loadPrismaSchema(root: string, config: PrismaConfig): PrismaSchemaLoad {
  const key = `${root}\0${configKey(config)}`;
  const cached = loads.get(key);
  // A lint run asks once per file: the files found last time are checked (one stat each) before looking again.
  if (cached && cached.stamp === cached.files.map(stampOf).join('|')) return cached.load;
  const found = findPrismaSchema(root, config.schema);
  if ('looked' in found) return { kind: 'missing', looked: found.looked };
  const stamp = found.files.map(stampOf).join('|');
  const load = parseSchemaFiles(found.files, config);
  loads.set(key, { files: found.files, stamp, load });
  return load;
}

/** The text of a config, once per config object: a lint run hands every file the same one. */
const configKeys = new WeakMap<PrismaConfig, string>();

function configKey(config: PrismaConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

function stampOf(file: string): string {
  try {
    const { mtimeMs, size } = fs.statSync(file);
    return `${file}:${mtimeMs}:${size}`;
  } catch {
    return `${file}:missing`;
  }
}

function parseSchemaFiles(files: string[], config: PrismaConfig): PrismaSchemaLoad {
  const declared: Model[] = [];
  for (const file of files) {
    try {
      const schema = getSchema(fs.readFileSync(file, 'utf8'));
      for (const block of schema.list) if (block.type === 'model') declared.push(block);
    } catch (error) {
      return { kind: 'invalid', file, message: schemaErrorText(error) };
    }
  }
  const { tenantField } = config;
  const scopedByConfig = new Set(config.tenantScopedModels);
  const global = new Set(config.globalModels);
  const models = new Map<string, PrismaModel>();
  for (const model of declared) {
    const fields = model.properties.filter((p): p is Field => p.type === 'field');
    const hasTenantField = fields.some((f) => f.name === tenantField);
    const relation = config.relations[model.name];
    const tenantRelation = fields.find((f) => relationList(f, 'fields').includes(tenantField));
    models.set(accessorOf(model.name), {
      name: model.name,
      accessor: accessorOf(model.name),
      table: mappedName(model) ?? model.name,
      tenantScoped: scopedByConfig.has(model.name) || (hasTenantField && !global.has(model.name)),
      hasTenantField,
      tenantRelation: tenantRelation?.name ?? null,
      tenantRelationKey: tenantRelation ? (relationList(tenantRelation, 'references')[relationList(tenantRelation, 'fields').indexOf(tenantField)] ?? null) : null,
      relationPath: relation ? relation.split('.') : null,
    });
  }
  return { kind: 'found', schema: { files, models, tenantField } };
}

/** `AuditLog` → `auditLog`, as the generated client names its model delegates. */
export const accessorOf = (modelName: string): string => modelName.charAt(0).toLowerCase() + modelName.slice(1);

/** The table name of `@@map("invoices")`. */
function mappedName(model: Model): string | null {
  for (const property of model.properties) {
    if (property.type !== 'attribute' || property.kind !== 'object' || property.name !== 'map') continue;
    const value = property.args[0]?.value;
    if (typeof value === 'string') return unquote(value);
  }
  return null;
}

/** The `fields: [a, b]` (or `references: […]`) of a field's `@relation(…)`. */
function relationList(field: Field, key: 'fields' | 'references'): string[] {
  const relation = field.attributes?.find((a) => a.name === 'relation');
  for (const argument of relation?.args ?? []) {
    const value = argument.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value.type !== 'keyValue' || value.key !== key) continue;
    const list = value.value;
    if (typeof list === 'object' && list !== null && !Array.isArray(list) && list.type === 'array') {
      return list.args.filter((a): a is string => typeof a === 'string');
    }
  }
  return [];
}

const unquote = (text: string): string => text.replace(/^"(.*)"$/, '$1');

function schemaErrorText(error: unknown): string {
  const e = error as { message?: string; token?: { startLine?: number; startColumn?: number } };
  const where = e.token?.startLine !== undefined ? `line ${e.token.startLine}, column ${e.token.startColumn ?? 0}: ` : '';
  return `${where}${e.message ?? String(error)}`;
}
