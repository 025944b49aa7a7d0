import { getServerSession } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'
import { db } from '@/lib/db'

export async function POST() {
  const seen = []
  const session = await getServerSession(authOptions)
  if (!session) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  }
  [1, 2].forEach((n) => seen.push(n))
  const rows = await db.tags.list()
  ;(await db.tags.touch()).valueOf()
  return NextResponse.json({ seen, rows })
}
