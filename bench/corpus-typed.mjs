/**
 * The type load of a typed corpus (`corpus.mjs --typed`): what a real Next.js + NextAuth + Prisma app gives the
 * TypeScript checker besides its routes. A Prisma schema of one model per resource, and the client `prisma generate`
 * would make of it (`node_modules/.prisma/client/index.d.ts`, re-exported by `@prisma/client`), with every type family
 * real clients have: filters, WhereInput, WhereUniqueInput, OrderBy, Select, Include, GetPayload conditional types,
 * checked and unchecked Create and Update inputs with their nested relation inputs, aggregates, groupBy, and a
 * Delegate of generic methods per model. Around it: `lib/db.ts` exporting a client of that type, one lib module per
 * resource that the routes import, typed row factories, and test files that call route handlers directly.
 *
 * Pure text generation: the corpus generator hands in the domains and the routes, this returns file contents.
 */

import { WRAPPED_HANDLER_BODY } from './corpus-project.mjs';

// ─── the schema ─────────────────────────────────────────────────────────────────────────────────────

const cap = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/** Columns every model has: the ones the generated routes read, write and filter on, by name. */
const COMMON_FIELDS = [
  ['id', 'String', { id: true, default: 'cuid()' }],
  ['tenantId', 'String', {}],
  ['name', 'String', { optional: true }],
  ['status', 'String', { default: '"draft"' }],
  ['amountCents', 'Int', { optional: true }],
  ['currency', 'String', { optional: true }],
  ['externalId', 'String', { optional: true }],
  // The routes write ISO strings and read them back with Date.parse(), so creation time is stored as text.
  ['createdAt', 'String', { default: 'dbgenerated("now()::text")' }],
  ['updatedAt', 'DateTime', { optional: true, updatedAt: true }],
  ['createdBy', 'String', { optional: true }],
  ['updatedBy', 'String', { optional: true }],
  ['syncedAt', 'DateTime', { optional: true }],
  ['lastAction', 'String', { optional: true }],
  ['lastActionAt', 'DateTime', { optional: true }],
  ['deletedAt', 'DateTime', { optional: true }],
];

/** Columns some models have besides the common ones, three per model, picked by a hash of its name. */
const EXTRA_FIELDS = [
  ['description', 'String', { optional: true }],
  ['notes', 'String', { optional: true }],
  ['dueAt', 'DateTime', { optional: true }],
  ['quantity', 'Int', { optional: true }],
  ['priority', 'String', { default: '"normal"' }],
  ['ownerId', 'String', { optional: true }],
  ['email', 'String', { optional: true }],
  ['title', 'String', { optional: true }],
  ['metadata', 'Json', { optional: true }],
  ['archivedAt', 'DateTime', { optional: true }],
  ['position', 'Int', { default: '0' }],
  ['isDefault', 'Boolean', { default: 'false' }],
];

/** Columns of the models lib/auth.ts, the webhooks and the shared route blocks use by name. */
const MODEL_FIELDS = {
  tenant: [['slug', 'String', { optional: true, unique: true }]],
  user: [
    ['email', 'String', { optional: true, unique: true }],
    ['image', 'String', { optional: true }],
    ['emailVerified', 'DateTime', { optional: true }],
  ],
  membership: [
    ['userId', 'String', {}],
    ['role', 'String', { default: '"member"' }],
  ],
  comment: [
    ['title', 'String', { optional: true }],
    ['authorName', 'String', { optional: true }],
    ['body', 'String', { optional: true }],
  ],
  auditLog: [
    ['actorId', 'String', { optional: true }],
    ['actorName', 'String', { optional: true }],
    ['action', 'String', { default: '""' }],
    ['target', 'String', { optional: true }],
    ['ip', 'String', { optional: true }],
    ['at', 'DateTime', { default: 'now()' }],
  ],
  notification: [
    ['userId', 'String', { optional: true }],
    ['kind', 'String', { optional: true }],
    ['title', 'String', { optional: true }],
    ['read', 'Boolean', { default: 'false' }],
  ],
  subscription: [['planId', 'String', { optional: true }]],
  plan: [
    ['published', 'Boolean', { default: 'false' }],
    ['locale', 'String', { default: '"en"' }],
    ['position', 'Int', { default: '0' }],
    ['priceCents', 'Int', { optional: true }],
  ],
};

/** Models the routes use that no resource of the typed domains names: memberships, plans, webhook targets. */
const EXTRA_MODELS = [
  { model: 'membership', plural: 'memberships' },
  { model: 'plan', plural: 'plans' },
  { model: 'payment', plural: 'payments' },
  { model: 'message', plural: 'messages' },
  { model: 'account', plural: 'accounts' },
];

/** FNV-1a, as `normalizeSeed()` in corpus.mjs: this module takes its data from the generator and imports nothing. */
function hashOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The models of the schema, from the corpus domains: `[{ name, resources: [{ resource, model, idParam, plural,
 * label, labels }] }]`.
 * Each model relates to Tenant; the other resources of a domain relate to its first one (invoice ← credit notes);
 * every model carries a foreign-key column for each other resource of its domains, which the nested routes filter on.
 */
export function buildSchema(domains) {
  const models = new Map();
  const modelOf = (delegate, plural) => {
    let m = models.get(delegate);
    if (!m) {
      m = { delegate, name: cap(delegate), plural, fields: new Map(), relations: [] };
      models.set(delegate, m);
    }
    return m;
  };
  const addField = (m, [name, type, attrs]) => {
    if (!m.fields.has(name)) m.fields.set(name, { name, type, optional: false, ...attrs });
  };
  /** `from.name` points at one `to` row through the column `fk`; `to` gets the list of them, named after `from`. */
  const relate = (from, name, to, fk, optional) => {
    const source = models.get(from);
    const target = models.get(to);
    if (source.relations.some((r) => r.name === name) || target.relations.some((r) => r.name === source.plural)) return;
    source.relations.push({ name, kind: 'one', target: to, fk, optional, back: source.plural });
    target.relations.push({ name: source.plural, kind: 'many', target: from, back: name, optional });
  };

  modelOf('tenant', 'tenants');
  modelOf('user', 'users');
  for (const domain of domains) for (const r of domain.resources) modelOf(r.model, r.plural);
  for (const extra of EXTRA_MODELS) modelOf(extra.model, extra.plural);

  for (const m of models.values()) {
    for (const field of COMMON_FIELDS) addField(m, m.delegate === 'tenant' && field[0] === 'tenantId' ? ['tenantId', 'String', { optional: true }] : field);
    for (const field of MODEL_FIELDS[m.delegate] ?? []) addField(m, field);
  }
  for (const domain of domains) {
    for (const r of domain.resources) {
      const m = models.get(r.model);
      for (const other of domain.resources) if (other.model !== r.model) addField(m, [other.idParam, 'String', { optional: true }]);
    }
  }

  for (const m of models.values()) if (m.delegate !== 'tenant') relate(m.delegate, 'tenant', 'tenant', 'tenantId', false);
  relate('membership', 'user', 'user', 'userId', false);
  relate('subscription', 'plan', 'plan', 'planId', true);
  for (const domain of domains) {
    const [root, ...rest] = domain.resources;
    if (root.model === 'tenant' || root.model === 'user') continue;
    for (const r of rest) if (r.model !== root.model) relate(r.model, root.model, root.model, root.idParam, true);
  }

  // Extra columns last, so none takes a name a relation has.
  for (const m of models.values()) {
    const taken = new Set([...m.fields.keys(), ...m.relations.map((r) => r.name)]);
    const pool = EXTRA_FIELDS.filter(([name]) => !taken.has(name));
    const start = hashOf(m.delegate) % pool.length;
    for (let i = 0; i < 3; i++) addField(m, pool[(start + i * 5) % pool.length]);
  }
  for (const m of models.values()) {
    const names = [...m.fields.keys(), ...m.relations.map((r) => r.name)];
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new Error(`schema: model ${m.name} has two fields named ${duplicate}`);
    m.scalars = [...m.fields.values()];
    m.fks = new Set(m.relations.filter((r) => r.kind === 'one').map((r) => r.fk));
    m.ones = m.relations.filter((r) => r.kind === 'one');
    m.manys = m.relations.filter((r) => r.kind === 'many');
    m.uniques = m.scalars.filter((f) => f.unique).map((f) => f.name);
  }
  return [...models.values()];
}

// ─── schema.prisma ──────────────────────────────────────────────────────────────────────────────────

export function schemaPrisma(models) {
  const byDelegate = new Map(models.map((m) => [m.delegate, m]));
  const out = [
    'generator client {',
    '  provider = "prisma-client-js"',
    '}',
    '',
    'datasource db {',
    '  provider = "postgresql"',
    '  url      = env("DATABASE_URL")',
    '}',
  ];
  for (const m of models) {
    out.push('', `model ${m.name} {`);
    for (const f of m.scalars) {
      const attrs = [];
      if (f.id) attrs.push('@id');
      if (f.unique) attrs.push('@unique');
      if (f.default) attrs.push(`@default(${f.default})`);
      if (f.updatedAt) attrs.push('@updatedAt');
      out.push(`  ${f.name.padEnd(16)} ${(f.type + (f.optional ? '?' : '')).padEnd(10)} ${attrs.join(' ')}`.trimEnd());
    }
    for (const r of m.relations) {
      const target = byDelegate.get(r.target).name;
      if (r.kind === 'many') out.push(`  ${r.name.padEnd(16)} ${target}[]`);
      else out.push(`  ${r.name.padEnd(16)} ${(target + (r.optional ? '?' : '')).padEnd(10)} @relation(fields: [${r.fk}], references: [id])`);
    }
    out.push('', '  @@unique([tenantId, externalId])', '  @@index([tenantId, createdAt])', '}');
  }
  return `${out.join('\n')}\n`;
}

// ─── the generated client ───────────────────────────────────────────────────────────────────────────

const OUTPUT = { String: 'string', Int: 'number', Boolean: 'boolean', DateTime: 'Date', Json: 'JsonValue' };
const INPUT = { String: 'string', Int: 'number', Boolean: 'boolean', DateTime: 'Date | string', Json: 'InputJsonValue' };
const FILTER = { String: 'String', Int: 'Int', Boolean: 'Bool', DateTime: 'DateTime', Json: 'Json' };

