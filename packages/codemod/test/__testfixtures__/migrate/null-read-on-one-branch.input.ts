import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const DEMO_TENANT = 'ten_demo';

export async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions);
  const tenantId = req.nextUrl.searchParams.get('preview') ? DEMO_TENANT : session!.user.tenantId;
  return NextResponse.json(await db.notes.list(tenantId));
}
