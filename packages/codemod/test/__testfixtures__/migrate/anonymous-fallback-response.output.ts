import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) {
    // Signed-out visitors get the public price list.
    return NextResponse.json({ plans: await db.plans.listPublic() });
  }
  return NextResponse.json({ plans: await db.plans.listForTenant(ctx.tenantId) });
}, { requireAuth: false });
