import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function currentTenantId() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export async function GET() {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.creditNotes.list(tenantId));
}

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const tenantId = await currentTenantId();
  const note = await db.creditNotes.insert(tenantId!, await req.json());
  await recordAudit(session, 'credit-note.created', note.id);
  return NextResponse.json(note, { status: 201 });
}
