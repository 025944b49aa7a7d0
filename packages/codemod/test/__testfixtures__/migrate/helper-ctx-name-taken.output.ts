import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

type RouteContext = { params: Promise<{ projectId: string }> };

async function loadBudget(ctx: RouteContext) {
  const tenantCtx = getTenantContext();
  const { projectId } = await ctx.params;
  return db.budgets.get(tenantCtx?.tenantId, projectId);
}

export const GET = withTenantContext(async (_req: NextRequest, context: RouteContext) => {
  const budget = await loadBudget(context);
  if (!budget) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json(budget);
}, { requireAuth: false });
