import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const { userId: id, tenantId } = requireTenantContext();
  return NextResponse.json(await db.preferences.get(tenantId, id));
});
