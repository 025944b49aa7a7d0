export { GET, POST } from '@/lib/handlers/projects';
