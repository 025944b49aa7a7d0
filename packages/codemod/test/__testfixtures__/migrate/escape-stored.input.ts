import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { runImport } from '@/lib/imports';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const job = { session, rows: await req.json(), startedAt: Date.now() };
  const result = await runImport(db, job);
  return NextResponse.json(result, { status: 202 });
}
