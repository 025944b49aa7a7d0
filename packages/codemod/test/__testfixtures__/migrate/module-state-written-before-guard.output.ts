import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

let lastRequestAt = 0;

export const GET = withTenantContext(async () => {
  lastRequestAt = Date.now();
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.notes.list(ctx.tenantId, lastRequestAt > 0));
}, { requireAuth: false });
