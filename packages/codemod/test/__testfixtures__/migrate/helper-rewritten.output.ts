import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

async function currentTenantId() {
  const ctx = getTenantContext();
  return ctx?.tenantId;
}

export const GET = withTenantContext(async () => {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.taxRates.list(tenantId));
}, { requireAuth: false });

export const POST = withTenantContext(async (req: Request) => {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const rate = await db.taxRates.insert(tenantId, await req.json());
  return NextResponse.json(rate, { status: 201 });
}, { requireAuth: false });
