import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { AuthError, toErrorResponse } from '@/lib/errors';

export async function POST(req: NextRequest) {
  try {
    const session = await getServerSession(authOptions);
    if (!session?.user?.id) throw new AuthError('Unauthorized', 401);
    const { currentPassword, newPassword } = await req.json();
    await db.users.changePassword(session.user.id, currentPassword, newPassword);
    return new NextResponse(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
