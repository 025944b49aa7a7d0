import { NextRequest, NextResponse } from 'next/server';
import { withRateLimit, withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withRateLimit(
  withTenantContext(async (req: NextRequest) => {
    const ctx = requireTenantContext();
    const { email, role } = await req.json();
    const invitation = await db.invitations.create(ctx.tenantId, { email, role, invitedBy: ctx.userId });
    return NextResponse.json(invitation, { status: 201 });
  }),
  { limit: 20, window: '1m' },
);
