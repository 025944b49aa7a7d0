import { NextResponse } from 'next/server'
import { db } from '@/lib/db'
import { withTenantContext } from '@/lib/api-wrapper'
import { requireTenantContext } from '@/lib/tenant-utils'

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext()
  return NextResponse.json(await db.notes.list(ctx.tenantId))
});

[ 'warmup' ].forEach((key) => db.cache.touch(key))
