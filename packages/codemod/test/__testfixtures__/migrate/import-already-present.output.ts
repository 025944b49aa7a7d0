import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.customers.list(ctx.tenantId));
});

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const customer = await db.customers.insert(ctx.tenantId, await req.json());
  return NextResponse.json(customer, { status: 201 });
});
