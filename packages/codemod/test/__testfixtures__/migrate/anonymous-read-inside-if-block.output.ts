import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: NextRequest) => {
  if (req.nextUrl.searchParams.get('preview') === '1') {
    const ctx = getTenantContext();
    if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    return NextResponse.json(await db.drafts.list(ctx.tenantId));
  }
  return NextResponse.json(await db.posts.published());
}, { requireAuth: false });
