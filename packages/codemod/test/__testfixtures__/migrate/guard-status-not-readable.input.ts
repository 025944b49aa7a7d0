import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { unauthorized } from '@/lib/http';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session) return unauthorized();
  return NextResponse.json(await db.webhooks.list(session.user.tenantId));
}
