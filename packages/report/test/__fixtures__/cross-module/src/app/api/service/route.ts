import { SessionReader, sessionService } from '@/lib/auth';

export async function GET() {
  return Response.json({ tenant: await sessionService.tenantOf() });
}

export async function POST() {
  return Response.json(await SessionReader.current());
}
