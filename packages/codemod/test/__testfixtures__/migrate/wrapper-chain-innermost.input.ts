import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { withRateLimit } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const POST = withRateLimit(
  async (req: NextRequest) => {
    const session = await getServerSession(authOptions);
    if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    const { email, role } = await req.json();
    const invitation = await db.invitations.create(session.user.tenantId, { email, role, invitedBy: session.user.id });
    return NextResponse.json(invitation, { status: 201 });
  },
  { limit: 20, window: '1m' },
);
