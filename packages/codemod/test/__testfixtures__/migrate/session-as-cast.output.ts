import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.creditNotes.list(ctx.tenantId));
});

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const note = await db.creditNotes.insert(ctx.tenantId, { ...(await req.json()), issuedBy: ctx.userId });
  return NextResponse.json(note, { status: 201 });
});
