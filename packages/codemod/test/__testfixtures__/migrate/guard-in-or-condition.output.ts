import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ memberId: string }> }) => {
  const ctx = getTenantContext();
  if (!ctx || ctx.role !== 'admin') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  const { memberId } = await params;
  await db.members.remove(ctx.tenantId, memberId);
  return new NextResponse(null, { status: 204 });
}, { requireAuth: false });
