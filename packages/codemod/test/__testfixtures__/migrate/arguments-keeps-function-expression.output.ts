import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { traceHandler } from '@/lib/tracing';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async function POST(req: NextRequest) {
  const ctx = requireTenantContext();
  traceHandler('POST /api/webhooks/replay', arguments);
  const replayed = await db.webhooks.replay(ctx.tenantId, await req.json());
  return NextResponse.json({ replayed });
});