const outputType = (f) => `${OUTPUT[f.type]}${f.optional ? ' | null' : ''}`;
const isNullable = (f) => f.optional;
/** Optional in create inputs: nullable, defaulted or generated. */
const optionalOnCreate = (f) => f.optional || f.default !== undefined || f.updatedAt;

function whereFilter(m, f) {
  if (f.type === 'Json') return `JsonNullableFilter<"${m.name}">`;
  const filter = `${FILTER[f.type]}${isNullable(f) ? 'Nullable' : ''}Filter<"${m.name}">`;
  return `${filter} | ${INPUT[f.type]}${isNullable(f) ? ' | null' : ''}`;
}

function withAggregatesFilter(m, f) {
  if (f.type === 'Json') return `JsonNullableWithAggregatesFilter<"${m.name}">`;
  return `${FILTER[f.type]}${isNullable(f) ? 'Nullable' : ''}WithAggregatesFilter<"${m.name}"> | ${INPUT[f.type]}${isNullable(f) ? ' | null' : ''}`;
}

function createValue(f) {
  if (f.type === 'Json') return 'NullableJsonNullValueInput | InputJsonValue';
  return `${INPUT[f.type]}${f.optional ? ' | null' : ''}`;
}

function updateValue(f) {
  if (f.type === 'Json') return 'NullableJsonNullValueInput | InputJsonValue';
  const ops = `${f.optional ? 'Nullable' : ''}${{ String: 'String', Int: 'Int', Boolean: 'Bool', DateTime: 'DateTime' }[f.type]}FieldUpdateOperationsInput`;
  return `${ops} | ${INPUT[f.type]}${f.optional ? ' | null' : ''}`;
}

const objectType = (name, lines, generic = '') => [`  export type ${name}${generic} = {`, ...lines.map((l) => `    ${l}`), '  }', ''];

/**
 * The fields of an input object type of model `m`. `kind`: create | uncheckedCreate | update | uncheckedUpdate |
 * createMany | updateManyMutation | uncheckedUpdateMany. `without` leaves out one relation (and, in unchecked kinds,
 * its foreign key): the nested inputs of a relation never repeat it. `lists` keeps the list relations.
 */
function inputFields(m, kind, { without = null, lists = true } = {}) {
  const unchecked = kind.startsWith('unchecked') || kind === 'createMany';
  const creating = kind === 'create' || kind === 'uncheckedCreate' || kind === 'createMany';
  const withoutFk = without ? m.ones.find((r) => r.name === without)?.fk : null;
  const lines = [];
  for (const f of m.scalars) {
    if (f.name === withoutFk) continue;
    if (!unchecked && m.fks.has(f.name)) continue;
    lines.push(creating ? `${f.name}${optionalOnCreate(f) ? '?' : ''}: ${createValue(f)}` : `${f.name}?: ${updateValue(f)}`);
  }
  if (kind === 'createMany' || kind === 'updateManyMutation' || kind === 'uncheckedUpdateMany') return lines;
  if (!unchecked) {
    for (const r of m.ones) {
      if (r.name === without) continue;
      const T = cap(r.target);
      lines.push(
        kind === 'create'
          ? `${r.name}${r.optional ? '?' : ''}: ${T}CreateNestedOneWithout${cap(r.back)}Input`
          : `${r.name}?: ${T}UpdateOne${r.optional ? '' : 'Required'}Without${cap(r.back)}NestedInput`,
      );
    }
  }
  if (lists) {
    for (const r of m.manys) {
      if (r.name === without) continue;
      const T = cap(r.target);
      const prefix = unchecked ? 'Unchecked' : '';
      lines.push(
        creating
          ? `${r.name}?: ${T}${prefix}CreateNestedManyWithout${cap(r.back)}Input`
          : `${r.name}?: ${T}${prefix}UpdateManyWithout${cap(r.back)}NestedInput`,
      );
    }
  }
  return lines;
}

function whereInputFields(m, self) {
  const lines = [`AND?: ${self} | ${self}[]`, `OR?: ${self}[]`, `NOT?: ${self} | ${self}[]`];
  for (const f of m.scalars) lines.push(`${f.name}?: ${whereFilter(m, f)}`);
  return lines;
}

function relationWhereFields(m) {
  const lines = [];
  for (const r of m.ones) {
    const T = cap(r.target);
    lines.push(r.optional ? `${r.name}?: XOR<${T}NullableScalarRelationFilter, ${T}WhereInput> | null` : `${r.name}?: XOR<${T}ScalarRelationFilter, ${T}WhereInput>`);
  }
  for (const r of m.manys) lines.push(`${r.name}?: ${cap(r.target)}ListRelationFilter`);
  return lines;
}

