import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { searchDocs } from '@/lib/search';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = getTenantContext();
  const { query } = await req.json();
  await db.searchLog.insert({ query, userId: ctx?.userId ?? 'anonymous' });
  return NextResponse.json(await searchDocs(query, { tenantId: ctx?.tenantId }));
}, { requireAuth: false });
