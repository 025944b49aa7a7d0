import { getServerSession } from 'next-auth';

export default function ProjectsPage() {
  async function star(form: FormData) {
    'use server';
    const session = await getServerSession();
    return { starredBy: session?.user, id: form.get('id') };
  }
  return <form action={star} />;
}
