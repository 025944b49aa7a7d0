import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db, type Invoice } from '@/lib/db';

export async function GET(req: NextRequest): Promise<NextResponse<Invoice[] | { error: string }>> {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  return NextResponse.json(await db.invoices.list(session.user.tenantId, { status }));
}
