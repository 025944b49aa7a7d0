import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req, { params }) => {
  const ctx = requireTenantContext();
  const { customerId } = await params;
  return NextResponse.json(await db.invoices.byCustomer(ctx.tenantId, customerId));
});
