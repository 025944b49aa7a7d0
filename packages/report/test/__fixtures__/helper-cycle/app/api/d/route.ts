import { B } from '../../../lib/cb';

export async function GET() {
  return Response.json(await B(1));
}
