export * from './auth';
export * from './db';
