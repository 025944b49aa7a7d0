export * from '@/lib/handlers/projects';
