import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const role = ctx.role ?? '';
  if (!['owner', 'admin'].includes(role)) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  await db.workspace.purge(ctx.tenantId);
  return new NextResponse(null, { status: 204 });
});
