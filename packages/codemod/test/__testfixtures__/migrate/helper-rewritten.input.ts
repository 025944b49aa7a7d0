import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function currentTenantId() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId;
}

export async function GET() {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.taxRates.list(tenantId));
}

export async function POST(req: Request) {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const rate = await db.taxRates.insert(tenantId, await req.json());
  return NextResponse.json(rate, { status: 201 });
}
