import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withLogging } from '@/lib/logging';
import { withRateLimit } from '@/lib/rate-limit';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withLogging(withRateLimit(withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const q = req.nextUrl.searchParams.get('q') ?? '';
  return NextResponse.json(await db.search(ctx.tenantId, q));
})));
