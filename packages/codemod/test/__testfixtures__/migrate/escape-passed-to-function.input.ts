import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(_req: NextRequest, { params }: { params: Promise<{ projectId: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { projectId } = await params;
  await db.projects.archive(session.user.tenantId, projectId);
  await recordAudit(session, 'project.archived', projectId);
  return NextResponse.json({ archived: true });
}