function modelTypes(m) {
  const M = m.name;
  const ints = m.scalars.filter((f) => f.type === 'Int');
  const ordered = m.scalars.filter((f) => f.type !== 'Json');
  const uniqueKeys = ['id', ...m.uniques.filter((u) => u !== 'id'), 'tenantId_externalId'];
  const out = [];

  // Aggregates.
  out.push(
    ...objectType(`Aggregate${M}`, [
      `_count: ${M}CountAggregateOutputType | null`,
      `_avg: ${M}AvgAggregateOutputType | null`,
      `_sum: ${M}SumAggregateOutputType | null`,
      `_min: ${M}MinAggregateOutputType | null`,
      `_max: ${M}MaxAggregateOutputType | null`,
    ]),
    ...objectType(`${M}AvgAggregateOutputType`, ints.map((f) => `${f.name}: number | null`)),
    ...objectType(`${M}SumAggregateOutputType`, ints.map((f) => `${f.name}: number | null`)),
    ...objectType(`${M}MinAggregateOutputType`, ordered.map((f) => `${f.name}: ${OUTPUT[f.type]} | null`)),
    ...objectType(`${M}MaxAggregateOutputType`, ordered.map((f) => `${f.name}: ${OUTPUT[f.type]} | null`)),
    ...objectType(`${M}CountAggregateOutputType`, [...m.scalars.map((f) => `${f.name}: number`), '_all: number']),
    ...objectType(`${M}AvgAggregateInputType`, ints.map((f) => `${f.name}?: true`)),
    ...objectType(`${M}SumAggregateInputType`, ints.map((f) => `${f.name}?: true`)),
    ...objectType(`${M}MinAggregateInputType`, ordered.map((f) => `${f.name}?: true`)),
    ...objectType(`${M}MaxAggregateInputType`, ordered.map((f) => `${f.name}?: true`)),
    ...objectType(`${M}CountAggregateInputType`, [...m.scalars.map((f) => `${f.name}?: true`), '_all?: true']),
    ...objectType(`${M}AggregateArgs`, [
      `where?: ${M}WhereInput`,
      `orderBy?: ${M}OrderByWithRelationInput | ${M}OrderByWithRelationInput[]`,
      `cursor?: ${M}WhereUniqueInput`,
      'take?: number',
      'skip?: number',
      `_count?: true | ${M}CountAggregateInputType`,
      `_avg?: ${M}AvgAggregateInputType`,
      `_sum?: ${M}SumAggregateInputType`,
      `_min?: ${M}MinAggregateInputType`,
      `_max?: ${M}MaxAggregateInputType`,
    ]),
    `  export type Get${M}AggregateType<T extends ${M}AggregateArgs> = {`,
    `    [P in keyof T & keyof Aggregate${M}]: P extends '_count' | 'count'`,
    '      ? T[P] extends true',
    '        ? number',
    `        : GetScalarType<T[P], Aggregate${M}[P]>`,
    `      : GetScalarType<T[P], Aggregate${M}[P]>`,
    '  }',
    '',
    ...objectType(`${M}GroupByArgs`, [
      `where?: ${M}WhereInput`,
      `orderBy?: ${M}OrderByWithAggregationInput | ${M}OrderByWithAggregationInput[]`,
      `by: ${M}ScalarFieldEnum[] | ${M}ScalarFieldEnum`,
      `having?: ${M}ScalarWhereWithAggregatesInput`,
      'take?: number',
      'skip?: number',
      `_count?: ${M}CountAggregateInputType | true`,
      `_avg?: ${M}AvgAggregateInputType`,
      `_sum?: ${M}SumAggregateInputType`,
      `_min?: ${M}MinAggregateInputType`,
      `_max?: ${M}MaxAggregateInputType`,
    ]),
    ...objectType(`${M}GroupByOutputType`, [
      ...m.scalars.map((f) => `${f.name}: ${outputType(f)}`),
      `_count: ${M}CountAggregateOutputType | null`,
      `_avg: ${M}AvgAggregateOutputType | null`,
      `_sum: ${M}SumAggregateOutputType | null`,
      `_min: ${M}MinAggregateOutputType | null`,
      `_max: ${M}MaxAggregateOutputType | null`,
    ]),
    `  type Get${M}GroupByPayload<T extends ${M}GroupByArgs> = PrismaPromise<`,
    '    Array<',
    `      PickEnumerable<${M}GroupByOutputType, T['by']> & {`,
    `        [P in keyof T & keyof ${M}GroupByOutputType]: P extends '_count'`,
    '          ? T[P] extends boolean',
    '            ? number',
    `            : GetScalarType<T[P], ${M}GroupByOutputType[P]>`,
    `          : GetScalarType<T[P], ${M}GroupByOutputType[P]>`,
    '      }',
    '    >',
    '  >',
    '',
  );

  // Select, include, payload.
  const relationSelect = [
    ...m.ones.map((r) => `${r.name}?: boolean | ${cap(r.target)}DefaultArgs`),
    ...m.manys.map((r) => `${r.name}?: boolean | ${M}$${r.name}Args`),
    ...(m.manys.length > 0 ? [`_count?: boolean | ${M}CountOutputTypeDefaultArgs`] : []),
  ];
  out.push(
    ...objectType(`${M}Select`, [...m.scalars.map((f) => `${f.name}?: boolean`), ...relationSelect]),
    ...objectType(`${M}Include`, relationSelect),
    ...objectType(`${M}DefaultArgs`, [`select?: ${M}Select | null`, `include?: ${M}Include | null`]),
  );
  const branch = (key) => [
    ...m.ones.map((r) => `P extends '${r.name}' ? ${cap(r.target)}GetPayload<S['${key}'][P]>${r.optional ? ' | null' : ''} :`),
    ...m.manys.map((r) => `P extends '${r.name}' ? Array<${cap(r.target)}GetPayload<S['${key}'][P]>> :`),
    ...(m.manys.length > 0 ? [`P extends '_count' ? ${M}CountOutputTypeGetPayload<S['${key}'][P]> :`] : []),
  ];
  out.push(
    `  export type ${M}GetPayload<S extends boolean | null | undefined | ${M}DefaultArgs> =`,
    "    S extends { select: any; include: any } ? 'Please either choose `select` or `include`' :",
    `    S extends true ? ${M} :`,
    '    S extends undefined ? never :',
    `    S extends { include: any } & (${M}DefaultArgs | ${M}FindManyArgs)`,
    `    ? ${M} & {`,
    "        [P in TruthyKeys<S['include']>]:",
    ...branch('include').map((l) => `          ${l}`),
    '          never',
    '      }',
    `    : S extends { select: any } & (${M}DefaultArgs | ${M}FindManyArgs)`,
    '      ? {',
    "          [P in TruthyKeys<S['select']>]:",
    ...branch('select').map((l) => `            ${l}`),
    `            P extends keyof ${M} ? ${M}[P] : never`,
    '        }',
    `      : ${M}`,
    '',
  );
  if (m.manys.length > 0) {
    out.push(
      ...objectType(`${M}CountOutputType`, m.manys.map((r) => `${r.name}: number`)),
      ...objectType(`${M}CountOutputTypeSelect`, m.manys.map((r) => `${r.name}?: boolean | ${M}CountOutputTypeCount${cap(r.name)}Args`)),
      ...objectType(`${M}CountOutputTypeDefaultArgs`, [`select?: ${M}CountOutputTypeSelect | null`]),
      ...m.manys.flatMap((r) => objectType(`${M}CountOutputTypeCount${cap(r.name)}Args`, [`where?: ${cap(r.target)}WhereInput`])),
      `  export type ${M}CountOutputTypeGetPayload<S extends boolean | null | undefined | ${M}CountOutputTypeDefaultArgs> =`,
      `    S extends true ? ${M}CountOutputType :`,
      '    S extends undefined ? never :',
      `    S extends { select: any } & ${M}CountOutputTypeDefaultArgs`,
      `    ? { [P in TruthyKeys<S['select']>]: P extends keyof ${M}CountOutputType ? ${M}CountOutputType[P] : never }`,
      `    : ${M}CountOutputType`,
      '',
    );
  }

  // The delegate and the fluent client of one row.
  const argsOf = (name) => `${M}${name}Args`;
  const readArgs = (where) => [
    `select?: ${M}Select | null`,
    `include?: ${M}Include | null`,
    ...where,
  ];
  const listArgs = [
    `where?: ${M}WhereInput`,
    `orderBy?: ${M}OrderByWithRelationInput | ${M}OrderByWithRelationInput[]`,
    `cursor?: ${M}WhereUniqueInput`,
    'take?: number',
    'skip?: number',
    `distinct?: ${M}ScalarFieldEnum | ${M}ScalarFieldEnum[]`,
  ];
  out.push(
    `  export interface ${M}Delegate {`,
    `    /** Find zero or one ${M} that matches the filter. */`,
    `    findUnique<T extends ${argsOf('FindUnique')}>(args: SelectSubset<T, ${argsOf('FindUnique')}>): Prisma__${M}Client<${M}GetPayload<T> | null, null>`,
    `    findUniqueOrThrow<T extends ${argsOf('FindUniqueOrThrow')}>(args: SelectSubset<T, ${argsOf('FindUniqueOrThrow')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    /** Find the first ${M} that matches the filter. */`,
    `    findFirst<T extends ${argsOf('FindFirst')}>(args?: SelectSubset<T, ${argsOf('FindFirst')}>): Prisma__${M}Client<${M}GetPayload<T> | null, null>`,
    `    findFirstOrThrow<T extends ${argsOf('FindFirstOrThrow')}>(args?: SelectSubset<T, ${argsOf('FindFirstOrThrow')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    /** Find zero or more ${M}s that match the filter. */`,
    `    findMany<T extends ${argsOf('FindMany')}>(args?: SelectSubset<T, ${argsOf('FindMany')}>): PrismaPromise<Array<${M}GetPayload<T>>>`,
    `    create<T extends ${argsOf('Create')}>(args: SelectSubset<T, ${argsOf('Create')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    createMany<T extends ${argsOf('CreateMany')}>(args?: SelectSubset<T, ${argsOf('CreateMany')}>): PrismaPromise<BatchPayload>`,
    `    delete<T extends ${argsOf('Delete')}>(args: SelectSubset<T, ${argsOf('Delete')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    update<T extends ${argsOf('Update')}>(args: SelectSubset<T, ${argsOf('Update')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    deleteMany<T extends ${argsOf('DeleteMany')}>(args?: SelectSubset<T, ${argsOf('DeleteMany')}>): PrismaPromise<BatchPayload>`,
    `    updateMany<T extends ${argsOf('UpdateMany')}>(args: SelectSubset<T, ${argsOf('UpdateMany')}>): PrismaPromise<BatchPayload>`,
    `    upsert<T extends ${argsOf('Upsert')}>(args: SelectSubset<T, ${argsOf('Upsert')}>): Prisma__${M}Client<${M}GetPayload<T>>`,
    `    count<T extends ${M}CountArgs>(`,
    `      args?: Subset<T, ${M}CountArgs>,`,
    '    ): PrismaPromise<',
    "      T extends _Record<'select', any>",
    "        ? T['select'] extends true",
    '          ? number',
    `          : GetScalarType<T['select'], ${M}CountAggregateOutputType>`,
    '        : number',
    '    >',
    `    aggregate<T extends ${M}AggregateArgs>(args: Subset<T, ${M}AggregateArgs>): PrismaPromise<Get${M}AggregateType<T>>`,
    '    groupBy<',
    `      T extends ${M}GroupByArgs,`,
    "      HasSelectOrTake extends Or<Extends<'skip', Keys<T>>, Extends<'take', Keys<T>>>,",
    '      OrderByArg extends True extends HasSelectOrTake',
    `        ? { orderBy: ${M}GroupByArgs['orderBy'] }`,
    `        : { orderBy?: ${M}GroupByArgs['orderBy'] },`,
    "      OrderFields extends ExcludeUnderscoreKeys<Keys<MaybeTupleToUnion<T['orderBy']>>>,",
    "      ByFields extends MaybeTupleToUnion<T['by']>,",
    '      ByValid extends Has<ByFields, OrderFields>,',
    "      HavingFields extends GetHavingFields<T['having']>,",
    '      HavingValid extends Has<ByFields, HavingFields>,',
    "      ByEmpty extends T['by'] extends never[] ? True : False,",
    '      InputErrors extends ByEmpty extends True',
    '        ? `Error: "by" must not be empty.`',
    '        : HavingValid extends False',
    '          ? {',
    '              [P in HavingFields]: P extends ByFields',
    '                ? never',
    '                : P extends string',
    '                  ? `Error: Field "${P}" used in "having" needs to be provided in "by".`',
    '                  : [Error, "Field ", P, ` in "having" needs to be provided in "by"`]',
    '            }[HavingFields]',
    "          : 'take' extends Keys<T>",
    "            ? 'orderBy' extends Keys<T>",
    '              ? ByValid extends True',
    '                ? {}',
    '                : {',
    '                    [P in OrderFields]: P extends ByFields ? never : `Error: Field "${P}" in "orderBy" needs to be provided in "by"`',
    '                  }[OrderFields]',
    '              : \'Error: If you provide "take", you also need to provide "orderBy"\'',
    "            : 'skip' extends Keys<T>",
    "              ? 'orderBy' extends Keys<T>",
    '                ? ByValid extends True',
    '                  ? {}',
    '                  : {',
    '                      [P in OrderFields]: P extends ByFields ? never : `Error: Field "${P}" in "orderBy" needs to be provided in "by"`',
    '                    }[OrderFields]',
    '                : \'Error: If you provide "skip", you also need to provide "orderBy"\'',
    '              : ByValid extends True',
    '                ? {}',
    '                : {',
    '                    [P in OrderFields]: P extends ByFields ? never : `Error: Field "${P}" in "orderBy" needs to be provided in "by"`',
    '                  }[OrderFields],',
    `    >(args: SubsetIntersection<T, ${M}GroupByArgs, OrderByArg> & InputErrors): {} extends InputErrors ? Get${M}GroupByPayload<T> : PrismaPromise<InputErrors>`,
    `    readonly fields: ${M}FieldRefs`,
    '  }',
    '',
    `  export interface Prisma__${M}Client<T, Null = never> extends PrismaPromise<T> {`,
    "    readonly [Symbol.toStringTag]: 'PrismaPromise'",
    ...m.ones.map(
      (r) =>
        `    ${r.name}<T extends ${cap(r.target)}DefaultArgs = {}>(args?: Subset<T, ${cap(r.target)}DefaultArgs>): Prisma__${cap(r.target)}Client<${cap(r.target)}GetPayload<T> | ${r.optional ? 'null' : 'Null'}, ${r.optional ? 'null' : 'Null'}>`,
    ),
    ...m.manys.map(
      (r) => `    ${r.name}<T extends ${M}$${r.name}Args = {}>(args?: Subset<T, ${M}$${r.name}Args>): PrismaPromise<Array<${cap(r.target)}GetPayload<T>> | Null>`,
    ),
    '    then<TResult1 = T, TResult2 = never>(',
    '      onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,',
    '      onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null,',
    '    ): Promise<TResult1 | TResult2>',
    '    catch<TResult = never>(onrejected?: ((reason: any) => TResult | PromiseLike<TResult>) | undefined | null): Promise<T | TResult>',
    '    finally(onfinally?: (() => void) | undefined | null): Promise<T>',
    '  }',
    '',
    `  export interface ${M}FieldRefs {`,
    ...m.scalars.map((f) => `    readonly ${f.name}: FieldRef<"${M}", '${f.type}'>`),
    '  }',
    '',
  );

  // Arguments of each operation.
  out.push(
    ...objectType(argsOf('FindUnique'), readArgs([`where: ${M}WhereUniqueInput`])),
    ...objectType(argsOf('FindUniqueOrThrow'), readArgs([`where: ${M}WhereUniqueInput`])),
    ...objectType(argsOf('FindFirst'), readArgs(listArgs)),
    ...objectType(argsOf('FindFirstOrThrow'), readArgs(listArgs)),
    ...objectType(argsOf('FindMany'), readArgs(listArgs)),
    ...objectType(argsOf('Create'), readArgs([`data: XOR<${M}CreateInput, ${M}UncheckedCreateInput>`])),
    ...objectType(argsOf('CreateMany'), [`data: ${M}CreateManyInput | ${M}CreateManyInput[]`, 'skipDuplicates?: boolean']),
    ...objectType(argsOf('Update'), readArgs([`data: XOR<${M}UpdateInput, ${M}UncheckedUpdateInput>`, `where: ${M}WhereUniqueInput`])),
    ...objectType(argsOf('UpdateMany'), [`data: XOR<${M}UpdateManyMutationInput, ${M}UncheckedUpdateManyInput>`, `where?: ${M}WhereInput`]),
    ...objectType(
      argsOf('Upsert'),
      readArgs([
        `where: ${M}WhereUniqueInput`,
        `create: XOR<${M}CreateInput, ${M}UncheckedCreateInput>`,
        `update: XOR<${M}UpdateInput, ${M}UncheckedUpdateInput>`,
      ]),
    ),
    ...objectType(argsOf('Delete'), readArgs([`where: ${M}WhereUniqueInput`])),
    ...objectType(argsOf('DeleteMany'), [`where?: ${M}WhereInput`]),
    `  export type ${M}CountArgs = Omit<${M}FindManyArgs, 'select' | 'include' | 'distinct'> & {`,
    `    select?: ${M}CountAggregateInputType | true`,
    '  }',
    '',
    ...m.manys.flatMap((r) =>
      objectType(`${M}$${r.name}Args`, [
        `select?: ${cap(r.target)}Select | null`,
        `include?: ${cap(r.target)}Include | null`,
        `where?: ${cap(r.target)}WhereInput`,
        `orderBy?: ${cap(r.target)}OrderByWithRelationInput | ${cap(r.target)}OrderByWithRelationInput[]`,
        `cursor?: ${cap(r.target)}WhereUniqueInput`,
        'take?: number',
        'skip?: number',
        `distinct?: ${cap(r.target)}ScalarFieldEnum | ${cap(r.target)}ScalarFieldEnum[]`,
      ]),
    ),
  );

  // Filters and ordering.
  out.push(
    ...objectType(`${M}WhereInput`, [...whereInputFields(m, `${M}WhereInput`), ...relationWhereFields(m)]),
    ...objectType(`${M}ScalarWhereInput`, whereInputFields(m, `${M}ScalarWhereInput`)),
    ...objectType(`${M}ScalarWhereWithAggregatesInput`, [
      `AND?: ${M}ScalarWhereWithAggregatesInput | ${M}ScalarWhereWithAggregatesInput[]`,
      `OR?: ${M}ScalarWhereWithAggregatesInput[]`,
      `NOT?: ${M}ScalarWhereWithAggregatesInput | ${M}ScalarWhereWithAggregatesInput[]`,
      ...m.scalars.map((f) => `${f.name}?: ${withAggregatesFilter(m, f)}`),
    ]),
    `  export type ${M}WhereUniqueInput = AtLeast<`,
    '    {',
    ...uniqueKeys.map((k) =>
      k === 'tenantId_externalId' ? `      tenantId_externalId?: ${M}TenantIdExternalIdCompoundUniqueInput` : `      ${k}?: string`,
    ),
    ...whereInputFields(m, `${M}WhereInput`)
      .filter((l) => !uniqueKeys.includes(l.slice(0, l.indexOf('?'))))
      .map((l) => `      ${l}`),
    ...relationWhereFields(m).map((l) => `      ${l}`),
    '    },',
    `    ${uniqueKeys.map((k) => `'${k}'`).join(' | ')}`,
    '  >',
    '',
    ...objectType(`${M}TenantIdExternalIdCompoundUniqueInput`, ['tenantId: string', 'externalId: string']),
    ...objectType(`${M}OrderByWithRelationInput`, [
      ...m.scalars.map((f) => `${f.name}?: ${isNullable(f) ? 'SortOrder | SortOrderInput' : 'SortOrder'}`),
      ...m.ones.map((r) => `${r.name}?: ${cap(r.target)}OrderByWithRelationInput`),
      ...m.manys.map((r) => `${r.name}?: ${cap(r.target)}OrderByRelationAggregateInput`),
    ]),
    ...objectType(`${M}OrderByWithAggregationInput`, [
      ...m.scalars.map((f) => `${f.name}?: ${isNullable(f) ? 'SortOrder | SortOrderInput' : 'SortOrder'}`),
      `_count?: ${M}CountOrderByAggregateInput`,
      `_avg?: ${M}AvgOrderByAggregateInput`,
      `_max?: ${M}MaxOrderByAggregateInput`,
      `_min?: ${M}MinOrderByAggregateInput`,
      `_sum?: ${M}SumOrderByAggregateInput`,
    ]),
    ...objectType(`${M}CountOrderByAggregateInput`, m.scalars.map((f) => `${f.name}?: SortOrder`)),
    ...objectType(`${M}AvgOrderByAggregateInput`, ints.map((f) => `${f.name}?: SortOrder`)),
    ...objectType(`${M}MaxOrderByAggregateInput`, ordered.map((f) => `${f.name}?: SortOrder`)),
    ...objectType(`${M}MinOrderByAggregateInput`, ordered.map((f) => `${f.name}?: SortOrder`)),
    ...objectType(`${M}SumOrderByAggregateInput`, ints.map((f) => `${f.name}?: SortOrder`)),
    ...objectType(`${M}ScalarRelationFilter`, [`is?: ${M}WhereInput`, `isNot?: ${M}WhereInput`]),
    ...objectType(`${M}NullableScalarRelationFilter`, [`is?: ${M}WhereInput | null`, `isNot?: ${M}WhereInput | null`]),
    ...objectType(`${M}ListRelationFilter`, [`every?: ${M}WhereInput`, `some?: ${M}WhereInput`, `none?: ${M}WhereInput`]),
    ...objectType(`${M}OrderByRelationAggregateInput`, ['_count?: SortOrder']),
  );

  // Create and update inputs.
  out.push(
    ...objectType(`${M}CreateInput`, inputFields(m, 'create')),
    ...objectType(`${M}UncheckedCreateInput`, inputFields(m, 'uncheckedCreate')),
    ...objectType(`${M}UpdateInput`, inputFields(m, 'update')),
    ...objectType(`${M}UncheckedUpdateInput`, inputFields(m, 'uncheckedUpdate')),
    ...objectType(`${M}CreateManyInput`, inputFields(m, 'createMany')),
    ...objectType(`${M}UpdateManyMutationInput`, inputFields(m, 'updateManyMutation')),
    ...objectType(`${M}UncheckedUpdateManyInput`, inputFields(m, 'uncheckedUpdateMany')),
  );

  // Nested writes through the relations of this model to one other row (credit note → its invoice): the inputs
  // that create or update this model as the "many" side, from the parent.
  for (const r of m.ones) {
    const W = `Without${cap(r.name)}`;
    out.push(
      ...objectType(`${M}CreateNestedManyWithout${cap(r.name)}Input`, [
        `create?: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input> | ${M}Create${W}Input[] | ${M}UncheckedCreate${W}Input[]`,
        `connectOrCreate?: ${M}CreateOrConnect${W}Input | ${M}CreateOrConnect${W}Input[]`,
        `createMany?: ${M}CreateMany${cap(r.name)}InputEnvelope`,
        `connect?: ${M}WhereUniqueInput | ${M}WhereUniqueInput[]`,
      ]),
      `  export type ${M}UncheckedCreateNestedManyWithout${cap(r.name)}Input = ${M}CreateNestedManyWithout${cap(r.name)}Input`,
      '',
      ...objectType(`${M}Create${W}Input`, inputFields(m, 'create', { without: r.name })),
      ...objectType(`${M}UncheckedCreate${W}Input`, inputFields(m, 'uncheckedCreate', { without: r.name })),
      ...objectType(`${M}CreateOrConnect${W}Input`, [`where: ${M}WhereUniqueInput`, `create: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`]),
      ...objectType(`${M}CreateMany${cap(r.name)}InputEnvelope`, [`data: ${M}CreateMany${cap(r.name)}Input | ${M}CreateMany${cap(r.name)}Input[]`, 'skipDuplicates?: boolean']),
      ...objectType(`${M}CreateMany${cap(r.name)}Input`, inputFields(m, 'createMany', { without: r.name })),
      ...objectType(`${M}UpdateManyWithout${cap(r.name)}NestedInput`, [
        `create?: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input> | ${M}Create${W}Input[] | ${M}UncheckedCreate${W}Input[]`,
        `connectOrCreate?: ${M}CreateOrConnect${W}Input | ${M}CreateOrConnect${W}Input[]`,
        `upsert?: ${M}UpsertWithWhereUnique${W}Input | ${M}UpsertWithWhereUnique${W}Input[]`,
        `createMany?: ${M}CreateMany${cap(r.name)}InputEnvelope`,
        `set?: ${M}WhereUniqueInput | ${M}WhereUniqueInput[]`,
        `disconnect?: ${M}WhereUniqueInput | ${M}WhereUniqueInput[]`,
        `delete?: ${M}WhereUniqueInput | ${M}WhereUniqueInput[]`,
        `connect?: ${M}WhereUniqueInput | ${M}WhereUniqueInput[]`,
        `update?: ${M}UpdateWithWhereUnique${W}Input | ${M}UpdateWithWhereUnique${W}Input[]`,
        `updateMany?: ${M}UpdateManyWithWhere${W}Input | ${M}UpdateManyWithWhere${W}Input[]`,
        `deleteMany?: ${M}ScalarWhereInput | ${M}ScalarWhereInput[]`,
      ]),
      `  export type ${M}UncheckedUpdateManyWithout${cap(r.name)}NestedInput = ${M}UpdateManyWithout${cap(r.name)}NestedInput`,
      '',
      ...objectType(`${M}UpsertWithWhereUnique${W}Input`, [
        `where: ${M}WhereUniqueInput`,
        `update: XOR<${M}Update${W}Input, ${M}UncheckedUpdate${W}Input>`,
        `create: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`,
      ]),
      ...objectType(`${M}UpdateWithWhereUnique${W}Input`, [`where: ${M}WhereUniqueInput`, `data: XOR<${M}Update${W}Input, ${M}UncheckedUpdate${W}Input>`]),
      ...objectType(`${M}UpdateManyWithWhere${W}Input`, [`where: ${M}ScalarWhereInput`, `data: XOR<${M}UpdateManyMutationInput, ${M}UncheckedUpdateMany${W}Input>`]),
      ...objectType(`${M}Update${W}Input`, inputFields(m, 'update', { without: r.name })),
      ...objectType(`${M}UncheckedUpdate${W}Input`, inputFields(m, 'uncheckedUpdate', { without: r.name })),
      ...objectType(`${M}UncheckedUpdateMany${W}Input`, inputFields(m, 'uncheckedUpdateMany', { without: r.name })),
    );
  }

  // Nested writes of this model as the "one" side, from a child (an invoice created inside its credit note). They
  // carry this model's scalars and to-one relations, not its lists: nested creates go one level deep here.
  for (const r of m.manys) {
    const W = `Without${cap(r.name)}`;
    out.push(
      ...objectType(`${M}UpdateOne${r.optional ? '' : 'Required'}${W}NestedInput`, [
        `create?: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`,
        `connectOrCreate?: ${M}CreateOrConnect${W}Input`,
        `upsert?: ${M}Upsert${W}Input`,
        ...(r.optional ? [`disconnect?: ${M}WhereInput | boolean`, `delete?: ${M}WhereInput | boolean`] : []),
        `connect?: ${M}WhereUniqueInput`,
        `update?: XOR<XOR<${M}UpdateToOneWithWhere${W}Input, ${M}Update${W}Input>, ${M}UncheckedUpdate${W}Input>`,
      ]),
    );
    out.push(
      ...objectType(`${M}CreateNestedOne${W}Input`, [
        `create?: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`,
        `connectOrCreate?: ${M}CreateOrConnect${W}Input`,
        `connect?: ${M}WhereUniqueInput`,
      ]),
      ...objectType(`${M}CreateOrConnect${W}Input`, [`where: ${M}WhereUniqueInput`, `create: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`]),
      ...objectType(`${M}Create${W}Input`, inputFields(m, 'create', { without: r.name, lists: false })),
      ...objectType(`${M}UncheckedCreate${W}Input`, inputFields(m, 'uncheckedCreate', { without: r.name, lists: false })),
      ...objectType(`${M}Upsert${W}Input`, [
        `update: XOR<${M}Update${W}Input, ${M}UncheckedUpdate${W}Input>`,
        `create: XOR<${M}Create${W}Input, ${M}UncheckedCreate${W}Input>`,
        `where?: ${M}WhereInput`,
      ]),
      ...objectType(`${M}UpdateToOneWithWhere${W}Input`, [`where?: ${M}WhereInput`, `data: XOR<${M}Update${W}Input, ${M}UncheckedUpdate${W}Input>`]),
      ...objectType(`${M}Update${W}Input`, inputFields(m, 'update', { without: r.name, lists: false })),
      ...objectType(`${M}UncheckedUpdate${W}Input`, inputFields(m, 'uncheckedUpdate', { without: r.name, lists: false })),
    );
  }

  out.push(
    `  export const ${M}ScalarFieldEnum: {`,
    ...m.scalars.map((f) => `    ${f.name}: '${f.name}'`),
    '  }',
    `  export type ${M}ScalarFieldEnum = (typeof ${M}ScalarFieldEnum)[keyof typeof ${M}ScalarFieldEnum]`,
    '',
  );
  return out;
}

