import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: NextRequest) => {
  const returnTo = new URL(req.nextUrl.searchParams.get('returnTo') ?? 'http://localhost/');
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.exports.run(ctx.tenantId, returnTo.pathname));
}, { requireAuth: false });
