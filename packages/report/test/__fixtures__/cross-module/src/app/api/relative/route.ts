import { getCurrentUser } from '../../../lib/auth';

async function loadMe() {
  return getCurrentUser();
}

export async function GET() {
  return Response.json(await loadMe());
}
