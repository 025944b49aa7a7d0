import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

// Lists the tenant's invoices, newest first.
export const GET = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = requireTenantContext();
  const { id } = await params;
  const rows = await db.invoices.list(ctx.tenantId, id);
  return NextResponse.json(rows);
});
