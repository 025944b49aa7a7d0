import { getServerSession, type Session } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'
import { db } from '@/lib/db'

export async function GET() {
  let session: Session | null = null
  try {
    session = await getServerSession(authOptions)
  } catch (err) {
    console.error('Session lookup failed', err)
    return NextResponse.json({ error: 'Session unavailable' }, { status: 503 })
  }
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  return NextResponse.json(await db.activities.list(session.user.tenantId))
}
