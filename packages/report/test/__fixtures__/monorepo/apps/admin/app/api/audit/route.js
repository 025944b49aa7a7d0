import { readSession } from '~/session';

export async function GET() {
  const session = await readSession();
  return Response.json({ by: session?.user });
}
