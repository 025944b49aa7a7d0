import { half } from '@/lib/broken';

export async function GET() {
  return Response.json(half());
}
