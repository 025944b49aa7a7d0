// Tenant settings: business name, invoice prefix, payment terms.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  // Prefixes may contain non-ASCII characters, e.g. « FAC-№ ».
  return NextResponse.json(await db.settings.get(ctx.tenantId, ctx.tenantId));
});
