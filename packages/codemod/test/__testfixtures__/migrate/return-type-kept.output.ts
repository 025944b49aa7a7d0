import { NextRequest, NextResponse } from 'next/server';
import { db, type Invoice } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: NextRequest): Promise<NextResponse<Invoice[] | { error: string }>> => {
  const ctx = requireTenantContext();
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  return NextResponse.json(await db.invoices.list(ctx.tenantId, { status }));
});
