import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function listInvoices(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  return NextResponse.json(await db.invoices.list(session.user.tenantId, { status }));
}

export { listInvoices as GET };

export async function HEAD(req: NextRequest) {
  const res = await listInvoices(req);
  return new NextResponse(null, { status: res.status, headers: res.headers });
}
