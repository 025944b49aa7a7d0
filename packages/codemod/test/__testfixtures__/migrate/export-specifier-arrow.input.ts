import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const listTasks = async (_req: NextRequest, { params }: { params: Promise<{ projectId: string }> }) => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { projectId } = await params;
  return NextResponse.json(await db.tasks.list(session.user.tenantId, projectId));
};

export { listTasks as GET };
