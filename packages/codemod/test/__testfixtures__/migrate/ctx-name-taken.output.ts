import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (_req: NextRequest, ctx: { params: Promise<{ invoiceId: string }> }) => {
  const tenantCtx = requireTenantContext();
  const { invoiceId } = await ctx.params;
  const invoice = await db.invoices.get(tenantCtx.tenantId, invoiceId);
  return invoice ? NextResponse.json(invoice) : NextResponse.json({ error: 'Not found' }, { status: 404 });
});
