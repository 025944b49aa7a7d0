import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { AuthError, toErrorResponse } from '@/lib/errors';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  try {
    const ctx = getTenantContext();
    if (!ctx?.userId) throw new AuthError('Unauthorized', 401);
    const { currentPassword, newPassword } = await req.json();
    await db.users.changePassword(ctx.userId, currentPassword, newPassword);
    return new NextResponse(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}, { requireAuth: false });