/** What every client shares: filters, update operations, enums, the helper types its generics are built from. */
function sharedTypes() {
  const out = [];
  const scalarFilter = (name, ts, { nullable, ordered, text, generic = true }) => {
    const model = generic ? '<$PrismaModel = never>' : '';
    const ref = (t) => (generic ? `${t} | FieldRefInput<$PrismaModel, '${name.replace(/Nullable$/, '')}'>` : t);
    const value = `${ts}${nullable ? ' | null' : ''}`;
    const lines = [`equals?: ${ref(value)}`];
    if (name.startsWith('Bool')) {
      lines.push(`not?: Nested${name}Filter<$PrismaModel> | ${value}`);
      return lines;
    }
    lines.push(`in?: ${ts}[] | null`, `notIn?: ${ts}[] | null`);
    if (ordered) lines.push(`lt?: ${ref(ts)}`, `lte?: ${ref(ts)}`, `gt?: ${ref(ts)}`, `gte?: ${ref(ts)}`);
    if (text) lines.push(`contains?: ${ref(ts)}`, `startsWith?: ${ref(ts)}`, `endsWith?: ${ref(ts)}`);
    return lines;
  };
  const kinds = [
    ['String', 'string', { ordered: true, text: true }],
    ['Int', 'number', { ordered: true }],
    ['DateTime', 'Date | string', { ordered: true }],
    ['Bool', 'boolean', {}],
  ];
  for (const [base, ts, traits] of kinds) {
    for (const nullable of [false, true]) {
      const name = `${base}${nullable ? 'Nullable' : ''}`;
      const value = `${ts}${nullable ? ' | null' : ''}`;
      const core = scalarFilter(name, ts, { ...traits, nullable });
      const withMode = traits.text ? ['mode?: QueryMode'] : [];
      out.push(
        ...objectType(`${name}Filter`, [...core.filter((l) => !l.startsWith('not?')), ...withMode, `not?: Nested${name}Filter<$PrismaModel> | ${value}`], '<$PrismaModel = never>'),
        ...objectType(`Nested${name}Filter`, [...core.filter((l) => !l.startsWith('not?')), `not?: Nested${name}Filter<$PrismaModel> | ${value}`], '<$PrismaModel = never>'),
        ...objectType(
          `${name}WithAggregatesFilter`,
          [
            ...core.filter((l) => !l.startsWith('not?')),
            ...withMode,
            `not?: Nested${name}WithAggregatesFilter<$PrismaModel> | ${value}`,
            `_count?: NestedInt${nullable ? 'Nullable' : ''}Filter<$PrismaModel>`,
            ...(base === 'Int' ? [`_avg?: NestedFloatNullableFilter<$PrismaModel>`, `_sum?: NestedIntNullableFilter<$PrismaModel>`] : []),
            `_min?: Nested${name}Filter<$PrismaModel>`,
            `_max?: Nested${name}Filter<$PrismaModel>`,
          ],
          '<$PrismaModel = never>',
        ),
        ...objectType(
          `Nested${name}WithAggregatesFilter`,
          [
            ...core.filter((l) => !l.startsWith('not?')),
            `not?: Nested${name}WithAggregatesFilter<$PrismaModel> | ${value}`,
            `_count?: NestedInt${nullable ? 'Nullable' : ''}Filter<$PrismaModel>`,
            `_min?: Nested${name}Filter<$PrismaModel>`,
            `_max?: Nested${name}Filter<$PrismaModel>`,
          ],
          '<$PrismaModel = never>',
        ),
      );
    }
  }
  out.push(
    ...objectType(
      'NestedFloatNullableFilter',
      ['equals?: number | null', 'in?: number[] | null', 'notIn?: number[] | null', 'lt?: number', 'lte?: number', 'gt?: number', 'gte?: number', 'not?: NestedFloatNullableFilter<$PrismaModel> | number | null'],
      '<$PrismaModel = never>',
    ),
    ...objectType(
      'JsonNullableFilter',
      [
        'equals?: InputJsonValue | JsonNullValueFilter',
        'path?: string[]',
        'string_contains?: string',
        'string_starts_with?: string',
        'string_ends_with?: string',
        'array_contains?: InputJsonValue | null',
        'array_starts_with?: InputJsonValue | null',
        'array_ends_with?: InputJsonValue | null',
        'lt?: InputJsonValue',
        'lte?: InputJsonValue',
        'gt?: InputJsonValue',
        'gte?: InputJsonValue',
        'not?: InputJsonValue | JsonNullValueFilter',
      ],
      '<$PrismaModel = never>',
    ),
    `  export type JsonNullableWithAggregatesFilter<$PrismaModel = never> = JsonNullableFilter<$PrismaModel> & {`,
    '    _count?: NestedIntNullableFilter<$PrismaModel>',
    '    _min?: NestedJsonNullableFilter<$PrismaModel>',
    '    _max?: NestedJsonNullableFilter<$PrismaModel>',
    '  }',
    '  export type NestedJsonNullableFilter<$PrismaModel = never> = JsonNullableFilter<$PrismaModel>',
    '',
    ...objectType('StringFieldUpdateOperationsInput', ['set?: string']),
    ...objectType('NullableStringFieldUpdateOperationsInput', ['set?: string | null']),
    ...objectType('IntFieldUpdateOperationsInput', ['set?: number', 'increment?: number', 'decrement?: number', 'multiply?: number', 'divide?: number']),
    ...objectType('NullableIntFieldUpdateOperationsInput', ['set?: number | null', 'increment?: number', 'decrement?: number', 'multiply?: number', 'divide?: number']),
    ...objectType('DateTimeFieldUpdateOperationsInput', ['set?: Date | string']),
    ...objectType('NullableDateTimeFieldUpdateOperationsInput', ['set?: Date | string | null']),
    ...objectType('BoolFieldUpdateOperationsInput', ['set?: boolean']),
    ...objectType('NullableBoolFieldUpdateOperationsInput', ['set?: boolean | null']),
    ...objectType('SortOrderInput', ['sort: SortOrder', 'nulls?: NullsOrder']),
    "  export const SortOrder: { asc: 'asc'; desc: 'desc' }",
    '  export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder]',
    "  export const NullsOrder: { first: 'first'; last: 'last' }",
    '  export type NullsOrder = (typeof NullsOrder)[keyof typeof NullsOrder]',
    "  export const QueryMode: { default: 'default'; insensitive: 'insensitive' }",
    '  export type QueryMode = (typeof QueryMode)[keyof typeof QueryMode]',
    "  export const TransactionIsolationLevel: { ReadUncommitted: 'ReadUncommitted'; ReadCommitted: 'ReadCommitted'; RepeatableRead: 'RepeatableRead'; Serializable: 'Serializable' }",
    '  export type TransactionIsolationLevel = (typeof TransactionIsolationLevel)[keyof typeof TransactionIsolationLevel]',
    '  export const NullableJsonNullValueInput: { DbNull: typeof DbNull; JsonNull: typeof JsonNull }',
    '  export type NullableJsonNullValueInput = (typeof NullableJsonNullValueInput)[keyof typeof NullableJsonNullValueInput]',
    '  export const JsonNullValueFilter: { DbNull: typeof DbNull; JsonNull: typeof JsonNull; AnyNull: typeof AnyNull }',
    '  export type JsonNullValueFilter = (typeof JsonNullValueFilter)[keyof typeof JsonNullValueFilter]',
    "  export const DbNull: unique symbol",
    "  export const JsonNull: unique symbol",
    "  export const AnyNull: unique symbol",
    '',
    '  export type JsonObject = { [Key in string]?: JsonValue }',
    '  export interface JsonArray extends Array<JsonValue> {}',
    '  export type JsonValue = string | number | boolean | JsonObject | JsonArray | null',
    '  export type InputJsonObject = { readonly [Key in string]?: InputJsonValue | null }',
    '  export interface InputJsonArray extends ReadonlyArray<InputJsonValue | null> {}',
    '  export type InputJsonValue = string | number | boolean | InputJsonObject | InputJsonArray | { toJSON(): unknown }',
    '',
    '  export interface FieldRef<Model, FieldType> {',
    '    readonly modelName: Model',
    '    readonly name: string',
    '    readonly typeName: FieldType',
    '    readonly isList: boolean',
    '  }',
    '  export type FieldRefInput<Model, FieldType> = Model extends never ? never : FieldRef<Model, FieldType>',
    '',
    '  export type BatchPayload = { count: number }',
    '  export type Enumerable<T> = T | Array<T>',
    '  export type _Record<K extends keyof any, T> = { [P in K]: T }',
    '  type SelectAndInclude = { select: any; include: any }',
    '  /** Exact args: every key of T must be a key of U, so a misspelled option is an error at the call. */',
    '  export type SelectSubset<T, U> = { [key in keyof T]: key extends keyof U ? T[key] : never } & (T extends SelectAndInclude',
    "    ? 'Please either choose `select` or `include`.'",
    '    : {})',
    '  export type Subset<T, U> = { [key in keyof T]: key extends keyof U ? T[key] : never }',
    '  export type SubsetIntersection<T, U, K> = { [key in keyof T]: key extends keyof U ? T[key] : never } & K',
    '  type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never }',
    '  /** One of two input shapes, never a mix: the checked (relations) or the unchecked (foreign keys) form. */',
    '  export type XOR<T, U> = T extends object ? (U extends object ? (Without<T, U> & U) | (Without<U, T> & T) : U) : T',
    '  export type TruthyKeys<T> = keyof { [K in keyof T as T[K] extends false | undefined | null ? never : K]: K }',
    '  export type GetScalarType<T, O> = O extends object ? { [P in keyof T]: P extends keyof O ? O[P] : never } : never',
    '  type NoExpand<T> = T extends unknown ? T : never',
    '  export type AtLeast<O extends object, K extends string> = NoExpand<',
    '    O extends unknown',
    '      ? (K extends keyof O ? { [P in K]: O[P] } & O : O) | ({ [P in keyof O as P extends K ? K : never]-?: O[P] } & O)',
    '      : never',
    '  >',
    '  type Prisma__Pick<T, K extends keyof T> = { [P in K]: T[P] }',
    '  export type PickEnumerable<T, K extends Enumerable<keyof T> | keyof T> = Prisma__Pick<T, MaybeTupleToUnion<K>>',
    '  type _TupleToUnion<T> = T extends (infer E)[] ? E : never',
    '  type TupleToUnion<K extends readonly any[]> = _TupleToUnion<K>',
    '  export type MaybeTupleToUnion<T> = T extends any[] ? TupleToUnion<T> : T',
    '  export type True = 1',
    '  export type False = 0',
    '  export type Boolean = True | False',
    '  type Not<B extends Boolean> = { 0: 1; 1: 0 }[B]',
    '  export type Extends<A1, A2> = [A1] extends [never] ? 0 : A1 extends A2 ? 1 : 0',
    '  export type Has<U, U1> = Not<Extends<Exclude<U1, U>, U1>>',
    '  export type Or<B1 extends Boolean, B2 extends Boolean> = { 0: { 0: 0; 1: 1 }; 1: { 0: 1; 1: 1 } }[B1][B2]',
    '  export type Keys<U> = U extends unknown ? keyof U : never',
    '  export type ExcludeUnderscoreKeys<T extends string> = T extends `_${string}` ? never : T',
    '  type IsObject<T> = T extends Array<any> ? False : T extends Date ? False : T extends Uint8Array ? False : T extends object ? True : False',
    "  type FieldPaths<T, U = Omit<T, '_avg' | '_sum' | '_count' | '_min' | '_max'>> = IsObject<T> extends True ? U : T",
    '  type UnEnumerate<T> = T extends Array<infer U> ? U : T',
    '  export type GetHavingFields<T> = {',
    "    [K in keyof T]: Or<Or<Extends<'OR', K>, Extends<'AND', K>>, Extends<'NOT', K>> extends True",
    '      ? T[K] extends infer TK',
    '        ? GetHavingFields<UnEnumerate<TK> extends object ? UnEnumerate<TK> : never>',
    '        : never',
    '      : {} extends FieldPaths<T[K]>',
    '        ? never',
    '        : K',
    '  }[keyof T]',
    '',
    '  export type LogLevel = \'info\' | \'query\' | \'warn\' | \'error\'',
    "  export type LogDefinition = { level: LogLevel; emit: 'stdout' | 'event' }",
    '  export type GetLogType<T extends LogLevel | LogDefinition> = T extends LogDefinition ? (T[\'emit\'] extends \'event\' ? T[\'level\'] : never) : never',
    '  export type GetEvents<T extends any> = T extends Array<LogLevel | LogDefinition> ? GetLogType<T[0]> | GetLogType<T[1]> | GetLogType<T[2]> | GetLogType<T[3]> : never',
    '  export type QueryEvent = { timestamp: Date; query: string; params: string; duration: number; target: string }',
    '  export type LogEvent = { timestamp: Date; message: string; target: string }',
    '  export interface PrismaClientOptions {',
    '    datasources?: { db?: { url?: string } }',
    '    datasourceUrl?: string',
    "    errorFormat?: 'pretty' | 'colorless' | 'minimal'",
    '    log?: (LogLevel | LogDefinition)[]',
    '    transactionOptions?: { maxWait?: number; timeout?: number; isolationLevel?: TransactionIsolationLevel }',
    '  }',
    '',
    '  export class PrismaClientKnownRequestError extends Error {',
    '    code: string',
    '    meta?: Record<string, unknown>',
    '    clientVersion: string',
    '    constructor(message: string, options: { code: string; clientVersion: string; meta?: Record<string, unknown> })',
    '  }',
    '  export class PrismaClientValidationError extends Error {',
    '    clientVersion: string',
    '  }',
    '  export class Sql {',
    '    readonly values: unknown[]',
    '    readonly strings: string[]',
    '    get sql(): string',
    '  }',
    '  export function sql(strings: ReadonlyArray<string>, ...values: unknown[]): Sql',
    '',
  );
  return out;
}

