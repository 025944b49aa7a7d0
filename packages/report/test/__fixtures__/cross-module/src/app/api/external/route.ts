import { render } from 'some-markdown-package';

export async function GET() {
  return new Response(render('# hello'));
}
