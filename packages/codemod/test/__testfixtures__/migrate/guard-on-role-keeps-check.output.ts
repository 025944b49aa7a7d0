import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx?.role) {
    return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  }
  return NextResponse.json(await db.roles.list(ctx.tenantId, ctx.role));
}, { requireAuth: false });