/** `node_modules/.prisma/client/index.d.ts`: the client `prisma generate` writes for these models. */
export function prismaClientDts(models) {
  const out = [
    '/**',
    ' * Client',
    ' */',
    '',
    'export type PrismaPromise<T> = Prisma.PrismaPromise<T>',
    '',
  ];
  for (const m of models) {
    out.push(`/**`, ` * Model ${m.name}`, ' */', `export type ${m.name} = {`, ...m.scalars.map((f) => `  ${f.name}: ${outputType(f)}`), '}', '');
  }
  out.push(
    '/**',
    ' * ##  Prisma Client ʲˢ',
    ' *',
    ' * Type-safe database client for TypeScript & Node.js',
    ' * @example',
    ' * ```',
    ' * const prisma = new PrismaClient()',
    ` * const ${models[0].plural} = await prisma.${models[0].delegate}.findMany()`,
    ' * ```',
    ' */',
    'export declare class PrismaClient<',
    '  T extends Prisma.PrismaClientOptions = Prisma.PrismaClientOptions,',
    "  U = 'log' extends keyof T ? (T['log'] extends Array<Prisma.LogLevel | Prisma.LogDefinition> ? Prisma.GetEvents<T['log']> : never) : never,",
    '> {',
    '  constructor(optionsArg?: Prisma.Subset<T, Prisma.PrismaClientOptions>)',
    "  $on<V extends U | 'beforeExit'>(eventType: V, callback: (event: V extends 'query' ? Prisma.QueryEvent : V extends 'beforeExit' ? () => Promise<void> : Prisma.LogEvent) => void): void",
    '  $connect(): Promise<void>',
    '  $disconnect(): Promise<void>',
    '  $executeRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: any[]): Prisma.PrismaPromise<number>',
    '  $executeRawUnsafe<T = unknown>(query: string, ...values: any[]): Prisma.PrismaPromise<number>',
    '  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: any[]): Prisma.PrismaPromise<T>',
    '  $queryRawUnsafe<T = unknown>(query: string, ...values: any[]): Prisma.PrismaPromise<T>',
    '  $transaction<P extends Prisma.PrismaPromise<any>[]>(arg: [...P], options?: { isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<{ [K in keyof P]: Awaited<P[K]> }>',
    '  $transaction<R>(',
    "    fn: (prisma: Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$use'>) => Promise<R>,",
    '    options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },',
    '  ): Promise<R>',
    ...models.flatMap((m) => [`  /** \`prisma.${m.delegate}\`: exposes CRUD operations for the **${m.name}** model. */`, `  get ${m.delegate}(): Prisma.${m.name}Delegate`]),
    '}',
    '',
    'export namespace Prisma {',
    '  export interface PrismaPromise<T> extends Promise<T> {',
    "    [Symbol.toStringTag]: 'PrismaPromise'",
    '  }',
    '',
    '  export const ModelName: {',
    ...models.map((m) => `    ${m.name}: '${m.name}'`),
    '  }',
    '  export type ModelName = (typeof ModelName)[keyof typeof ModelName]',
    '',
    ...sharedTypes(),
    ...models.flatMap((m) => [`  /** Model ${m.name} */`, '', ...modelTypes(m)]),
    '}',
    '',
  );
  return `${out.join('\n')}\n`;
}

