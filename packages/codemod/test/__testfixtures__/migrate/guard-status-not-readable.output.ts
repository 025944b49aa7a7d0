import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { unauthorized } from '@/lib/http';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) return unauthorized();
  return NextResponse.json(await db.webhooks.list(ctx.tenantId));
}, { requireAuth: false });
