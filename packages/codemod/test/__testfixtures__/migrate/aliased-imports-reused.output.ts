import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext as wtc } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext as tenant } from '@/lib/tenant-utils';

export const GET = wtc(async () => {
  const { tenantId } = tenant();
  return NextResponse.json(await db.customers.list(tenantId));
});

export const POST = wtc(async (req: NextRequest) => {
  const ctx = tenant();
  const customer = await db.customers.insert(ctx.tenantId, await req.json());
  return NextResponse.json(customer, { status: 201 });
});