// ─── lib/ ───────────────────────────────────────────────────────────────────────────────────────────

const LIB_DB = `import { PrismaClient } from '@prisma/client'

// One client per process: Next.js reloads modules in development, and each PrismaClient holds a connection pool.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }

export const db: PrismaClient =
  globalForPrisma.prisma ??
  new PrismaClient({
    log: process.env.NODE_ENV === 'development' ? ['query', 'warn', 'error'] : ['error'],
  })

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = db

export type { Prisma } from '@prisma/client'
`;

const LIB_PAGINATION = `export interface Page<T> {
  items: T[]
  nextCursor: string | null
  hasMore: boolean
}

/** A page of at most \`limit\` items from \`limit + 1\` rows: the extra row only says that there is more. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const hasMore = rows.length > limit
  const items = rows.slice(0, limit)
  return { items, hasMore, nextCursor: hasMore ? (items[items.length - 1]?.id ?? null) : null }
}

export function cursorArgs(cursor: string | null | undefined): { cursor: { id: string }; skip: number } | Record<string, never> {
  return cursor ? { cursor: { id: cursor }, skip: 1 } : {}
}
`;

const LIB_ERRORS = `import { Prisma } from '@prisma/client'

export type DomainErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid'

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const STATUS: Record<DomainErrorCode, number> = { not_found: 404, forbidden: 403, conflict: 409, invalid: 422 }

export function statusOf(error: unknown): number {
  if (error instanceof DomainError) return STATUS[error.code]
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 409
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return 404
  return 500
}
`;

