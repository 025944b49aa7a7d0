import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { sessionFromApiKey } from '@/lib/api-keys';

export async function GET(req: NextRequest) {
  let session = await getServerSession(authOptions);
  if (!session) session = await sessionFromApiKey(req.headers.get('x-api-key'));
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.invoices.list(session.user.tenantId));
}
