import { NextResponse } from 'next/server';
import { getPlanCatalogue } from '@/lib/plans';
import { withTenantContext } from '@/lib/api-wrapper';

// Signed-in users see the full catalogue, including plans that are not on the marketing site.
export const GET = withTenantContext(async () => {
  return NextResponse.json(await getPlanCatalogue());
});