/** The lib module of one resource: the queries, serializer and policy of its model, all typed through Prisma. */
function resourceModule(m, resource) {
  const M = m.name;
  const v = m.delegate;
  const Plural = cap(resource.plural);
  const tenantRelation = m.ones.find((r) => r.name === 'tenant');
  const parent = m.ones.find((r) => r.name !== 'tenant' && r.name !== 'user' && r.name !== 'plan');
  const children = m.manys.slice(0, 2);
  const include = [
    ...(tenantRelation ? ["  tenant: { select: { id: true, name: true, slug: true } },"] : []),
    ...(parent ? [`  ${parent.name}: { select: { id: true, name: true, status: true } },`] : []),
    ...children.map((c) => `  ${c.name}: { where: { deletedAt: null }, orderBy: { createdAt: 'desc' }, take: 5, select: { id: true, name: true, status: true } },`),
    ...(m.manys.length > 0 ? [`  _count: { select: { ${m.manys.slice(0, 4).map((c) => `${c.name}: true`).join(', ')} } },`] : []),
  ];
  const hasInclude = include.length > 0;
  const rowType = hasInclude ? `${M}WithRelations` : M;
  const label = resource.label;
  const labels = resource.labels;
  const lines = [
    `import type { ${M}, Prisma } from '@prisma/client'`,
    "import { db } from '@/lib/db'",
    "import { DomainError } from '@/lib/errors'",
    "import { cursorArgs, pageOf, type Page } from '@/lib/pagination'",
    '',
  ];
  if (hasInclude) {
    lines.push(
      `/** What the ${labels} views show with each ${label}. */`,
      `export const ${v}Include = {`,
      ...include,
      `} satisfies Prisma.${M}Include`,
      '',
      `export type ${M}WithRelations = Prisma.${M}GetPayload<{ include: typeof ${v}Include }>`,
      '',
    );
  }
  lines.push(
    `export interface ${M}Filter {`,
    '  status?: string',
    '  q?: string',
    '  createdAfter?: Date',
    ...(parent ? [`  ${parent.fk}?: string`] : []),
    '}',
    '',
    `export function ${v}Where(tenantId: string, filter: ${M}Filter = {}): Prisma.${M}WhereInput {`,
    '  return {',
    '    tenantId,',
    '    deletedAt: null,',
    '    ...(filter.status ? { status: filter.status } : {}),',
    "    ...(filter.q ? { OR: [{ name: { contains: filter.q, mode: 'insensitive' } }, { externalId: { startsWith: filter.q } }] } : {}),",
    '    ...(filter.createdAfter ? { createdAt: { gte: filter.createdAfter.toISOString() } } : {}),',
    ...(parent ? [`    ...(filter.${parent.fk} ? { ${parent.name}: { is: { id: filter.${parent.fk}, tenantId } } } : {}),`] : []),
    '  }',
    '}',
    '',
    `export function serialize${M}(row: ${rowType}) {`,
    '  return {',
    '    id: row.id,',
    '    name: row.name ?? row.id,',
    '    status: row.status,',
    "    amount: row.amountCents === null ? null : { cents: row.amountCents, currency: row.currency ?? 'USD' },",
    ...(hasInclude && tenantRelation ? ['    tenant: row.tenant.name ?? row.tenant.slug ?? row.tenant.id,'] : []),
    ...(hasInclude && parent ? [`    ${parent.name}: row.${parent.name} ? { id: row.${parent.name}.id, name: row.${parent.name}.name } : null,`] : []),
    ...(hasInclude ? children.map((c) => `    ${c.name}: row.${c.name}.map((child) => ({ id: child.id, name: child.name ?? child.id, status: child.status })),`) : []),
    ...(hasInclude && m.manys.length > 0 ? ['    counts: row._count,'] : []),
    '    createdAt: row.createdAt,',
    '    updatedAt: row.updatedAt?.toISOString() ?? null,',
    '  }',
    '}',
    '',
    `export type ${M}Dto = ReturnType<typeof serialize${M}>`,
    '',
    `export async function list${Plural}(tenantId: string, filter: ${M}Filter = {}, cursor?: string, limit = 50): Promise<Page<${M}Dto>> {`,
    `  const rows = await db.${v}.findMany({`,
    `    where: ${v}Where(tenantId, filter),`,
    ...(hasInclude ? [`    include: ${v}Include,`] : []),
    "    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],",
    '    take: limit + 1,',
    '    ...cursorArgs(cursor),',
    '  })',
    `  return pageOf(rows.map(serialize${M}), limit)`,
    '}',
    '',
    `export async function get${M}(tenantId: string, id: string): Promise<${rowType}> {`,
    `  const row = await db.${v}.findFirst({ where: { id, tenantId, deletedAt: null }${hasInclude ? `, include: ${v}Include` : ''} })`,
    `  if (!row) throw new DomainError('not_found', \`${cap(label)} \${id} was not found\`)`,
    '  return row',
    '}',
    '',
    `export async function ${v}Stats(tenantId: string) {`,
    '  const [byStatus, totals] = await Promise.all([',
    `    db.${v}.groupBy({ by: ['status'], where: ${v}Where(tenantId), _count: { _all: true }, orderBy: { status: 'asc' } }),`,
    `    db.${v}.aggregate({ where: ${v}Where(tenantId), _sum: { amountCents: true }, _max: { updatedAt: true }, _count: true }),`,
    '  ])',
    '  return {',
    '    byStatus: Object.fromEntries(byStatus.map((group) => [group.status, group._count._all])),',
    '    amountCents: totals._sum.amountCents ?? 0,',
    '    count: totals._count,',
    '    lastChange: totals._max.updatedAt,',
    '  }',
    '}',
    '',
    `export async function archive${M}(tenantId: string, id: string, actorId: string): Promise<Pick<${M}, 'id' | 'status'>> {`,
    '  return db.$transaction(async (tx) => {',
    `    const current = await tx.${v}.findFirst({ where: { id, tenantId }, select: { id: true, status: true } })`,
    `    if (!current) throw new DomainError('not_found', \`${cap(label)} \${id} was not found\`)`,
    "    if (current.status === 'archived') throw new DomainError('conflict', 'Already archived')",
    `    const archived = await tx.${v}.update({`,
    '      where: { id },',
    "      data: { status: 'archived', updatedBy: actorId, lastAction: 'archive', lastActionAt: new Date() },",
    '      select: { id: true, status: true },',
    '    })',
    `    await tx.auditLog.create({ data: { tenantId, actorId, action: '${v}.archived', target: \`${v}:\${id}\`, at: new Date() } })`,
    '    return archived',
    '  })',
    '}',
    '',
    `/** Who may change ${labels}: nobody while the tenant's subscription is past due. */`,
    `export const ${v}Policy = {`,
    '  async check(tenantId: string, method: string): Promise<{ status: 402 | 403; message: string } | null> {',
    "    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null",
    '    const subscription = await db.subscription.findFirst({',
    '      where: { tenantId, deletedAt: null },',
    '      select: { status: true, plan: { select: { name: true } } },',
    "      orderBy: { createdAt: 'desc' },",
    '    })',
    "    if (subscription?.status === 'past_due') {",
    `      return { status: 402, message: \`${cap(labels)} are read-only while the \${subscription.plan?.name ?? 'current'} plan is past due.\` }`,
    '    }',
    '    return null',
    '  },',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

// ─── tests ──────────────────────────────────────────────────────────────────────────────────────────

function sampleValue(f, index) {
  if (f.name === 'id') return `'${index}'`;
  if (f.name === 'tenantId') return 'TENANT_ID';
  switch (f.type) {
    case 'String':
      return f.optional ? 'null' : `'${f.name === 'status' ? 'draft' : `${f.name}-1`}'`;
    case 'Int':
      return f.optional ? 'null' : '0';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return f.optional ? 'null' : 'new Date(0)';
    case 'Json':
      return 'null';
    default:
      throw new Error(`no sample for ${f.type}`);
  }
}

/** `tests/factories/<domain>.ts`: one complete row per model, for mocked Prisma answers. */
function factoriesModule(models) {
  const names = models.map((m) => m.name);
  const lines = [`import type { ${names.join(', ')} } from '@prisma/client'`, "import { TENANT_ID } from '@/tests/helpers'", ''];
  for (const m of models) {
    lines.push(
      `export function ${m.delegate}Row(overrides: Partial<${m.name}> = {}): ${m.name} {`,
      '  return {',
      ...m.scalars.map((f) => `    ${f.name}: ${sampleValue(f, `${m.delegate}_1`)},`),
      '    ...overrides,',
      '  }',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

const TEST_HELPERS = `import { NextRequest } from 'next/server'
import type { Session } from 'next-auth'

export const TENANT_ID = 'tenant_1'

export function sessionFor(role = 'admin', tenantId = TENANT_ID): Session {
  return {
    user: { id: 'user_1', tenantId, role, email: 'ada@example.com', name: 'Ada' },
    expires: '2099-01-01T00:00:00.000Z',
  }
}

export function jsonRequest(path: string, method: string, body?: unknown, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(new URL(path, 'http://localhost:3000'), {
    method,
    headers: { 'content-type': 'application/json', cookie: \`tenant_sig=\${TENANT_ID}.sig\`, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}
`;

const BODY = "{ name: 'Example', title: 'Example', status: 'draft', amountCents: 1200, currency: 'USD', quantity: 1, priority: 'normal' }";

/**
 * The wrapper as real apps type it: the function it returns takes the route context too, as Next.js calls it, so a
 * test's \`await GET(req)\` no longer typechecks once GET is wrapped (what --typecheck's caller edits are for).
 */
const LIB_API_WRAPPER_TYPED = `import { getServerSession } from 'next-auth'
import { NextResponse, type NextRequest } from 'next/server'
import { authOptions } from '@/lib/auth'
import { tenantStorage } from '@/lib/tenant-utils'

export interface WithTenantContextOptions {
  requireAuth?: boolean
}

/** Authenticates, checks the signed tenant cookie, and runs the handler inside the tenant context. */
export function withTenantContext<C = { params: Promise<Record<string, string>> }>(
  handler: (req: NextRequest, context: C) => Promise<Response> | Response,
  options: WithTenantContextOptions = {},
): (req: NextRequest, context: C) => Promise<Response> {
  return async (req, context) => {
${WRAPPED_HANDLER_BODY}  }
}
`;

/** The arguments a test passes to a handler: the request, and the route params in the handler's own style. */
function callArguments(route, handler, path) {
  const request = `jsonRequest('${path}', '${handler.name}'${['POST', 'PUT', 'PATCH'].includes(handler.name) ? `, ${BODY}` : ''})`;
  // A handler the app already wrapped is called as Next.js calls it, with the route context.
  const wrapped = handler.status === 'migrated' || handler.status === 'partial';
  if (handler.call === 'none') return wrapped ? `${request}, { params: Promise.resolve({}) }` : '';
  if (handler.call === 'request') return wrapped ? `${request}, { params: Promise.resolve({}) }` : request;
  const values = route.params.names.map((n, i) => (route.params.catchAll && i === route.params.names.length - 1 ? `${n}: ['overview']` : `${n}: '${n}_1'`));
  const params = `{ ${values.join(', ')} }`;
  return `${request}, { params: ${handler.call === 'sync' ? params : `Promise.resolve(${params})`} }`;
}

/** A Jest test of one route file that calls its handlers directly, with NextAuth and the Prisma client mocked. */
function routeTest(route, m, resource) {
  const importPath = `@/${route.file.replace(/\.ts$/, '')}`;
  const path = route.urlPath.replace(/\[\.\.\.(\w+)\]/g, 'overview').replace(/\[(\w+)\]/g, '$1_1');
  const names = route.handlers.map((h) => h.name);
  const v = m.delegate;
  const lines = [
    "import { getServerSession } from 'next-auth'",
    "import { db } from '@/lib/db'",
    `import { ${names.join(', ')} } from '${importPath}'`,
    `import { ${v}Policy, ${v}Where } from '@/lib/${resource.domain}/${resource.resource}'`,
    `import { ${v}Row } from '@/tests/factories/${resource.domain}'`,
    "import { jsonRequest, sessionFor, TENANT_ID } from '@/tests/helpers'",
    '',
    "jest.mock('next-auth')",
    "jest.mock('next-auth/next')",
    "jest.mock('@/lib/db')",
    '',
    'const mockedSession = jest.mocked(getServerSession)',
    '',
    `describe('${route.urlPath}', () => {`,
    '  beforeEach(() => {',
    '    jest.resetAllMocks()',
    "    mockedSession.mockResolvedValue(sessionFor('admin'))",
    `    jest.mocked(db.${v}.findFirst).mockResolvedValue(${v}Row({ id: '${v}_1' }))`,
    `    jest.mocked(db.${v}.findMany).mockResolvedValue([${v}Row(), ${v}Row({ id: '${v}_2', status: 'active', amountCents: 4200 })])`,
    `    jest.mocked(db.${v}.count).mockResolvedValue(2)`,
    `    jest.mocked(db.${v}.create).mockResolvedValue(${v}Row({ id: '${v}_3' }))`,
    `    jest.mocked(db.${v}.update).mockResolvedValue(${v}Row({ status: 'active' }))`,
    "    jest.mocked(db.subscription.findFirst).mockResolvedValue(null)",
    '  })',
    '',
    "  it('scopes every query to the tenant of the caller', () => {",
    `    expect(${v}Where(TENANT_ID, { status: 'active' })).toMatchObject({ tenantId: TENANT_ID, status: 'active', deletedAt: null })`,
    '  })',
    '',
    "  it('lets reads through the policy', async () => {",
    `    await expect(${v}Policy.check(TENANT_ID, 'GET')).resolves.toBeNull()`,
    '  })',
  ];
  for (const handler of route.handlers) {
    lines.push(
      '',
      `  it('${handler.name} answers without a server error', async () => {`,
      `    const res = await ${handler.name}(${callArguments(route, handler, path)})`,
      '    expect(res.status).toBeLessThan(500)',
      '  })',
    );
    if (handler.call !== 'none' && ['unmigrated', 'migrated', 'partial'].includes(handler.status)) {
      lines.push(
        '',
        `  it('${handler.name} refuses anonymous callers', async () => {`,
        '    mockedSession.mockResolvedValue(null)',
        `    const res = await ${handler.name}(${callArguments(route, handler, path)})`,
        '    expect([401, 403]).toContain(res.status)',
        '  })',
      );
    }
  }
  lines.push('})', '');
  return lines.join('\n');
}

// ─── the whole project ──────────────────────────────────────────────────────────────────────────────

const NEXT_ENV = `/// <reference types="next" />
/// <reference types="next/image-types/global" />

// NOTE: This file should not be edited
// see https://nextjs.org/docs/app/api-reference/config/typescript for more information.
`;

/** Every route file gets a test when `index % TEST_EVERY === 1`: a third of the routes, NextAuth's own excepted. */
export const TEST_EVERY = 3;

/**
 * The files a typed corpus adds to (or replaces in) the plain one: `domains` as `buildSchema` takes them, and the
 * routes as the generator made them (`{ index, file, urlPath, domain, resource, model, params, handlers }`, each
 * handler with the `call` shape a test needs). Returns `{ files, stats }`.
 */
export function typedProjectFiles({ domains, routes, tsconfig }) {
  const models = buildSchema(domains);
  const byDelegate = new Map(models.map((m) => [m.delegate, m]));
  const files = new Map();
  const client = prismaClientDts(models);
  files.set('node_modules/.prisma/client/index.d.ts', client);
  files.set('node_modules/.prisma/client/package.json', `${JSON.stringify({ name: '.prisma/client', main: 'index.js', types: 'index.d.ts' }, null, 2)}\n`);
  files.set('node_modules/.prisma/client/index.js', "'use strict'\n// Generated code lives here at runtime; the benchmark only type-checks.\nmodule.exports = {}\n");
  files.set('node_modules/@prisma/client/package.json', `${JSON.stringify({ name: '@prisma/client', version: '5.22.0', main: 'index.js', types: 'index.d.ts' }, null, 2)}\n`);
  files.set('node_modules/@prisma/client/index.d.ts', "export * from '.prisma/client'\n");
  files.set('node_modules/@prisma/client/index.js', "module.exports = { ...require('.prisma/client') }\n");
  files.set('prisma/schema.prisma', schemaPrisma(models));
  files.set('next-env.d.ts', NEXT_ENV);
  files.set('lib/db.ts', LIB_DB);
  files.set('lib/api-wrapper.ts', LIB_API_WRAPPER_TYPED);
  files.set('lib/pagination.ts', LIB_PAGINATION);
  files.set('lib/errors.ts', LIB_ERRORS);

  const resources = domains.flatMap((d) => d.resources.map((r) => ({ ...r, domain: d.name })));
  for (const r of resources) files.set(`lib/${r.domain}/${r.resource}.ts`, resourceModule(byDelegate.get(r.model), r));
  files.set('tests/helpers.ts', TEST_HELPERS);
  for (const d of domains) {
    const inDomain = [...new Set(d.resources.map((r) => r.model))].map((name) => byDelegate.get(name));
    files.set(`tests/factories/${d.name}.ts`, factoriesModule(inDomain));
  }
  let tests = 0;
  for (const route of routes) {
    if (route.index % TEST_EVERY !== 1 || !route.resource) continue;
    const resource = resources.find((r) => r.domain === route.domain && r.resource === route.resource);
    files.set(`tests/${route.file.replace(/^app\//, '').replace(/\.ts$/, '.test.ts')}`, routeTest(route, byDelegate.get(resource.model), resource));
    tests++;
  }
  files.set(
    'tsconfig.json',
    `${JSON.stringify(
      {
        ...tsconfig,
        compilerOptions: {
          ...tsconfig.compilerOptions,
          // Only what the app uses: left out, TypeScript would also load every @types package above the project.
          types: ['node', 'jest'],
        },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx'],
      },
      null,
      2,
    )}\n`,
  );
  return {
    files,
    stats: {
      models: models.length,
      clientLines: client.split('\n').length - 1,
      tests,
    },
  };
}
