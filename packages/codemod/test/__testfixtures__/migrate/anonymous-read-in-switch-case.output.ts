import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (req: NextRequest) => {
  switch (req.nextUrl.searchParams.get('format')) {
    case 'csv': {
      const ctx = getTenantContext();
      if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
      return new NextResponse(await db.exports.csv(ctx.tenantId), { headers: { 'content-type': 'text/csv' } });
    }
    default:
      return NextResponse.json({ formats: ['csv'] });
  }
}, { requireAuth: false });
