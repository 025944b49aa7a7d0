import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const PATCH = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ memberId: string }> }) => {
  const ctx = requireTenantContext();
  if (ctx.role !== 'admin') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  const { memberId } = await params;
  const { role } = await req.json();
  return NextResponse.json(await db.members.update(ctx.tenantId, memberId, { role }));
});
