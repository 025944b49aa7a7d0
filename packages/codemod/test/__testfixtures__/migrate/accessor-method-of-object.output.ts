import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { tenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = tenantContext.require();
  return NextResponse.json(await db.notes.list(ctx.tenantId));
});

export const POST = withTenantContext(async () => {
  const ctx = tenantContext.getContextOrNull();
  if (!ctx) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  return NextResponse.json(await db.notes.create(ctx.tenantId), { status: 201 });
}, { requireAuth: false });
