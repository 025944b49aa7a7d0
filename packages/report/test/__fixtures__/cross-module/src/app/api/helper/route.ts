import { formatName, getCurrentUser } from '@/lib/auth';

export async function GET() {
  const user = await getCurrentUser();
  return Response.json(user);
}

export async function POST(req: Request) {
  const body = (await req.json()) as { name?: string };
  return Response.json({ name: formatName(body) });
}
