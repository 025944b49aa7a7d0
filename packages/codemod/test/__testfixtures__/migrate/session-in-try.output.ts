import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  try {
    const ctx = requireTenantContext();
    const members = await db.members.list(ctx.tenantId);
    return NextResponse.json(members);
  } catch (error) {
    console.error('GET /api/team/members failed', error);
    return NextResponse.json({ error: 'Internal error' }, { status: 500 });
  }
});
