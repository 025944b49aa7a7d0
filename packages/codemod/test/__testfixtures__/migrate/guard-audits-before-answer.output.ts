import { NextResponse } from 'next/server';
import { audit } from '@/lib/audit';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) {
    await audit('denied');
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  await db.sessions.revokeAll(ctx.userId);
  return new NextResponse(null, { status: 204 });
}, { requireAuth: false });
