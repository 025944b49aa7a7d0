import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const { tenantId, userId } = ctx;
  const email = ctx.userEmail ?? null;
  const { role = 'member' } = ctx;
  if (role === 'viewer') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  const entry = await db.timeEntries.insert(tenantId, { ...(await req.json()), userId, email });
  return NextResponse.json(entry, { status: 201 });
});
