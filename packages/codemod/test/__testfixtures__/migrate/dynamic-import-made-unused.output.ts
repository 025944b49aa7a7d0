import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const PUT = withTenantContext(async (req: Request) => {
  // next-auth is loaded lazily to keep the cold start of this rarely used route small.
  const ctx = requireTenantContext();
  const body = await req.json();
  await db.branding.update(ctx.tenantId, body);
  return NextResponse.json({ ok: true });
});
