import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx?.userId || !ctx.tenantId || ctx.role === 'viewer') {
    return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  }
  if (!ctx?.userId || !ctx.tenantId) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  return NextResponse.json(await db.budgets.list(ctx.tenantId));
}, { requireAuth: false });
