import * as sessions from '@/lib/ns';

export async function DELETE() {
  await sessions.requireUser();
  return new Response(null, { status: 204 });
}
