import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

type RouteContext = { params: Promise<{ projectId: string }> };

async function loadBudget(ctx: RouteContext) {
  const session = await getServerSession(authOptions);
  const { projectId } = await ctx.params;
  return db.budgets.get(session?.user?.tenantId, projectId);
}

export async function GET(_req: NextRequest, context: RouteContext) {
  const budget = await loadBudget(context);
  if (!budget) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json(budget);
}
