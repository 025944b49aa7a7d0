// Helpers loaded at run time read the session as much as imported ones.
const { getCurrentUser } = require('../../../lib/auth');

export async function GET() {
  return Response.json(await getCurrentUser());
}

export async function POST() {
  const auth = await import('@/lib/auth');
  return Response.json(await auth.getCurrentUser());
}
