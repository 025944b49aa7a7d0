import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { searchDocs } from '@/lib/search';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  const { query } = await req.json();
  await db.searchLog.insert({ query, userId: session?.user?.id ?? 'anonymous' });
  return NextResponse.json(await searchDocs(query, { tenantId: session?.user?.tenantId }));
}
