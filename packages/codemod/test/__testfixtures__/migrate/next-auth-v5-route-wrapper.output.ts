import { NextResponse } from 'next/server';
import { auth } from '@/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

// NextAuth v5 reads the session around the handler and hands it over as req.auth.
export const GET = auth(async (req) => {
  if (!req.auth?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.apiKeys.list(req.auth.user.tenantId));
});

export const POST = withTenantContext(async (req: Request) => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.apiKeys.create(ctx.tenantId, await req.json()));
});
