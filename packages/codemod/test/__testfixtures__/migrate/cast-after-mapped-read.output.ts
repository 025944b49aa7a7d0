import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

type TenantId = string & { readonly brand: 'TenantId' };

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const tenantId = ctx.tenantId as TenantId;
  return NextResponse.json(await db.notes.list(tenantId));
});
