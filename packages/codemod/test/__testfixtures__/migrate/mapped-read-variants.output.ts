import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const entry = {
    tenantId: ctx.tenantId,
    actorId: ctx.userId,
    actorEmail: ctx.userEmail ?? null,
    actorName: ctx.userName || 'unknown',
    actorRole: ctx.role,
    seat: ctx.tenantRole,
    path: req.nextUrl.pathname,
  };
  await db.auditLogs.insert(entry.tenantId, entry);
  return NextResponse.json({ ok: true });
});
