import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const role = ctx.role as string | undefined;
  if (!hasPermission(role, PERMISSIONS.TEAM_VIEW)) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  return NextResponse.json(await db.team.list(ctx.tenantId));
});
