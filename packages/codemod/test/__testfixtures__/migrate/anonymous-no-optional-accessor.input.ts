import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const session = await getServerSession(authOptions);
  const { token } = await params;
  const invitation = await db.invitations.byToken(token);
  if (!invitation) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json({ ...invitation, signedInAs: session?.user?.email ?? null });
}
