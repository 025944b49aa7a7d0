import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  return NextResponse.json(await db.invoices.list(ctx.tenantId));
}, { requireAuth: false });
