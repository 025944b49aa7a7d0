import { currentMember } from '@acme/auth';

export async function GET() {
  return Response.json(await currentMember());
}
