import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const middlewares = [<T>(handler: T) => handler];
const hooks = [() => undefined];

export const GET = middlewares[0n](async () => {
  hooks[0n]();
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Forbidden', code: 403n.toString() }, { status: 403 });
  return NextResponse.json(await db.notes.list(session.user.tenantId));
});

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Forbidden', code: 403n }, { status: 403 });
  return NextResponse.json(await db.notes.create(session.user.tenantId));
}
