import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const PATCH = withTenantContext(async (req: NextRequest) => {
  const body = await req.json().catch(() => null);
  const togglesArchive = 'archived' in body;
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.notes.update(ctx.tenantId, { togglesArchive }));
}, { requireAuth: false });
