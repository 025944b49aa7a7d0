import { siteName } from '@/lib/site';

export async function GET() {
  return Response.json({ site: siteName });
}
