import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { acceptInvitation } from '@/lib/invitations';

// Invitees are not members yet, so this runs before any tenant context exists.
export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) return NextResponse.json({ error: 'Sign in to accept' }, { status: 401 });
  const { token } = await req.json();
  return NextResponse.json(await acceptInvitation(token, session.user.email));
}
