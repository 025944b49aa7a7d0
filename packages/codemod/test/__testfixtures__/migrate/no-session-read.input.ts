import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = Date.now();
  await db.ping();
  return NextResponse.json({ ok: true, dbLatencyMs: Date.now() - started });
}

export function HEAD() {
  return new Response(null, { status: 200 });
}
