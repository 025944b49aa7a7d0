import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: Request) /* see RFC 7231 (section 6.5.1) */ => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.notes.list(ctx.tenantId));
});

export const POST = withTenantContext(async /* (legacy) */ (req: Request) => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.notes.create(ctx.tenantId, await req.json()));
});
