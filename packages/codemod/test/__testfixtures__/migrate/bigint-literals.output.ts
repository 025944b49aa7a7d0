import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

const middlewares = [<T>(handler: T) => handler];
const hooks = [() => undefined];

export const GET = middlewares[0n](withTenantContext(async () => {
  hooks[0n]();
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Forbidden', code: 403n.toString() }, { status: 403 });
  return NextResponse.json(await db.notes.list(ctx.tenantId));
}, { requireAuth: false }));

export const POST = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Forbidden', code: 403n }, { status: 403 });
  return NextResponse.json(await db.notes.create(ctx.tenantId));
}, { requireAuth: false });
