import { NextResponse } from 'next/server'
import { db } from '@/lib/db'
import { withTenantContext } from '@/lib/api-wrapper'

export const POST = withTenantContext(async () => {
  const seen = []
  ;[1, 2].forEach((n) => seen.push(n))
  const rows = await db.tags.list()
  ;(await db.tags.touch()).valueOf()
  return NextResponse.json({ seen, rows })
})
