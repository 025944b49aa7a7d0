import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configSchema, findPrismaSchema, loadPrismaSchema } from '../src';

const MODELS = `model Tenant {
  id       String    @id
  invoices Invoice[]
}

model Invoice {
  id       String        @id
  tenantId String
  tenant   Tenant        @relation(fields: [tenantId], references: [id])
  lines    InvoiceLine[]

  @@map("invoices")
}

model InvoiceLine {
  id        String  @id
  invoiceId String
  invoice   Invoice @relation(fields: [invoiceId], references: [id])
}

model ExchangeRate {
  id       String @id
  tenantId String?
}
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-prisma-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const prismaConfig = (input: object = {}) => configSchema.parse({ prisma: input }).prisma;

describe('finding the Prisma schema as Prisma does', () => {
  it('takes the configured path first, then package.json, then schema.prisma, prisma/schema.prisma and prisma/schema/', () => {
    const root = project({
      'db/main.prisma': MODELS,
      'custom.prisma': MODELS,
      'schema.prisma': MODELS,
      'prisma/schema.prisma': MODELS,
      'prisma/schema/a.prisma': MODELS,
      'package.json': JSON.stringify({ prisma: { schema: 'custom.prisma' } }),
    });
    expect(findPrismaSchema(root, 'db')).toEqual({ files: [path.join(root, 'db/main.prisma')] });
    expect(findPrismaSchema(root)).toEqual({ files: [path.join(root, 'custom.prisma')] });
    fs.rmSync(path.join(root, 'package.json'));
    expect(findPrismaSchema(root)).toEqual({ files: [path.join(root, 'schema.prisma')] });
    fs.rmSync(path.join(root, 'schema.prisma'));
    expect(findPrismaSchema(root)).toEqual({ files: [path.join(root, 'prisma/schema.prisma')] });
    fs.rmSync(path.join(root, 'prisma/schema.prisma'));
    expect(findPrismaSchema(root)).toEqual({ files: [path.join(root, 'prisma/schema/a.prisma')] });
  });

  it('reads every .prisma file of a schema folder, in subfolders too, and says where it looked when there is none', () => {
    const root = project({ 'prisma/schema/base.prisma': 'model Tenant {\n  id String @id\n}\n', 'prisma/schema/billing/invoice.prisma': 'model Invoice {\n  id       String @id\n  tenantId String\n}\n' });
    const load = loadPrismaSchema(root, prismaConfig());
    expect(load.kind === 'found' && [...load.schema.models.keys()]).toEqual(['tenant', 'invoice']);
    const empty = project({ 'README.md': 'no schema' });
    expect(loadPrismaSchema(empty, prismaConfig())).toEqual({
      kind: 'missing',
      looked: [path.join(empty, 'schema.prisma'), path.join(empty, 'prisma/schema.prisma'), path.join(empty, 'prisma/schema')],
    });
  });
});

describe('which models are tenant-scoped', () => {
  it('those with the tenant field, unless global, and those the config lists; with their table, relation and path', () => {
    const root = project({ 'prisma/schema.prisma': MODELS });
    const load = loadPrismaSchema(root, prismaConfig({ tenantScopedModels: ['InvoiceLine'], globalModels: ['ExchangeRate'], relations: { InvoiceLine: 'invoice.tenantId' } }));
    if (load.kind !== 'found') throw new Error(load.kind);
    expect([...load.schema.models.values()]).toEqual([
      { name: 'Tenant', accessor: 'tenant', table: 'Tenant', tenantScoped: false, hasTenantField: false, tenantRelation: null, tenantRelationKey: null, relationPath: null },
      { name: 'Invoice', accessor: 'invoice', table: 'invoices', tenantScoped: true, hasTenantField: true, tenantRelation: 'tenant', tenantRelationKey: 'id', relationPath: null },
      { name: 'InvoiceLine', accessor: 'invoiceLine', table: 'InvoiceLine', tenantScoped: true, hasTenantField: false, tenantRelation: null, tenantRelationKey: null, relationPath: ['invoice', 'tenantId'] },
      { name: 'ExchangeRate', accessor: 'exchangeRate', table: 'ExchangeRate', tenantScoped: false, hasTenantField: true, tenantRelation: null, tenantRelationKey: null, relationPath: null },
    ]);
  });

  it('follows the configured tenant field', () => {
    const root = project({ 'prisma/schema.prisma': 'model Project {\n  id             String @id\n  organizationId String\n}\n' });
    const load = loadPrismaSchema(root, prismaConfig({ tenantField: 'organizationId' }));
    expect(load.kind === 'found' && load.schema.models.get('project')?.tenantScoped).toBe(true);
    const byDefault = loadPrismaSchema(root, prismaConfig());
    expect(byDefault.kind === 'found' && byDefault.schema.models.get('project')?.tenantScoped).toBe(false);
  });

  it('says where a schema does not parse, and reads it again once it changes', () => {
    const root = project({ 'prisma/schema.prisma': 'model Invoice { id String @id }\n' });
    const broken = loadPrismaSchema(root, prismaConfig());
    expect(broken).toEqual({ kind: 'invalid', file: path.join(root, 'prisma/schema.prisma'), message: expect.stringMatching(/^line 1, column \d+: /) });
    fs.writeFileSync(path.join(root, 'prisma/schema.prisma'), 'model Invoice {\n  id       String @id\n  tenantId String\n}\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'prisma/schema.prisma'), later, later);
    expect(loadPrismaSchema(root, prismaConfig()).kind).toBe('found');
  });
});
