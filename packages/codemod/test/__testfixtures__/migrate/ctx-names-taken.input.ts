import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

type RouteContext = { params: Promise<{ projectId: string }> };

export async function POST(req: NextRequest, ctx: RouteContext) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { projectId } = await ctx.params;
  const tenantCtx = await db.tenants.settings(session.user.tenantId);
  const file = await db.files.insert(session.user.tenantId, projectId, {
    ...(await req.json()),
    maxBytes: tenantCtx.uploadLimitBytes,
    uploadedBy: session.user.id,
  });
  return NextResponse.json(file, { status: 201 });
}
