import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { buildCsv } from '@/lib/csv';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const invoices = await db.invoices.list(session.user.tenantId);
  // buildCsv stamps the export with whoever the session loader returns.
  const csv = await buildCsv(invoices, async () => session);
  return new NextResponse(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
