import { A } from '../../../lib/ca';

export async function GET() {
  return Response.json(await A(1));
}
